package org.rollscope.netcode.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The malformed corpus: each case is one way a packet can be damaged, and must be rejected with its own reason (never
 * another exception, never a message). Also the edge cases that must still be accepted.
 */
class WireCodecMalformedTest {
    private static final HexFormat HEX = HexFormat.of();
    /** wire.md §1 worked example: INPUT, player 1, currentFrame 120, inputs (118,3) (119,0) (120,2); 24 bytes. */
    private static final String WORKED_INPUT = "01" + "0001" + "00000078" + "03" + "00"
            + "00000076" + "03" + "00000077" + "00" + "00000078" + "02";

    private static MalformedPacketException rejected(String hex) {
        byte[] packet = HEX.parseHex(hex);
        return assertThrows(MalformedPacketException.class, () -> WireCodec.decode(packet),
                () -> "expected a rejection of " + hex);
    }

    private static void assertRejected(RejectReason reason, String hex) {
        MalformedPacketException e = rejected(hex);
        assertEquals(reason, e.reason(), () -> "reason for " + hex + " (message: " + e.getMessage() + ")");
        assertTrue(e.isMalformed(), "a " + reason + " packet is malformed");
    }

    private static Message accepted(String hex) throws MalformedPacketException {
        return WireCodec.decode(HEX.parseHex(hex));
    }

    // ---- empty, unknown, text ---------------------------------------------------------------------------------

    @Test
    void emptyPacketIsRejected() {
        assertRejected(RejectReason.EMPTY, "");
    }

