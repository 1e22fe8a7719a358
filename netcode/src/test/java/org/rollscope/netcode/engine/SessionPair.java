package org.rollscope.netcode.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.sim.ActionSource;
import org.rollscope.netcode.wire.Message;

/**
 * Two sessions driven tick by tick with an injected clock and a hand-controlled link: each tick's messages are
 * delivered at the next tick unless the filter holds them (held messages can be delivered later by the test).
 */
final class SessionPair {
    final RollbackSession[] sessions = new RollbackSession[2];
    final FrameRunner[] runners = new FrameRunner[2];
    final List<List<FrameRecord>> records = List.of(new ArrayList<>(), new ArrayList<>());
    final List<List<SessionEvent>> events = List.of(new ArrayList<>(), new ArrayList<>());
    final List<List<Message>> inFlight = List.of(new ArrayList<>(), new ArrayList<>()); // to peer i
    final List<AdvanceResult> lastResults = new ArrayList<>(List.of(
            new AdvanceResult(List.of(), null), new AdvanceResult(List.of(), null)));
    final ActionSource actions;
    /** (fromPeer, message) -> deliver? */
    BiPredicate<Integer, Message> deliver = (p, m) -> true;
    final List<List<Message>> held = List.of(new ArrayList<>(), new ArrayList<>()); // sent by peer i, held back
    long nowMs;

    SessionPair(SessionConfig config, Game g0, Game g1, long seed0, long seed1, ActionSource actions) {
        this.actions = actions;
        Game[] games = {g0, g1};
        long[] seeds = {seed0, seed1};
        for (int p = 0; p < 2; p++) {
            sessions[p] = new RollbackSession(config, p, games[p].snapshotSize());
            runners[p] = new FrameRunner(games[p], seeds[p]);
        }
    }

    /** One 16 ms tick of both peers: deliver last tick's messages, then each peer steps and sends. */
    void tick() {
        nowMs += 16;
        for (int p = 0; p < 2; p++) {
            List<Message> msgs = new ArrayList<>(inFlight.get(p));
            inFlight.get(p).clear();
            for (Message m : msgs) {
                sessions[p].onMessage(m, nowMs);
            }
        }
        for (int p = 0; p < 2; p++) {
            tickOne(p);
        }
    }

    void tickOne(int p) {
        RollbackSession s = sessions[p];
        if (s.state() == RollbackSession.State.RUNNING) {
            s.addLocalInput(actions.action(p, s.episode(), s.localInputFrame()));
        }
        AdvanceResult r = s.advanceFrame(nowMs);
        lastResults.set(p, new AdvanceResult(List.copyOf(r.requests()), r.rejectReason()));
        runners[p].run(r, s, nowMs);
        int from = p;
        s.drainOutgoing(m -> {
            if (deliver.test(from, m)) {
                inFlight.get(1 - from).add(m);
            } else {
                held.get(from).add(m);
            }
        });
        s.drainConfirmed(records.get(p)::add);
        s.drainEvents(events.get(p)::add);
    }

    void ticks(int n) {
        for (int i = 0; i < n; i++) {
            tick();
        }
    }
}
