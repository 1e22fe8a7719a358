package org.rollscope.netcode.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The observer's batch scanner reads the same ids, seqs and drop count as a full JSON parse. */
class BatchScannerTest {

    private static List<String> scanned(String batch, long[] dropped) {
        List<String> seen = new ArrayList<>();
        dropped[0] = BatchScanner.scan(batch, (game, player, seq) -> seen.add(game + "/" + player + "/" + seq));
        return seen;
    }

    private static List<String> parsed(String batch) {
        List<String> seen = new ArrayList<>();
        JSONArray samples = new JSONObject(batch).getJSONArray("samples");
        for (int i = 0; i < samples.length(); i++) {
            JSONObject s = samples.getJSONObject(i);
            seen.add(s.optString("game_id", null) + "/" + s.optString("player_id", null) + "/" + s.optLong("seq", -1));
        }
        return seen;
    }

    @Test
    void syntheticSamplesAsTheRelayBatchesThemAreReadLikeAFullParse() {
        StringBuilder batch = new StringBuilder("{\"samples\":[");
        for (int i = 0; i < 50; i++) {
            batch.append(i == 0 ? "" : ",").append(SyntheticSample.of("load-ab12-" + i, String.valueOf(i % 2), i * 7L,
                    1_700_000_000_000L + i, 10, i % 3 == 0 ? "relay" : "p2p", i, i / 2));
        }
        batch.append("],\"dropped\":3}");
        long[] dropped = {-1};
        List<String> seen = scanned(batch.toString(), dropped);
        assertEquals(parsed(batch.toString()), seen);
        assertEquals(50, seen.size());
        assertEquals(3, dropped[0]);
    }

    @Test
    void nestedValuesEscapesMemberOrderAndMissingFieldsDoNotConfuseIt() {
        String batch = "{ \"dropped\" : 0, \"samples\" : [ {\"seq\": 4, \"link\": {\"seq\": 99, \"game_id\": \"x\"},"
                + " \"note\": \"a \\\"quoted\\\" } ] , text\", \"game_id\": \"g1\", \"player_id\": \"1\","
                + " \"list\": [1, [2, {\"seq\": 5}], \"]\"], \"frame_advantage\": -0.5e1},"
                + " {\"player_id\": \"0\", \"game_id\": \"g2\"}, {\"game_id\": \"g3\", \"player_id\": \"0\", \"seq\": 1.5} ],"
                + " \"extra\": {\"samples\": [{\"seq\": 1}]} }";
        long[] dropped = {-1};
        List<String> seen = scanned(batch, dropped);
        assertEquals(List.of("g1/1/4", "g2/0/-1", "g3/0/-1"), seen);
        assertEquals(parsedWithFractionAsMissing(batch), seen);
        assertEquals(0, dropped[0]);
    }

    private static List<String> parsedWithFractionAsMissing(String batch) {
        List<String> seen = new ArrayList<>();
        JSONArray samples = new JSONObject(batch).getJSONArray("samples");
        for (int i = 0; i < samples.length(); i++) {
            JSONObject s = samples.getJSONObject(i);
            Object seq = s.opt("seq");
            seen.add(s.optString("game_id", null) + "/" + s.optString("player_id", null) + "/"
                    + (seq instanceof Integer || seq instanceof Long ? seq : -1));
        }
        return seen;
    }
}
