package org.rollscope.netcode.load;

import java.util.concurrent.CompletableFuture;

/**
 * A session of two {@link SimulatedPeer}s: seat "0" is the one commanded, seat "1" watches for its relayed inputs.
 * Thread-safe.
 */
final class SimulatedSession implements SwitchTarget {
    private final SimulatedPeer commanded;
    private final SimulatedPeer other;

    SimulatedSession(SimulatedPeer commanded, SimulatedPeer other) {
        this.commanded = commanded;
        this.other = other;
    }

    @Override
    public String gameId() {
        return commanded.gameId();
    }

    @Override
    public String commandedPlayerId() {
        return commanded.playerId();
    }

    @Override
    public CompletableFuture<Long> nextRelayedInputNanos() {
        // The commanded peer tags the inputs of its next fallback with the next epoch, so a straggler from an
        // earlier fallback of this session cannot end the measurement early.
        return other.awaitRelayedInput(commanded.fallbackEpoch() + 1);
    }
}