    @Test
    void emptySliceOfALargerBufferIsRejected() {
        byte[] buffer = HEX.parseHex(WORKED_INPUT);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> WireCodec.decode(buffer, 5, 0));
        assertEquals(RejectReason.EMPTY, e.reason());
    }

    @Test
    void unknownTypeIsRejected() {
        assertRejected(RejectReason.UNKNOWN_TYPE, "080000000000000000");
    }

    @Test
    void typeZeroIsRejected() {
        assertRejected(RejectReason.UNKNOWN_TYPE, "00");
    }

    @Test
    void everyTypeInTheGapBetweenStateHashAndValidationPingIsRejected() {
        for (int type = 0x08; type <= 0x0F; type++) {
            assertRejected(RejectReason.UNKNOWN_TYPE, String.format("%02x00000000000000000000000000", type));
        }
    }

    @Test
    void typeAboveFocusStateIsRejected() {
        assertRejected(RejectReason.UNKNOWN_TYPE, "15010000007b");
        assertRejected(RejectReason.UNKNOWN_TYPE, "ff");
    }

    @Test
    void mugJsonTestFrameIsRecognisedAsTextAndNotCountedAsMalformed() {
        byte[] text = "{\"type\":\"test\",\"message\":\"hello from peer\"}".getBytes(StandardCharsets.UTF_8);

        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> WireCodec.decode(text));

        assertTrue(WireCodec.isTextFrame(text));
        assertEquals(RejectReason.TEXT_FRAME, e.reason());
        assertFalse(e.isMalformed(), "text frames are tolerated and ignored");
    }

    @Test
    void jsonArrayWithSurroundingWhitespaceIsATextFrame() {
        assertTrue(WireCodec.isTextFrame(" [1, 2]\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unterminatedJsonIsUnknownTypeNotText() {
        byte[] cut = "{\"type\":\"te".getBytes(StandardCharsets.UTF_8);
        assertFalse(WireCodec.isTextFrame(cut));
        assertRejected(RejectReason.UNKNOWN_TYPE, HEX.formatHex(cut));
    }

    @Test
    void binaryPacketsAreNotTextFrames() {
        assertFalse(WireCodec.isTextFrame(HEX.parseHex(WORKED_INPUT)));
        assertFalse(WireCodec.isTextFrame(new byte[0]));
        assertFalse(WireCodec.isTextFrame(new byte[] {'{'}));
    }

    // ---- INPUT -----------------------------------------------------------------------------------------------

    @Test
    void inputWithTruncatedHeaderIsRejected() {
        assertRejected(RejectReason.TRUNCATED, WORKED_INPUT.substring(0, 2 * 8));
    }

    @Test
    void inputWithTruncatedFrameIsRejected() {
        assertRejected(RejectReason.TRUNCATED, WORKED_INPUT.substring(0, WORKED_INPUT.length() - 2 * 3));
    }

    @Test
    void inputMissingOneActionByteIsRejected() {
        assertRejected(RejectReason.TRUNCATED, WORKED_INPUT.substring(0, WORKED_INPUT.length() - 2));
    }

    @Test
    void inputWithTrailingBytesIsRejected() {
        assertRejected(RejectReason.TRAILING_BYTES, WORKED_INPUT + "00");
    }

    @Test
    void inputWithCountZeroIsRejected() {
        assertRejected(RejectReason.BAD_COUNT, "010001000000780000");
    }

    @Test
    void inputWithCountSixteenIsRejected() {
        StringBuilder hex = new StringBuilder("01000100000078" + "10" + "00");
        for (int i = 0; i < 16; i++) {
            hex.append(String.format("%08x00", 105 + i));
        }
        assertRejected(RejectReason.BAD_COUNT, hex.toString());
    }

    @Test
    void inputWhoseCountDisagreesWithItsLengthIsRejected() {
        // count says 4, three inputs follow: the browsers' decoder would read past the end
        assertRejected(RejectReason.TRUNCATED, WORKED_INPUT.substring(0, 14) + "04" + WORKED_INPUT.substring(16));
        // count says 2, three inputs follow
        assertRejected(RejectReason.TRAILING_BYTES, WORKED_INPUT.substring(0, 14) + "02" + WORKED_INPUT.substring(16));
    }

    @Test
    void inputWithNonZeroReservedByteIsRejected() {
        assertRejected(RejectReason.RESERVED_NOT_ZERO, WORKED_INPUT.substring(0, 16) + "01" + WORKED_INPUT.substring(18));
    }

    @Test
    void inputWithCurrentFrameAboveIntMaxIsRejected() {
        assertRejected(RejectReason.FRAME_OUT_OF_RANGE, "010001" + "80000000" + WORKED_INPUT.substring(14));
    }

    @Test
    void inputWithInputFrameAboveIntMaxIsRejected() {
        assertRejected(RejectReason.FRAME_OUT_OF_RANGE, WORKED_INPUT.substring(0, 18) + "ffffffff03"
                + WORKED_INPUT.substring(28));
    }

    @Test
    void inputWithFifteenInputsAndIntMaxFramesIsAccepted() throws MalformedPacketException {
        StringBuilder hex = new StringBuilder("01ffff7fffffff" + "0f" + "00");
        for (int i = 0; i < 15; i++) {
            hex.append("7fffffff").append("ff");
        }
        Message.Input in = (Message.Input) accepted(hex.toString());
        assertEquals(0xFFFF, in.playerIndex());
        assertEquals(Integer.MAX_VALUE, in.currentFrame());
        assertEquals(15, in.inputs().size());
        assertEquals(new Message.FrameAction(Integer.MAX_VALUE, 255), in.inputs().get(14));
    }

    @Test
    void inputWithNonConsecutiveFramesIsLeftToTheEngine() throws MalformedPacketException {
        Message.Input in = (Message.Input) accepted("01" + "0000" + "0000000a" + "02" + "00" + "0000000a01" + "0000000505");
        assertEquals(List.of(new Message.FrameAction(10, 1), new Message.FrameAction(5, 5)), in.inputs());
    }

    // ---- fixed-size messages ---------------------------------------------------------------------------------

    @Test
    void pingTruncatedIsRejected() {
        assertRejected(RejectReason.TRUNCATED, "024115adcbc18937");
    }

    @Test
    void pingWithTrailingBytesIsRejected() {
        assertRejected(RejectReason.TRAILING_BYTES, "024115adcbc189374c00");
    }

    @Test
    void pingWithNaNTimestampIsRejected() {
        assertRejected(RejectReason.BAD_TIMESTAMP, "027ff8000000000000");
    }

    @Test
    void pongWithInfiniteTimestampIsRejected() {
        assertRejected(RejectReason.BAD_TIMESTAMP, "037ff0000000000000");
        assertRejected(RejectReason.BAD_TIMESTAMP, "03fff0000000000000");
    }

    @Test
    void validationPingTruncatedIsRejected() {
        assertRejected(RejectReason.TRUNCATED, "10");
    }

    @Test
    void validationPongWithTrailingBytesIsRejected() {
        assertRejected(RejectReason.TRAILING_BYTES, "114115adcbc189374c4c");
    }

    @Test
    void keepaliveAloneIsAccepted() throws MalformedPacketException {
        assertEquals(new Message.Keepalive(), accepted("04"));
    }

    @Test
    void keepaliveWithTrailingBytesIsAccepted() throws MalformedPacketException {
        assertEquals(new Message.Keepalive(), accepted("04deadbeef"));
    }

    @Test
    void episodeEndTruncatedIsRejected() {
        assertRejected(RejectReason.TRUNCATED, "0500073853000000");
    }

    @Test
    void episodeEndWithTrailingBytesIsRejected() {
        assertRejected(RejectReason.TRAILING_BYTES, "05000738530000000b00");
    }

    @Test
    void episodeEndWithFrameAboveIntMaxIsRejected() {
        assertRejected(RejectReason.FRAME_OUT_OF_RANGE, "05800000000000000b");
    }

    @Test
    void episodeEndWithEpisodeAboveIntMaxIsRejected() {
        assertRejected(RejectReason.EPISODE_OUT_OF_RANGE, "0500073853ffffffff");
    }

    @Test
    void episodeReadyWithNonAsciiHashIsRejected() {
        assertRejected(RejectReason.BAD_HASH_TEXT, "060000000b61323963c3a96537");
    }

    @Test
    void episodeReadyWithTextAfterNulPaddingIsRejected() {
        assertRejected(RejectReason.BAD_HASH_TEXT, "060000000b6132390039306537");
    }

    @Test
    void episodeReadyWithNulPaddedShortHashIsAccepted() throws MalformedPacketException {
        assertEquals(new Message.EpisodeReady(11, "a29"), accepted("060000000b6132390000000000"));
        assertEquals(new Message.EpisodeReady(1, ""), accepted("06000000010000000000000000"));
    }

    @Test
    void episodeReadyWithEpisodeAboveIntMaxIsRejected() {
        assertRejected(RejectReason.EPISODE_OUT_OF_RANGE, "06f000000b6132396339306537");
    }

    @Test
    void episodeReadyTruncatedIsRejected() {
        assertRejected(RejectReason.TRUNCATED, "060000000b61323963393065");
    }

    @Test
    void stateHashTruncatedIsRejected() {
        assertRejected(RejectReason.TRUNCATED, "0700027213994a1d1f241b6a");
    }

    @Test
    void stateHashWithTrailingBytesIsRejected() {
        assertRejected(RejectReason.TRAILING_BYTES, "0700027213994a1d1f241b6a0000");
    }

    @Test
    void stateHashWithFrameAboveIntMaxIsRejected() {
        assertRejected(RejectReason.FRAME_OUT_OF_RANGE, "07ff027213994a1d1f241b6a00");
    }

    @Test
    void inputRequestWithEndFrameAboveIntMaxIsRejected() {
        assertRejected(RejectReason.FRAME_OUT_OF_RANGE, "120000fba4fffffffe");
    }

    @Test
    void inputRequestTruncatedIsRejected() {
        assertRejected(RejectReason.TRUNCATED, "120000fba4");
    }

    @Test
    void focusStateWithFlagTwoIsRejected() {
        assertRejected(RejectReason.BAD_FLAG, "140200018103");
    }

    @Test
    void focusStateTruncatedIsRejected() {
        assertRejected(RejectReason.TRUNCATED, "1401000181");
    }

    @Test
    void focusStateWithFrameAboveIntMaxIsRejected() {
        assertRejected(RejectReason.FRAME_OUT_OF_RANGE, "140180018103");
    }

    // ---- INPUT_RESPONSE --------------------------------------------------------------------------------------

    @Test
    void inputResponseWithTruncatedHeaderIsRejected() {
        assertRejected(RejectReason.TRUNCATED, "13000100");
    }

    @Test
    void inputResponseWithFewerInputsThanItsCountIsRejected() {
        assertRejected(RejectReason.TRUNCATED, "130000000300007bc30300007bc405");
    }

    @Test
    void inputResponseWithTrailingBytesIsRejected() {
        assertRejected(RejectReason.TRAILING_BYTES, "130000000100007bc30300");
    }

    @Test
    void inputResponseWithFrameAboveIntMaxIsRejected() {
        assertRejected(RejectReason.FRAME_OUT_OF_RANGE, "1300000001ffff7bc303");
    }

    @Test
    void inputResponseWithNoInputsIsAccepted() throws MalformedPacketException {
        assertEquals(new Message.InputResponse(1, List.of()), accepted("1300010000"));
    }

    // ---- messages and bounds ---------------------------------------------------------------------------------

    @Test
    void rejectionMessageNamesTheOffendingValues() {
        String message = rejected(WORKED_INPUT.substring(0, WORKED_INPUT.length() - 6)).getMessage();
        assertTrue(message.contains("INPUT") && message.contains("3 inputs") && message.contains("24")
                && message.contains("21"), message);
        String unknown = rejected("0a00").getMessage();
        assertTrue(unknown.contains("0x0a"), unknown);
        String frame = rejected("05ffffffff0000000b").getMessage();
        assertTrue(frame.contains("4294967295"), frame);
    }

    @Test
    void decodeReadsOnlyTheGivenSlice() throws MalformedPacketException {
        byte[] buffer = HEX.parseHex("ffff" + WORKED_INPUT + "ffff");
        assertEquals(WireCodec.decode(HEX.parseHex(WORKED_INPUT)), WireCodec.decode(buffer, 2, 24));
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> WireCodec.decode(buffer, 2, 23));
        assertEquals(RejectReason.TRUNCATED, e.reason(), "bytes after the slice must not be read");
    }

    @Test
    void sliceOutsideTheArrayIsACallerBugNotWireGarbage() {
        byte[] buffer = new byte[4];
        assertThrows(IndexOutOfBoundsException.class, () -> WireCodec.decode(buffer, 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> WireCodec.decode(buffer, -1, 1));
    }

    @Test
    void decodedInputListIsImmutableAndDetachedFromTheBuffer() throws MalformedPacketException {
        byte[] packet = HEX.parseHex(WORKED_INPUT);
        Message.Input in = (Message.Input) WireCodec.decode(packet);
        Arrays.fill(packet, (byte) 0);
        assertEquals(new Message.FrameAction(118, 3), in.inputs().get(0));
        assertThrows(UnsupportedOperationException.class, () -> in.inputs().add(new Message.FrameAction(1, 1)));
    }
}
