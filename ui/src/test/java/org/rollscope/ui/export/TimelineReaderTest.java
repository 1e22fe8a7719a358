package org.rollscope.ui.export;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TimelineReaderTest {

    private static TimelineReader.TimelineFormatException fails(String json) {
        return assertThrows(TimelineReader.TimelineFormatException.class, () -> new TimelineReader()
                .read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x.json"));
    }

    @Test
    void brokenJsonIsRefusedWithTheFileNameAndLine() {
        String message = fails("{\"meta\": {\"format\": \"rollscope-timeline\",\n \"version\": 1,\n \"samples\": [").getMessage();
        assertTrue(message.startsWith("x.json is not a readable timeline"), message);
        assertTrue(message.contains("line"), message);
    }

    @Test
    void jsonThatIsNotATimelineIsRefused() {
        String message = fails("{\"hello\": 1}").getMessage();
        assertTrue(message.contains("not a Rollscope timeline"), message);
    }

    @Test
    void aNewerVersionIsRefusedWithBothVersions() {
        String message = fails("{\"meta\": {\"format\": \"rollscope-timeline\", \"version\": 9}, \"samples\": [], \"events\": []}")
                .getMessage();
        assertTrue(message.contains("version 9") && message.contains("up to 1"), message);
    }

    @Test
    void aSampleWithAnInvalidLinkIsRefusedNotHalfLoaded() {
        String message = fails("{\"meta\": {\"format\": \"rollscope-timeline\", \"version\": 1}, \"samples\": [{\"game_id\": \"g\","
                + " \"player_id\": \"p\", \"link\": {\"latency_ms\": 1, \"jitter_ms\": 0, \"loss\": 7, \"duplicate\": 0,"
                + " \"reorder\": 0, \"bandwidth_kbps\": 0}}], \"events\": []}").getMessage();
        assertTrue(message.contains("loss"), message);
    }
}
