package org.rollscope.netcode.wire;

import java.util.List;

/**
 * Every binary message of the peer-to-peer channel (wire.md §1), as immutable values. {@link WireCodec} turns them
 * into the exact bytes MUG's browser peers send and back. Frames are u32 on the wire; Rollscope keeps them in an
 * {@code int} and rejects values above {@link Integer#MAX_VALUE} (about 1.1 years at 60 fps).
 */
public sealed interface Message {

    /** The type byte (byte 0 on the wire). */
    int type();

    /** One input: the action a player takes at a target frame. */
    record FrameAction(int frame, int action) {}

    /** 0x01: the sender's newest inputs, oldest first, 1..15 of them (browsers send the last 10). */
    record Input(int playerIndex, int currentFrame, List<FrameAction> inputs) implements Message {
        public Input {
            inputs = List.copyOf(inputs);
        }

        @Override
        public int type() {
            return WireTypes.INPUT;
        }
    }

    /** 0x02: a round-trip probe carrying the sender's monotonic clock in milliseconds. */
    record Ping(double timestampMs) implements Message {
        @Override
        public int type() {
            return WireTypes.PING;
        }
    }

    /** 0x03: the answer to a {@link Ping}, echoing its timestamp unchanged. */
    record Pong(double timestampMs) implements Message {
        @Override
        public int type() {
            return WireTypes.PONG;
        }
    }

    /** 0x04: keeps a path open; carries nothing. */
    record Keepalive() implements Message {
        @Override
        public int type() {
            return WireTypes.KEEPALIVE;
        }
    }

    /** 0x05: the sender's episode {@code episode} (0-based) ended after {@code frame} frames. */
    record EpisodeEnd(int frame, int episode) implements Message {
        @Override
        public int type() {
            return WireTypes.EPISODE_END;
        }
    }

    /** 0x06: the sender is ready for episode {@code episode} (1-based) whose initial state hashes to {@code stateHash} (≤ 8 ASCII chars). */
    record EpisodeReady(int episode, String stateHash) implements Message {
        @Override
        public int type() {
            return WireTypes.EPISODE_READY;
        }
    }

    /** 0x07: the 64-bit hash of the sender's state at a confirmed frame. */
    record StateHash(int frame, long hash) implements Message {
        @Override
        public int type() {
            return WireTypes.STATE_HASH;
        }
    }

    /** 0x10: connection handshake request. */
    record ValidationPing(double timestampMs) implements Message {
        @Override
        public int type() {
            return WireTypes.VALIDATION_PING;
        }
    }

    /** 0x11: connection handshake answer, echoing the request's timestamp. */
    record ValidationPong(double timestampMs) implements Message {
        @Override
        public int type() {
            return WireTypes.VALIDATION_PONG;
        }
    }

    /** 0x12: "send me your inputs for frames startFrame..endFrame (inclusive)". */
    record InputRequest(int startFrame, int endFrame) implements Message {
        @Override
        public int type() {
            return WireTypes.INPUT_REQUEST;
        }
    }

    /** 0x13: the responder's inputs for a requested range (u16 count, so up to 65,535). */
    record InputResponse(int playerIndex, List<FrameAction> inputs) implements Message {
        public InputResponse {
            inputs = List.copyOf(inputs);
        }

        @Override
        public int type() {
            return WireTypes.INPUT_RESPONSE;
        }
    }

    /** 0x14: the sender's tab gained or lost focus at {@code frame}. */
    record FocusState(boolean focused, int frame) implements Message {
        @Override
        public int type() {
            return WireTypes.FOCUS_STATE;
        }
    }
}
