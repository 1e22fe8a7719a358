package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class TelemetryBatchEncodingTest {

    @Test
    void aBatchIsTheSamplesAsEncodedAndTheDropCount() {
        EncodedJson batch = ObserverHub.encodeBatch(List.of(new EncodedJson("{\"seq\":1}"),
                new EncodedJson("{\"seq\":2,\"rtt_ms\":null}")), 3);
        assertEquals("{\"samples\":[{\"seq\":1},{\"seq\":2,\"rtt_ms\":null}],\"dropped\":3}", batch.toString());
        JSONObject parsed = new JSONObject(batch.toString());
        assertEquals(2, parsed.getJSONArray("samples").length());
        assertEquals(3, parsed.getLong("dropped"));
        assertEquals("{\"samples\":[],\"dropped\":5}", ObserverHub.encodeBatch(List.of(), 5).toString());
    }
}
