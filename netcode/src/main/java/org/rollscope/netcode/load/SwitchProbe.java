package org.rollscope.netcode.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.ObserverProtocol;

/**
 * Times the switch to the relay: an observer sends {@code force_fallback} for one seat and the clock stops when the
 * other seat receives the first input relayed because of it (observer → relay → commanded peer, which acknowledges
 * and relays → relay → other peer). Also times the observer's acknowledgement (sent by the relay once the peer
 * acknowledged). Each command is followed by {@code restore_p2p}; sessions are used in turn.
 *
 * <p>Runs its commands one at a time on the calling thread, paced evenly over the given window; blocks.
 */
final class SwitchProbe {
    /** A peer that has not relayed an input this long after the command is counted as a failure. */
    static final Duration INPUT_TIMEOUT = Duration.ofSeconds(3);

    private final LeanObserver observer;
    private final List<? extends SwitchTarget> targets;
    private final LatencyRecorder switchLatency = new LatencyRecorder();
    private final LatencyRecorder ackLatency = new LatencyRecorder();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure;

    SwitchProbe(LeanObserver observer, List<? extends SwitchTarget> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no session to command");
        }
        this.observer = observer;
        this.targets = targets;
    }

    /**
     * Sends {@code commands} force_fallback commands spread over {@code window}, stopping early when
     * {@code stopAtNanos} ({@link System#nanoTime()}) passes or the thread is interrupted.
     */
    void run(int commands, Duration window, long stopAtNanos) {
        long start = System.nanoTime();
        long spacing = window.toNanos() / Math.max(1, commands + 1);
        for (int k = 0; k < commands && !Thread.currentThread().isInterrupted(); k++) {
            long due = start + spacing * (k + 1);
            if (!pauseUntil(due) || System.nanoTime() > stopAtNanos) {
                return;
            }
            probe(targets.get(k % targets.size()));
        }
    }

    private void probe(SwitchTarget target) {
        CompletableFuture<Long> firstInput = target.nextRelayedInputNanos();
        long sentAt = System.nanoTime();
        CompletableFuture<CommandResult> ack = observer.command(ObserverProtocol.FORCE_FALLBACK, target.gameId(),
                target.commandedPlayerId());
        CompletableFuture<Long> ackedAt = ack.thenApply(result -> System.nanoTime());
        try {
            long arrived = firstInput.get(INPUT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            switchLatency.record((arrived - sentAt) / 1000);
            CommandResult result = ack.get(INPUT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (result.ok()) {
                ackLatency.record((ackedAt.join() - sentAt) / 1000);
            } else {
                fail("force_fallback on " + target.gameId() + " refused: " + result.describe());
            }
        } catch (TimeoutException e) {
            fail("no relayed input from " + target.gameId() + "/" + target.commandedPlayerId() + " within "
                    + INPUT_TIMEOUT.toMillis() + " ms of force_fallback (ack: " + ack.getNow(null) + ")");
        } catch (ExecutionException e) {
            fail("force_fallback on " + target.gameId() + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            restore(target);
        }
    }

    private void restore(SwitchTarget target) {
        try {
            CommandResult result = observer.command(ObserverProtocol.RESTORE_P2P, target.gameId(),
                            target.commandedPlayerId())
                    .get(INPUT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            if (!result.ok()) {
                fail("restore_p2p on " + target.gameId() + " refused: " + result.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            fail("restore_p2p on " + target.gameId() + " got no answer");
        }
    }

    private void fail(String why) {
        failures.incrementAndGet();
        lastFailure = why;
    }

    /** Waits for the next command's turn (pacing, not synchronisation). False when interrupted. */
    private static boolean pauseUntil(long dueNanos) {
        long wait = dueNanos - System.nanoTime();
        if (wait <= 0) {
            return true;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    LatencyRecorder switchLatency() {
        return switchLatency;
    }

    LatencyRecorder ackLatency() {
        return ackLatency;
    }

    long failures() {
        return failures.get();
    }

    /** The last failure's explanation, or null. */
    String lastFailure() {
        return lastFailure;
    }
}
