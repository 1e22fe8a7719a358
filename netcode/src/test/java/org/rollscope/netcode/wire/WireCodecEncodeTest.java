package org.rollscope.netcode.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Encoding refuses what the wire cannot carry, naming the bad value, and writes nothing when it refuses. */
class WireCodecEncodeTest {
    private static final List<Message.FrameAction> ONE = List.of(new Message.FrameAction(7, 1));

    private static void assertRefused(String expectedInMessage, Message m) {
        Executable encode = () -> WireCodec.encode(m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, encode, m::toString);
        assertTrue(e.getMessage().contains(expectedInMessage), () -> "message \"" + e.getMessage()
                + "\" should name " + expectedInMessage);
    }

    private static List<Message.FrameAction> inputs(int n) {
        List<Message.FrameAction> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Message.FrameAction(i, i % 6));
        }
        return list;
    }

    @Test
    void inputWithNoInputsIsRefused() {
        assertRefused("got 0", new Message.Input(0, 5, List.of()));
    }

    @Test
    void inputWithSixteenInputsIsRefused() {
        assertRefused("got 16", new Message.Input(0, 15, inputs(16)));
    }

    @Test
    void inputWithFifteenInputsIsEncoded() {
        assertEquals(9 + 5 * 15, WireCodec.encode(new Message.Input(0, 14, inputs(15))).length);
    }

    @Test
    void playerIndexAbove65535IsRefused() {
        assertRefused("65536", new Message.Input(65536, 7, ONE));
        assertRefused("-1", new Message.InputResponse(-1, ONE));
    }

    @Test
    void negativeFrameIsRefused() {
        assertRefused("currentFrame", new Message.Input(0, -1, ONE));
        assertRefused("inputs[0].frame", new Message.Input(0, 7, List.of(new Message.FrameAction(-1, 0))));
        assertRefused("endFrame", new Message.InputRequest(0, -5));
        assertRefused("STATE_HASH frame", new Message.StateHash(-1, 0L));
        assertRefused("FOCUS_STATE frame", new Message.FocusState(true, Integer.MIN_VALUE));
        assertRefused("EPISODE_END frame", new Message.EpisodeEnd(-1, 0));
    }

    @Test
    void negativeEpisodeIsRefused() {
        assertRefused("episode", new Message.EpisodeEnd(10, -1));
        assertRefused("episode", new Message.EpisodeReady(-1, "abc"));
    }

    @Test
    void actionOutOfU8RangeIsRefused() {
        assertRefused("256", new Message.Input(0, 7, List.of(new Message.FrameAction(7, 256))));
        assertRefused("-1", new Message.InputResponse(0, List.of(new Message.FrameAction(7, -1))));
    }

    @Test
    void inputResponseWithMoreThan65535InputsIsRefused() {
        List<Message.FrameAction> many = Collections.nCopies(65536, new Message.FrameAction(1, 1));
        assertRefused("65536", new Message.InputResponse(0, many));
    }

    @Test
    void episodeReadyHashLongerThanEightCharactersIsRefused() {
        assertRefused("9", new Message.EpisodeReady(1, "a29c90e7f"));
    }

    @Test
    void episodeReadyHashThatIsNotAsciiIsRefused() {
        assertRefused("U+00E9", new Message.EpisodeReady(1, "a29c90é7"));
        assertRefused("U+0000", new Message.EpisodeReady(1, "a2\u00009"));
    }

    @Test
    void nonFiniteTimestampIsRefused() {
        assertRefused("NaN", new Message.Ping(Double.NaN));
        assertRefused("Infinity", new Message.ValidationPong(Double.POSITIVE_INFINITY));
    }

    @Test
    void refusedMessageLeavesTheBufferUntouched() {
        byte[] buffer = new byte[32];
        assertThrows(IllegalArgumentException.class,
                () -> WireCodec.encode(new Message.Input(0, 7, List.of(new Message.FrameAction(7, 300))), buffer, 0));
        assertArrayEquals(new byte[32], buffer);
    }

    @Test
    void bufferTooSmallIsRefusedBeforeWriting() {
        byte[] buffer = new byte[10];
        assertThrows(IndexOutOfBoundsException.class, () -> WireCodec.encode(new Message.StateHash(1, 2L), buffer, 0));
        assertArrayEquals(new byte[10], buffer);
    }

    @Test
    void pongEchoesThePingBytesExactly() throws MalformedPacketException {
        byte[] ping = HexFormat.of().parseHex("02c0fedcba98765432");
        Message.Ping decoded = (Message.Ping) WireCodec.decode(ping);
        byte[] pong = WireCodec.encode(new Message.Pong(decoded.timestampMs()));
        assertArrayEquals(java.util.Arrays.copyOfRange(ping, 1, 9), java.util.Arrays.copyOfRange(pong, 1, 9));
    }

    @Test
    void negativeZeroTimestampKeepsItsSign() {
        assertEquals("028000000000000000", HexFormat.of().formatHex(WireCodec.encode(new Message.Ping(-0.0))));
    }

    @Test
    void shortEpisodeReadyHashIsNulPadded() {
        assertEquals("06000000026162000000000000",
                HexFormat.of().formatHex(WireCodec.encode(new Message.EpisodeReady(2, "ab"))));
    }

    @Test
    void stateHashCarriesAllSixtyFourBits() {
        assertEquals("0700000001ffeeddccbbaa9988",
                HexFormat.of().formatHex(WireCodec.encode(new Message.StateHash(1, 0xffeeddccbbaa9988L))));
    }

    @Test
    void focusStateEncodesTheFlag() {
        assertEquals("140000000005", HexFormat.of().formatHex(WireCodec.encode(new Message.FocusState(false, 5))));
        assertEquals("140100000005", HexFormat.of().formatHex(WireCodec.encode(new Message.FocusState(true, 5))));
    }
}
