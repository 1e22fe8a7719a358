package org.rollscope.netcode.peer;

import org.rollscope.netcode.protocol.PeerEndpoint;
import org.rollscope.netcode.transport.ChannelState;
import org.rollscope.netcode.transport.TransportMode;
import org.rollscope.netcode.wire.Message;
import org.rollscope.netcode.wire.WireCodec;

/**
 * Sends what the engine queued by the path(s) the fallback policy chose: INPUT over the peer-to-peer channel, and each
 * new input as MUG's {@code pyodide_player_action} over the relay; every other message (hashes, episode sync, input
 * requests) over the channel when it is up and as a {@code rollscope_p2p_message} when the relay is in use, and over
 * the open channel in relay mode too when the relay cannot carry it (a MUG server: only inputs go that way).
 *
 * <p>No input is lost in a switch: when the relay path starts being used, the last {@link #RESEND_ON_SWITCH} local
 * inputs are sent over it again (the receiver ignores duplicates, first value wins). That covers what the other peer
 * may have missed while the channel was failing, well beyond the prediction window it can run ahead by.
 *
 * <p>Threads: the peer loop only.
 */
final class InputRouter {
    /** Several prediction windows (8) plus input delays: more than the other peer can be missing when a path dies. */
    static final int RESEND_ON_SWITCH = 64;

    private final PeerEndpoint endpoint;
    private final RelayPath relay;
    private final RelayHealth relayHealth;
    private final int[] recentFrames = new int[RESEND_ON_SWITCH];
    private final int[] recentActions = new int[RESEND_ON_SWITCH];
    private int recentCount;
    private int recentNext;
    private int newestLocalFrame = Integer.MIN_VALUE;
    private int newestRelayedFrame = Integer.MIN_VALUE;
    private int episode = -1;
    private boolean relayInUse;
    private long inputsSentP2p;
    private long inputsSentRelay;

    InputRouter(PeerEndpoint endpoint, RelayPath relay, RelayHealth relayHealth) {
        this.endpoint = endpoint;
        this.relay = relay;
        this.relayHealth = relayHealth;
    }

    /** Sends one message the engine queued, in episode {@code currentEpisode}, by the paths {@code mode} allows. */
    void route(Message message, TransportMode mode, ChannelState channel, int currentEpisode, long nowMs) {
        if (currentEpisode != episode) {
            episode = currentEpisode;
            recentCount = 0;
            newestLocalFrame = Integer.MIN_VALUE;
            newestRelayedFrame = Integer.MIN_VALUE;
        }
        if (message instanceof Message.Input input) {
            int newInputs = remember(input);
            if (mode.usesP2p()) {
                endpoint.send(input);
                inputsSentP2p += newInputs; // inputs, not their redundant copies (telemetry.md)
            }
            if (mode.usesRelay()) {
                startUsingRelay();
                relayNewInputs(nowMs);
            } else {
                relayInUse = false;
            }
            return;
        }
        boolean relayed = (mode.usesRelay() || channel != ChannelState.UP)
                && relay.sendP2pPacket(WireCodec.encode(message));
        // A MUG server carries no wire packets (sendP2pPacket refuses): a MUG page keeps its episode sync on the
        // DataChannel after its inputs fell back, so ours go there too while it is open, whatever the mode.
        if (channel == ChannelState.UP && (mode.usesP2p() || !relayed)) {
            endpoint.send(message);
        }
    }

    /**
     * Once per tick, after the engine's messages: a relay path the mode asks for starts this tick even when the
     * engine sent no INPUT (a running peer sends one only for a new input, and a waiting peer has none), re-sending
     * the recent inputs, so that a switch never waits for the next new frame.
     */
    void endTick(TransportMode mode, int currentEpisode, long nowMs) {
        if (currentEpisode == episode && mode.usesRelay() && !relayInUse && recentCount > 0) {
            startUsingRelay();
            relayNewInputs(nowMs);
        }
    }

    long inputsSentP2p() {
        return inputsSentP2p;
    }

    long inputsSentRelay() {
        return inputsSentRelay;
    }

    /** Keeps the packet's new inputs for a resend on switch; returns how many were new. */
    private int remember(Message.Input input) {
        int fresh = 0;
        for (Message.FrameAction fa : input.inputs()) {
            if (fa.frame() > newestLocalFrame) {
                fresh++;
                newestLocalFrame = fa.frame();
                recentFrames[recentNext] = fa.frame();
                recentActions[recentNext] = fa.action();
                recentNext = (recentNext + 1) % RESEND_ON_SWITCH;
                recentCount = Math.min(recentCount + 1, RESEND_ON_SWITCH);
            }
        }
        return fresh;
    }

    private void startUsingRelay() {
        if (!relayInUse) {
            relayInUse = true;
            newestRelayedFrame = Integer.MIN_VALUE; // send the whole recent window again
        }
    }

    private void relayNewInputs(long nowMs) {
        int start = (recentNext - recentCount + RESEND_ON_SWITCH) % RESEND_ON_SWITCH;
        for (int i = 0; i < recentCount; i++) {
            int slot = (start + i) % RESEND_ON_SWITCH;
            int frame = recentFrames[slot];
            if (frame > newestRelayedFrame && relay.sendAction(frame, recentActions[slot], episode,
                    () -> relayHealth.onAck(nowMs))) {
                newestRelayedFrame = frame;
                inputsSentRelay++;
            }
        }
    }
}
