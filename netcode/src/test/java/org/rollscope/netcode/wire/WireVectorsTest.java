package org.rollscope.netcode.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden vectors produced by MUG's own browser encoders (shared/vectors/wire-mug.json, copied into test resources):
 * every one must decode to its fields and encode from its fields to the same bytes.
 */
class WireVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    static List<JsonNode> vectors() {
        try (InputStream in = WireVectorsTest.class.getResourceAsStream("/vectors/wire-mug.json")) {
            assertNotNull(in, "test resource /vectors/wire-mug.json is missing");
            List<JsonNode> all = new ArrayList<>();
            JSON.readTree(in).forEach(all::add);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> mugVectors() {
        return vectors().stream().map(v -> Arguments.of(v.get("name").asText(), v.get("hex").asText(), v.get("decoded")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mugVectors")
    void vectorDecodesToItsFields(String name, String hex, JsonNode decoded) throws MalformedPacketException {
        Message message = WireCodec.decode(HEX.parseHex(hex));

        @SuppressWarnings("unchecked")
        Map<String, Object> expected = JSON.convertValue(decoded, Map.class);
        assertEquals(expected, VectorFields.of(message), name + ": decoded fields differ");
        assertEquals(VectorFields.toMessage(decoded), message, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mugVectors")
    void vectorFieldsEncodeToItsBytes(String name, String hex, JsonNode decoded) {
        Message fromFields = VectorFields.toMessage(decoded);

        byte[] encoded = WireCodec.encode(fromFields);

        assertEquals(hex, HEX.formatHex(encoded), name + ": encoded bytes differ");
        assertEquals(encoded.length, WireCodec.encodedLength(fromFields), name + ": encodedLength");
    }

    @Test
    void vectorFileHoldsFortyVectorsCoveringElevenTypes() {
        List<JsonNode> all = vectors();
        TreeSet<String> types = new TreeSet<>();
        all.forEach(v -> types.add(v.get("decoded").get("type").asText()));
        assertEquals(40, all.size(), "vector count");
        assertEquals(11, types.size(), "types covered (all but KEEPALIVE): " + types);
    }

    /** wire.md §1: INPUT from player 1, currentFrame 120, inputs (118,3) (119,0) (120,2). */
    @Test
    void workedExampleOfTheSpecRoundTrips() throws MalformedPacketException {
        byte[] bytes = HEX.parseHex("01" + "0001" + "00000078" + "03" + "00" + "00000076" + "03" + "00000077" + "00"
                + "00000078" + "02");
        Message expected = new Message.Input(1, 120, List.of(
                new Message.FrameAction(118, 3), new Message.FrameAction(119, 0), new Message.FrameAction(120, 2)));

        assertEquals(expected, WireCodec.decode(bytes));
        assertArrayEquals(bytes, WireCodec.encode(expected));
    }

    @Test
    void keepaliveIsOneTypeByte() throws MalformedPacketException {
        assertArrayEquals(new byte[] {0x04}, WireCodec.encode(new Message.Keepalive()));
        assertEquals(new Message.Keepalive(), WireCodec.decode(new byte[] {0x04}));
    }

    @Test
    void encodeIntoBufferWritesAtOffsetAndDecodeReadsASlice() throws MalformedPacketException {
        Message ping = new Message.Ping(355186.939);
        byte[] buffer = new byte[20];
        buffer[0] = (byte) 0xEE;

        int written = WireCodec.encode(ping, buffer, 3);

        assertEquals(9, written);
        assertEquals("024115adcbc189374c", HEX.formatHex(buffer, 3, 12));
        assertEquals((byte) 0xEE, buffer[0], "bytes before the offset are untouched");
        assertEquals(ping, WireCodec.decode(buffer, 3, written));
    }
}
