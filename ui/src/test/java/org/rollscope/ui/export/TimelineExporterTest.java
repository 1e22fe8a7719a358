package org.rollscope.ui.export;

import org.rollscope.netcode.timeline.TimelineColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.testing.SyntheticSession;

class TimelineExporterTest {

    @TempDir
    Path dir;

    private final TimelineExporter exporter = new TimelineExporter();

    private static List<Map<String, String>> readCsv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).with(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
                .readValues(file.toFile())) {
            return rows.readAll();
        }
    }

    private static List<String> header(Path file) throws IOException {
        return List.of(Files.readAllLines(file, StandardCharsets.UTF_8).get(0).split(","));
    }

    @Test
    void samplesCsvHasTheDocumentedColumnsAndOneRowPerSample() throws IOException {
        TimelineFile file = SyntheticSession.generate("g1", 20, 1, true);
        List<Path> written = exporter.writeAll(file, dir, "t", true, false, TimelineExporter.Progress.NONE);
        assertEquals(List.of(dir.resolve("t-samples.csv"), dir.resolve("t-events.csv")), written);

        assertEquals(TimelineColumns.SAMPLE_COLUMNS, header(dir.resolve("t-samples.csv")));
        assertEquals(38, TimelineColumns.SAMPLE_COLUMNS.size(),
                "31 fields of §1, link flattened into 6, and the source");
        List<Map<String, String>> rows = readCsv(dir.resolve("t-samples.csv"));
        assertEquals(file.samples().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            PeerSample s = file.samples().get(i);
            Map<String, String> row = rows.get(i);
            assertEquals(s.playerId(), row.get("player_id"));
            assertEquals(String.valueOf(s.tMs()), row.get("t_ms"));
            assertEquals(String.valueOf(s.confirmedFrame()), row.get("confirmed_frame"));
            assertEquals(s.rttMs() == null ? "" : String.valueOf(s.rttMs()), row.get("rtt_ms"));
            assertEquals(s.link() == null ? "" : String.valueOf(s.link().latencyMs()), row.get("link.latency_ms"));
        }
    }

    @Test
    void unknownValuesAreEmptyCellsNeverZero() throws IOException {
        TimelineFile file = SyntheticSession.generate("g1", 60, 1, false);
        exporter.writeAll(file, dir, "t", true, false, TimelineExporter.Progress.NONE);
        List<Map<String, String>> rows = readCsv(dir.resolve("t-samples.csv"));
        long relayRows = rows.stream().filter(r -> r.get("transport").equals("relay")).count();
        assertTrue(relayRows > 0, "the synthetic session falls back to the relay");
        rows.stream().filter(r -> r.get("transport").equals("relay")).forEach(r -> {
            assertEquals("", r.get("rtt_ms"), "no P2P RTT while on the relay");
            assertEquals("", r.get("gap_rate"));
        });
        rows.stream().filter(r -> r.get("player_id").equals("p2")).forEach(r -> assertEquals("", r.get("link.loss")));
    }

    @Test
    void fieldsASourceDoesNotReportAreEmptyAndEveryRowNamesItsSource() throws IOException {
        TimelineFile relay = SyntheticSession.generate("g1", 20, 1, true);
        TimelineFile.Meta m = relay.meta();
        // What a MUG server's export holds: the same record type, but only transport, RTT and episode reported.
        TimelineFile mug = new TimelineFile(new TimelineFile.Meta(m.format(), m.version(), "MUG http://lab:5702",
                m.exportedAtMs(), m.sessions(), m.firstTMs(), m.lastTMs(), 0, 0, m.sampleColumns(),
                List.of("episode", "rtt_ms", "transport", "transport_reason")), relay.samples(), relay.events());
        exporter.writeAll(mug, dir, "mug", true, false, TimelineExporter.Progress.NONE);
        List<Map<String, String>> rows = readCsv(dir.resolve("mug-samples.csv"));
        assertEquals(relay.samples().size(), rows.size());
        for (Map<String, String> r : rows) {
            assertEquals("MUG http://lab:5702", r.get("source"));
            assertEquals("", r.get("frame"), "MUG reports no frames: unknown, not the record's placeholder");
            assertEquals("", r.get("rollbacks"));
            assertEquals("", r.get("state"));
            assertFalse(r.get("transport").isEmpty());
            assertFalse(r.get("player_id").isEmpty());
        }
    }

    @Test
    void eventsCsvHasOneRowPerEvent() throws IOException {
        TimelineFile file = SyntheticSession.generate("g1", 60, 1, true);
        exporter.writeAll(file, dir, "t", true, false, TimelineExporter.Progress.NONE);
        assertEquals(TimelineColumns.EVENT_COLUMNS, header(dir.resolve("t-events.csv")));
        List<Map<String, String>> rows = readCsv(dir.resolve("t-events.csv"));
        assertEquals(file.events().size(), rows.size());
        assertEquals("created", rows.get(0).get("kind"));
        assertEquals("", rows.get(0).get("player_id"));
        assertTrue(rows.stream().anyMatch(r -> r.get("detail").equals("rtt_ms > 300 for 1.5 s")),
                "details with spaces and symbols survive");
    }

    @Test
    void jsonRoundTripGivesBackEverySampleAndEvent() throws IOException {
        TimelineFile file = SyntheticSession.generate("g1", 30, 3, true);
        exporter.writeAll(file, dir, "t", false, true, TimelineExporter.Progress.NONE);
        TimelineFile back = new TimelineReader().read(dir.resolve("t.json"));
        assertEquals(file.samples(), back.samples());
        assertEquals(file.events(), back.events());
        assertEquals(file.meta(), back.meta());
    }

    @Test
    void progressReachesTheTotalAndNeverGoesBack() throws IOException {
        TimelineFile file = SyntheticSession.generate("g1", 200, 3, true);
        List<long[]> updates = new ArrayList<>();
        exporter.writeAll(file, dir, "t", true, true, (done, total) -> updates.add(new long[] {done, total}));
        long total = TimelineExporter.workUnits(file, true, true);
        assertTrue(updates.size() > 4, "progress is reported along the way: " + updates.size());
        long last = -1;
        for (long[] u : updates) {
            assertEquals(total, u[1]);
            assertTrue(u[0] >= last, "progress went back from " + last + " to " + u[0]);
            last = u[0];
        }
        assertEquals(total, last);
    }

    @Test
    void noPartialFileIsLeftWhenWritingFails() throws IOException {
        Path blocked = dir.resolve("t-samples.csv.part");
        Files.createDirectories(blocked); // a directory where the temporary file should go: the write fails
        TimelineFile file = SyntheticSession.generate("g1", 5, 3, false);
        try {
            exporter.writeAll(file, dir, "t", true, false, TimelineExporter.Progress.NONE);
        } catch (IOException expected) {
            assertFalse(Files.exists(dir.resolve("t-samples.csv")));
            return;
        }
        throw new AssertionError("writing over a directory should have failed");
    }
}
