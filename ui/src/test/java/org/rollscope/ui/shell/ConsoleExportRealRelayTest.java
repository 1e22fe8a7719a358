package org.rollscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.PlayerSummary;
import org.rollscope.netcode.observer.SessionSummary;
import org.rollscope.netcode.observer.SessionsSnapshot;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.ui.export.ExportRequest;
import org.rollscope.ui.peer.PeerCardViewModel;
import org.rollscope.ui.session.SessionViewModel;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.testing.Fx;
import org.rollscope.ui.testing.RelayConsole;

/**
 * An export taken once a live session is over holds every sample the relay received, each once. "Over" is decided
 * by the relay's own record, not by the console's count standing still for a moment: the relay flushes telemetry to
 * observers in batches (25 ms by default), so a count that did not move between two polls may still be behind.
 */
class ConsoleExportRealRelayTest {

    @TempDir
    Path dir;

    private RelayConsole fixture;

    @BeforeEach
    void fixture() {
        fixture = new RelayConsole(dir);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    /** 25 ms is the relay's default flush; 100 ms the slowest it allows, well past a "count stopped moving" poll. */
    @ParameterizedTest(name = "telemetry flushed every {0} ms")
    @ValueSource(ints = {25, 100})
    void anExportAfterThePeersLeftHoldsEverySampleTheRelayReceivedExactlyOnce(int flushMs) throws Exception {
        RelayServer relay = fixture.relay(RelayConfig.builder().observerToken("t")
                .telemetryFlushInterval(Duration.ofMillis(flushMs)));
        fixture.console(relay.url(), "t", "g1");
        HeadlessPeer a = fixture.peer(relay.url(), "g1");
        HeadlessPeer b = fixture.peer(relay.url(), "g1");
        Fx.await(30, "both peers past frame 120", () -> fixture.bothPast("g1", 120), () -> fixture.describe("g1"));
        List<String> seats = List.of(a.playerId(), b.playerId());
        a.close();
        b.close();

        // The relay frees a seat before it announces "left" and takes no sample for a free seat: once the console
        // has both announcements, the relay's latest sample per seat is its last.
        Fx.await(20, "both seats left", () -> seats.stream().allMatch(seat -> fixture.session("g1").events().entries()
                .stream().anyMatch(e -> SessionEventRecord.LEFT.equals(e.kind()) && seat.equals(e.playerId()))),
                () -> Fx.call(() -> fixture.session("g1").events().entries().toString()));
        Map<String, Long> lastAtRelay = lastSeqPerSeat(relay);
        assertEquals(new TreeSet<>(seats), lastAtRelay.keySet(), "the relay's seats");
        // Samples reach an observer in the order the relay received them: the last one in means all are in.
        Fx.await(20, "the console has the relay's last sample of each seat",
                () -> lastAtRelay.equals(lastSeqInConsole()), () -> "relay " + lastAtRelay + ", console "
                        + Fx.call(this::lastSeqInConsole));
        int received = Fx.call(() -> fixture.app().window().controller().recorder().sampleCount());

        Path out = dir.resolve("export");
        Fx.run(() -> fixture.app().window().exports().export(new ExportRequest(out, "g1", "g1", true, true), null));
        Fx.await(30, "export finished", () -> !fixture.app().window().exports().runningProperty().get()
                && Files.exists(out.resolve("g1.json")), () -> Fx.call(() -> fixture.app().window().model()
                .statusProperty().get().text()));

        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(out.resolve("g1-samples.csv").toFile())) {
            it.forEachRemaining(rows::add);
        }
        assertEquals(received, rows.size(), "one row per sample the console recorded");
        Map<String, List<Long>> seqs = rows.stream().collect(Collectors.groupingBy(r -> r.get("player_id"),
                TreeMap::new, Collectors.mapping(r -> Long.parseLong(r.get("seq")), Collectors.toList())));
        for (String seat : seats) {
            List<Long> expected = LongStream.rangeClosed(0, lastAtRelay.get(seat)).boxed().toList();
            assertEquals(expected, seqs.get(seat).stream().sorted().toList(),
                    seat + ": every sample the relay received (seq 0.." + lastAtRelay.get(seat) + "), each once");
        }
    }

    /** The relay's latest sample number per seat of g1, from a snapshot it sends a new observer. */
    private static Map<String, Long> lastSeqPerSeat(RelayServer relay) throws Exception {
        ObserverClient observer = new ObserverClient(relay.url(), "t");
        try {
            SessionsSnapshot snapshot = observer.connect().get(10, TimeUnit.SECONDS);
            SessionSummary g1 = snapshot.sessions().stream().filter(s -> s.gameId().equals("g1")).findFirst()
                    .orElseThrow(() -> new AssertionError("no g1 at the relay: " + snapshot));
            Map<String, Long> last = new TreeMap<>();
            for (PlayerSummary p : g1.players()) {
                assertNotNull(p.sample(), "the relay has samples of " + p.playerId());
                last.put(p.playerId(), p.sample().seq());
            }
            return last;
        } finally {
            observer.close();
        }
    }

    /** The latest sample number per peer in the console (FX thread). */
    private Map<String, Long> lastSeqInConsole() {
        SessionViewModel s = fixture.session("g1");
        Map<String, Long> last = new TreeMap<>();
        if (s != null) {
            for (PeerCardViewModel p : s.peers()) {
                if (p.latest() != null) last.put(p.playerId(), p.latest().seq());
            }
        }
        return last;
    }
}
