package org.rollscope.netcode.load;

import java.util.concurrent.CompletableFuture;

/**
 * The peer side of the switch-latency measurement: one session in which an observer forces one seat onto the relay
 * and the other seat reports when the first relayed input arrives. {@link SimulatedSession} implements it with
 * telemetry-only peers; an implementation backed by real headless peers (a hook on their relay transport) can be
 * plugged into {@link SwitchProbe} without changing the measurement.
 */
public interface SwitchTarget {

    /** The game to command. */
    String gameId();

    /** The seat that receives {@code force_fallback} and must start relaying its inputs. */
    String commandedPlayerId();

    /**
     * Called just before the command is sent. Completes with the {@link System#nanoTime()} at which the other seat
     * receives the first input the commanded seat relays because of this command (never one relayed before it).
     * May never complete if the peer does not obey; the probe applies its own timeout.
     */
    CompletableFuture<Long> nextRelayedInputNanos();
}
