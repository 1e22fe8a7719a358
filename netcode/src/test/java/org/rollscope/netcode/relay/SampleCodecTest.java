package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.json.JsonLimits;
import org.rollscope.netcode.json.JsonReader;
import org.rollscope.netcode.json.JsonValue;
import org.rollscope.netcode.load.SyntheticSample;
import org.rollscope.netcode.observer.ObserverProtocol;

/** The relay's Jackson-free sample codec gives Jackson's result, or steps aside. */
class SampleCodecTest {
    private static final JsonLimits LIMITS = JsonLimits.ofBytes(1 << 20);

    private static JsonValue.Obj parse(String json) {
        return (JsonValue.Obj) JsonReader.parse(json, LIMITS);
    }

    private static PeerSample jackson(JsonValue.Obj in) {
        return ObserverProtocol.mapper().convertValue(in.toPlain(), PeerSample.class);
    }

    private static String jacksonText(PeerSample sample) throws Exception {
        return ObserverProtocol.mapper().writeValueAsString(sample);
    }

    @Test
    void readsAndWritesWhatAPeerSendsExactlyAsJacksonDoes() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            String transport = random.nextBoolean() ? PeerSample.TRANSPORT_P2P : PeerSample.TRANSPORT_RELAY;
            JsonValue.Obj in = parse(SyntheticSample.of("g-" + i, "p" + (i % 2), random.nextInt(1 << 30),
                    System.currentTimeMillis() + random.nextInt(), 1 + random.nextInt(60), transport,
                    random.nextInt(1000), random.nextInt(1000)));
            PeerSample fast = SampleCodec.read(in);
            assertEquals(jackson(in), fast);
            PeerSample stamped = fast.withSeat("game-" + i, "1");
            assertEquals(jacksonText(stamped), SampleCodec.write(stamped));
        }
    }

    @Test
    void everyOptionalFieldSetOrNullComesOutTheSame() throws Exception {
        String full = "{\"seq\":3,\"t_ms\":9,\"state\":\"running\",\"frame_advantage\":-1.25,\"rtt_ms\":12,"
                + "\"relay_rtt_ms\":0.5,\"gap_rate\":null,\"buffered_amount\":4096,\"last_desync_frame\":77,"
                + "\"fps\":59.94,\"step_ms\":1e-3,\"ice_path\":\"host/udp\",\"ice_rtt_ms\":3.5,"
                + "\"source\":\"x\",\"subject_id\":\"s é ✓\",\"focused\":false,\"link\":null,\"extra\":{\"a\":[1]}}";
        JsonValue.Obj in = parse(full);
        PeerSample fast = SampleCodec.read(in);
        assertEquals(jackson(in), fast);
        assertEquals(jacksonText(fast), SampleCodec.write(fast));
        JsonValue.Obj sparse = parse("{\"seq\":1,\"t_ms\":2,\"state\":\"done\"}");
        assertEquals(jackson(sparse), SampleCodec.read(sparse));
        assertEquals(jacksonText(SampleCodec.read(sparse)), SampleCodec.write(SampleCodec.read(sparse)));
    }

    @Test
    void leavesEveryOtherShapeToJackson() {
        for (String odd : List.of("\"frame\":\"12\"", "\"frame\":1.5", "\"frame\":null", "\"frame\":4294967296",
                "\"rollbacks\":1e30", "\"rtt_ms\":\"3\"", "\"ice_path\":5", "\"focused\":1", "\"link\":{\"latency_ms\":5}",
                "\"unknown_fields\":[\"stalls\"]", "\"transport\":true")) {
            JsonValue.Obj in = parse("{\"seq\":1,\"t_ms\":2,\"state\":\"running\"," + odd + "}");
            assertNull(SampleCodec.read(in), odd);
        }
    }

    @Test
    void leavesSamplesItCannotWriteVerbatimToJackson() throws Exception {
        PeerSample base = SampleCodec.read(parse("{\"seq\":1,\"t_ms\":2,\"state\":\"running\"}"));
        assertNotNull(SampleCodec.write(base));
        assertNull(SampleCodec.write(base.withSeat("quote\"d", "1")));
        assertNull(SampleCodec.write(base.withSeat("line\nbreak", "1")));
        assertNull(SampleCodec.write(base.withSource("mug-probe", "s", List.of("stalls"), List.of())));
    }
}
