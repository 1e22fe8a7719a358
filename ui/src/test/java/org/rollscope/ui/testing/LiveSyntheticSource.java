package org.rollscope.ui.testing;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.source.SourceCapabilities;
import org.rollscope.ui.source.SourceListener;

/**
 * Many live two-peer sessions at 10 Hz, generated on a timer thread (like a relay's socket thread would deliver
 * them), for a load check of the console. Each session has a congestion spell of 20 s every 3 minutes, offset per
 * session, during which one peer goes to the relay.
 */
public final class LiveSyntheticSource implements SessionSource {

    private final int sessions;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "synthetic-live");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random(1);
    private final long startMs = System.currentTimeMillis();
    private volatile SourceListener listener;
    private long seq;
    private final long[][] rollbacks;

    public LiveSyntheticSource(int sessions) {
        this.sessions = sessions;
        this.rollbacks = new long[sessions][2];
    }

    @Override
    public String describe() {
        return sessions + " synthetic live sessions";
    }

    @Override
    public SourceCapabilities capabilities() {
        return SourceCapabilities.everything();
    }

    @Override
    public void connect(SourceListener l) {
        listener = l;
        l.onConnectionState(ConnectionState.of(ConnectionState.Kind.CONNECTED));
        java.util.ArrayList<SessionInfo> infos = new java.util.ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            infos.add(new SessionInfo(id(i), List.of("p1", "p2"), "running", false, startMs, null, null));
        }
        l.onSnapshot(infos);
        timer.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
    }

    private static String id(int i) {
        return String.format("load-%03d", i);
    }

    private void tick() {
        long now = System.currentTimeMillis();
        double t = (now - startMs) / 1000.0;
        seq++;
        for (int i = 0; i < sessions; i++) {
            double phase = (t + i * 7) % 180;
            boolean congested = phase > 150 && phase < 170;
            for (int seat = 0; seat < 2; seat++) {
                double rtt = congested ? 320 + random.nextGaussian() * 30 : 40 + random.nextGaussian() * 4;
                boolean relay = congested && seat == 0 && phase > 152;
                int frame = (int) (t * 60) + seat;
                int lag = (int) (rtt / 33) + 1;
                if (random.nextDouble() < rtt / 250) rollbacks[i][seat] += 1 + random.nextInt(3);
                listener.onSample(new PeerSample(id(i), seat == 0 ? "p1" : "p2", seq, now + seat * 20,
                        PeerSample.STATE_RUNNING, (int) (t / 45), frame, frame - lag, frame - lag - 2, frame - lag + 1,
                        seat == 0 ? 0.4 : -0.4, rollbacks[i][seat], rollbacks[i][seat] * 3, Math.min(8, lag), 8, lag, 0,
                        relay ? null : rtt, 60.0, relay ? null : (congested ? 0.22 : 0.003), relay ? null : 300L,
                        relay ? "relay" : "p2p", relay ? "rtt" : "ok", seq * 6, 0, seq * 6, 0, 0, null, 60.0, 2.0,
                        LinkProfile.PERFECT));
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    @Override
    public CompletableFuture<CommandResult> requestSnapshot() {
        return CompletableFuture.completedFuture(CommandResult.success());
    }

    @Override
    public CompletableFuture<CommandResult> forceFallback(String gameId, String playerId) {
        return CompletableFuture.completedFuture(CommandResult.success());
    }

    @Override
    public CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
        return CompletableFuture.completedFuture(CommandResult.success());
    }

    @Override
    public CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
        return CompletableFuture.completedFuture(CommandResult.success());
    }
}
