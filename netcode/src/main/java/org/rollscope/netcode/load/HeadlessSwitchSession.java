package org.rollscope.netcode.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;

/**
 * The switch-latency target played by two real headless peers (rollback engine, UDP channel, fallback policy): seat
 * 0 is commanded, seat 1 reports when the first input seat 0 relays arrives. One episode that no score and no frame
 * limit ends, so no episode transition (when no inputs flow) falls inside a measurement; closed with the run.
 *
 * <p>A fallen-back peer sends both ways until the relay proves itself and returns the same way after a restore, so
 * the probe's spacing (over a second) keeps the previous switch's relayed inputs from stopping the next clock.
 */
final class HeadlessSwitchSession implements SwitchTarget, AutoCloseable {
    static final String GAME = "load-switch";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final HeadlessPeer commanded;
    private final HeadlessPeer other;

    HeadlessSwitchSession(String relayUrl, String runId) {
        PeerConfig config = PeerConfig.builder(relayUrl).gameId(GAME + "-" + runId).episodes(1)
                .framesPerEpisode(Integer.MAX_VALUE / 2).pointsToWin(Integer.MAX_VALUE).build();
        this.commanded = new HeadlessPeer(config.toBuilder().playerId("0").build()).start();
        this.other = new HeadlessPeer(config.toBuilder().playerId("1").build()).start();
    }

    /** Waits until both peers play over P2P, or fails with what they last reported. */
    void awaitP2p() throws InterruptedException, LoadFailedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!onP2p(commanded) || !onP2p(other)) {
            if (System.nanoTime() > deadline) {
                throw new LoadFailedException("the headless switch peers did not reach P2P within "
                        + READY_TIMEOUT.toSeconds() + " s: " + commanded.latestSample() + " / "
                        + other.latestSample(), null);
            }
            Thread.sleep(20); // polling pace, the condition decides
        }
    }

    private static boolean onP2p(HeadlessPeer peer) {
        PeerSample s = peer.latestSample();
        return s != null && "p2p".equals(s.transport());
    }

    @Override
    public String gameId() {
        return commanded.gameId();
    }

    @Override
    public String commandedPlayerId() {
        return "0";
    }

    @Override
    public CompletableFuture<Long> nextRelayedInputNanos() {
        return other.nextRelayedInputNanos();
    }

    @Override
    public void close() {
        commanded.close();
        other.close();
    }
}
