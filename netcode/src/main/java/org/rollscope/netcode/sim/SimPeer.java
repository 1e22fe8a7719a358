package org.rollscope.netcode.sim;

import java.util.ArrayList;
import java.util.List;
import org.rollscope.netcode.engine.AdvanceResult;
import org.rollscope.netcode.engine.FrameRecord;
import org.rollscope.netcode.engine.FrameRunner;
import org.rollscope.netcode.engine.RollbackSession;
import org.rollscope.netcode.engine.SessionEvent;
import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.transport.LinkImpairment;
import org.rollscope.netcode.wire.Message;

/** One simulated peer: a session, its game and driver, its sending link, and what it exported. Package-private. */
final class SimPeer {

    /** PING every this many ms of the peer's clock; RTT = mean of the last {@link #RTT_SAMPLES}, as telemetry.md. */
    static final double PING_INTERVAL_MS = 500;
    static final int RTT_SAMPLES = 10;
    /** Non-rollback events kept for the result (rollbacks are counted by the session). */
    static final int EVENT_LIMIT = 10_000;

    final int player;
    final RollbackSession session;
    final FrameRunner runner;
    final LinkImpairment<byte[]> out;
    final double clockRate;
    final List<List<FrameRecord>> episodes = new ArrayList<>();
    final List<SessionEvent> events = new ArrayList<>();
    private final double[] rtt = new double[RTT_SAMPLES];
    private int rttCount;
    private double nextPingLocalMs;
    int maxDepth;
    long predictedTotal;
    double maxAbsAdvantage;
    long ticks;
    boolean dropConfirmed;

    SimPeer(int player, RollbackSession session, Game game, long gameSeed, LinkImpairment<byte[]> out,
            double clockRate) {
        this.player = player;
        this.session = session;
        this.runner = new FrameRunner(game, gameSeed);
        this.out = out;
        this.clockRate = clockRate;
    }

    /** This peer's own clock at virtual time {@code virtualMs} (a faster clock runs ahead). */
    double localMs(double virtualMs) {
        return virtualMs * clockRate;
    }

    /** One frame tick: input, advance, carry out, collect. Returns the messages to send. */
    void tick(double virtualMs, ActionSource actions, List<Message> send) {
        ticks++;
        long now = (long) localMs(virtualMs);
        if (session.state() == RollbackSession.State.RUNNING) {
            session.addLocalInput(actions.action(player, session.episode(), session.localInputFrame()));
        }
        AdvanceResult r = session.advanceFrame(now);
        runner.run(r, session, now);
        maxDepth = Math.max(maxDepth, session.maxRollbackDepth());
        if (session.state() == RollbackSession.State.RUNNING && session.frame() > 60) {
            maxAbsAdvantage = Math.max(maxAbsAdvantage, Math.abs(session.frameAdvantage()));
        }
        if (localMs(virtualMs) >= nextPingLocalMs) {
            nextPingLocalMs = localMs(virtualMs) + PING_INTERVAL_MS;
            send.add(new Message.Ping(localMs(virtualMs)));
        }
        session.drainOutgoing(send::add);
        session.drainConfirmed(this::keep);
        session.drainEvents(e -> {
            if (!(e instanceof SessionEvent.Rollback) && events.size() < EVENT_LIMIT) {
                events.add(e);
            }
        });
    }

    private void keep(FrameRecord r) {
        if (r.localPredicted()) {
            predictedTotal++;
        }
        if (dropConfirmed) {
            return;
        }
        while (episodes.size() <= r.episode()) {
            episodes.add(new ArrayList<>());
        }
        episodes.get(r.episode()).add(r);
    }

    void onPong(Message.Pong pong, double virtualMs) {
        rtt[rttCount % RTT_SAMPLES] = localMs(virtualMs) - pong.timestampMs();
        rttCount++;
        session.setRttMs(rttMs());
    }

    double rttMs() {
        int n = Math.min(rttCount, RTT_SAMPLES);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += rtt[i];
        }
        return n == 0 ? 0 : sum / n;
    }

    PeerSummary summary() {
        return PeerSummary.of(session, maxDepth, predictedTotal, maxAbsAdvantage, rttMs(), out.sentCount(),
                out.lostCount());
    }
}
