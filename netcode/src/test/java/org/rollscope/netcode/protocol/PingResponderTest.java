package org.rollscope.netcode.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.wire.Message;
import org.rollscope.netcode.wire.WireCodec;

class PingResponderTest {

    @Test
    void pingsGetTheirPongEchoingTheTimestamp() {
        assertArrayEquals(WireCodec.encode(new Message.Pong(1234.5678)),
                PingResponder.replyTo(WireCodec.encode(new Message.Ping(1234.5678))));
        assertArrayEquals(WireCodec.encode(new Message.ValidationPong(42.25)),
                PingResponder.replyTo(WireCodec.encode(new Message.ValidationPing(42.25))));
    }

    @Test
    void anythingElseGetsNoAnswerAndGarbageNeverThrows() {
        assertNull(PingResponder.replyTo(WireCodec.encode(new Message.Pong(1))));
        assertNull(PingResponder.replyTo(WireCodec.encode(new Message.Input(0, 5,
                List.of(new Message.FrameAction(5, 1))))));
        assertNull(PingResponder.replyTo(new byte[0]));
        assertNull(PingResponder.replyTo(new byte[] {0x02, 0x00})); // a truncated PING
        assertNull(PingResponder.replyTo(new byte[] {0x10}));
    }
}
