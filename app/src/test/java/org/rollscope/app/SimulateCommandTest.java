package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.testing.DocumentedEpisodeCsv;
import org.rollscope.netcode.testing.EpisodeCsvFile;
import picocli.CommandLine;

/** Runs {@code rollscope simulate} through the real command line. */
class SimulateCommandTest {

    @Test
    void impairedRunWritesBothPeersLockstepAndSummaryAndHoldsParity(@TempDir Path dir) throws Exception {
        CommandRun r = CommandRun.of("simulate", "--seed", "5", "--latency", "100", "--jitter", "30", "--loss", "0.1",
                "--duplicate", "0.05", "--reorder", "0.05", "--episodes", "2", "--frames", "900",
                "--out", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("parity held"), r.out());
        for (String name : new String[] {"peer0_ep0.csv", "peer0_ep1.csv", "peer1_ep0.csv", "peer1_ep1.csv",
                "lockstep_ep0.csv", "lockstep_ep1.csv", "summary.json"}) {
            assertTrue(Files.size(dir.resolve(name)) > 0, name);
        }
        for (int k = 0; k < 2; k++) {
            EpisodeCsvFile lockstep = EpisodeCsvFile.read(dir.resolve("lockstep_ep" + k + ".csv"));
            assertEquals(DocumentedEpisodeCsv.columns(), lockstep.header(), "README's header");
            for (String peer : new String[] {"peer0", "peer1"}) {
                assertEquals(lockstep.sharedRows(), EpisodeCsvFile.read(dir.resolve(peer + "_ep" + k + ".csv"))
                        .sharedRows(), peer + " episode " + k + " vs lockstep, every column without local.");
            }
        }
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertTrue(s.get("parity").get("held").asBoolean());
        assertTrue(s.get("peers").get(0).get("rollbacks").asLong() > 0, "100 ms latency causes rollbacks");
        assertEquals(0, s.get("peers").get(1).get("desyncs").asLong());
    }

    @Test
    void badValuesAreUsageErrorsNamingTheValue(@TempDir Path dir) {
        CommandRun loss = CommandRun.of("simulate", "--loss", "1.5", "--out", dir.toString());
        assertEquals(2, loss.exit());
        assertTrue(loss.err().contains("loss"), loss.err());
        CommandRun window = CommandRun.of("simulate", "--window", "0", "--out", dir.toString());
        assertEquals(2, window.exit());
        assertTrue(window.err().contains("predictionWindow"), window.err());
        CommandRun bot = CommandRun.of("simulate", "--bot", "genius", "--out", dir.toString());
        assertEquals(2, bot.exit());
        assertTrue(bot.err().contains("unknown bot"), bot.err());
        CommandRun notANumber = CommandRun.of("simulate", "--latency", "fast");
        assertEquals(2, notANumber.exit());
    }

    @Test
    void helpExplainsTheOutputs() {
        CommandRun r = CommandRun.of("simulate", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("lockstep_epK.csv") && r.out().contains("--latency"), r.out());
    }
}
