package org.rollscope.netcode.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.engine.SessionConfig;
import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.testgame.CounterGame;
import org.rollscope.netcode.testgame.TestBots;
import org.rollscope.netcode.testing.DocumentedEpisodeCsv;
import org.rollscope.netcode.testing.EpisodeCsvFile;
import org.rollscope.netcode.transport.LinkProfile;

class SimulationReportTest {

    @Test
    void writesBothPeersLockstepAndSummaryWithIdenticalSharedColumns(@TempDir Path dir) throws Exception {
        Supplier<Game> games = () -> new CounterGame(300, 0);
        ActionSource bot = TestBots.sticky(3, 6);
        SessionConfig config = SessionConfig.builder().actionCount(6).build();
        LinkProfile link = new LinkProfile(100, 30, 0.1, 0.05, 0.05, 0);
        SimulationReport.Outcome o = SimulationReport.run(Simulator.options().seed(3).episodes(2).link(link)
                .config(config).games(games).actions(bot), games, bot, 3, 2, config, link, dir);
        assertTrue(o.parity());
        for (String prefix : List.of("peer0", "peer1", "lockstep")) {
            for (int k = 0; k < 2; k++) {
                EpisodeCsvFile csv = EpisodeCsvFile.read(dir.resolve(prefix + "_ep" + k + ".csv"));
                assertEquals(DocumentedEpisodeCsv.columns(), csv.header(), "README's header, " + prefix + k);
                assertEquals(300, csv.rowCount(), prefix + k);
            }
        }
        for (int k = 0; k < 2; k++) {
            List<String> ls = EpisodeCsvFile.read(dir.resolve("lockstep_ep" + k + ".csv")).sharedRows();
            assertEquals(ls, EpisodeCsvFile.read(dir.resolve("peer0_ep" + k + ".csv")).sharedRows(), "peer0 " + k);
            assertEquals(ls, EpisodeCsvFile.read(dir.resolve("peer1_ep" + k + ".csv")).sharedRows(), "peer1 " + k);
        }
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertTrue(s.get("parity").get("held").asBoolean());
        assertEquals(2, s.get("peers").size());
        JsonNode peer0 = s.get("peers").get(0);
        for (String name : List.of("rollbacks", "rollback_frames", "max_rollback_depth", "stalls", "desyncs",
                "predicted_frames_total", "verified_frame")) {
            assertTrue(peer0.has(name), name);
        }
        assertTrue(peer0.get("rollbacks").asLong() > 0);
        assertEquals(100.0, s.get("link").get("latency_ms").asDouble());
    }
}
