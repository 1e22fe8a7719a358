package org.rollscope.netcode.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.rollscope.netcode.engine.EpisodeCsv;
import org.rollscope.netcode.engine.FrameRecord;
import org.rollscope.netcode.engine.SessionConfig;
import org.rollscope.netcode.engine.SessionEvent;
import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * Runs a simulation and its lockstep reference and writes what {@code ./rollscope simulate} promises: {@code
 * peer0_epK.csv}, {@code peer1_epK.csv}, {@code lockstep_epK.csv} (K from 0, columns of {@link EpisodeCsv}) and
 * {@code summary.json} (each peer's figures under telemetry.md names, the parity verdict, the run's settings).
 *
 * <p>Threads: the caller's; blocks on file writes.
 */
public final class SimulationReport {

    /** The outcome, for the command's human summary. */
    public record Outcome(Simulator.Result result, List<List<FrameRecord>> lockstep, boolean parity,
            boolean prefixIdentical, String peer0VsPeer1, String peer0VsLockstep, String peer1VsLockstep, long wallMs,
            Path summaryFile) {}

    private SimulationReport() {}

    /**
     * @param options the simulation (games, actions, seed, episodes, links, config already set)
     * @param games the same game factory as in {@code options} (for the lockstep run)
     * @param actions the same action source as in {@code options}
     * @param gameSeed the seed the peers reset their games with
     * @param episodes episodes played
     * @param config the session config (input delay and default action shape the lockstep run)
     * @param link the impairment (recorded in the summary)
     * @param outDir created if missing
     * @throws IOException if a file cannot be written
     */
    public static Outcome run(Simulator.Options options, Supplier<Game> games, ActionSource actions, long gameSeed,
            int episodes, SessionConfig config, LinkProfile link, Path outDir) throws IOException {
        long t0 = System.nanoTime();
        Simulator.Result r = new Simulator(options).run();
        List<List<FrameRecord>> lockstep = Lockstep.run(games.get(), gameSeed, episodes, config.inputDelay(),
                config.defaultAction(), actions);
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        String d01 = Lockstep.firstDifference(r.peer0(), r.peer1());
        String d0l = Lockstep.firstDifference(r.peer0(), lockstep);
        String d1l = Lockstep.firstDifference(r.peer1(), lockstep);
        boolean parity = r.finished() && d01 == null && d0l == null && d1l == null;
        boolean prefixIdentical = Lockstep.samePrefix(r.peer0(), r.peer1()) && Lockstep.samePrefix(r.peer0(), lockstep)
                && Lockstep.samePrefix(r.peer1(), lockstep);

        Files.createDirectories(outDir);
        writeEpisodes(outDir, "peer0", r.peer0());
        writeEpisodes(outDir, "peer1", r.peer1());
        writeEpisodes(outDir, "lockstep", lockstep);

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seed", options.seed);
        summary.put("game_seed", gameSeed);
        summary.put("episodes", episodes);
        summary.put("input_delay", config.inputDelay());
        summary.put("prediction_window", config.predictionWindow());
        summary.put("hash_interval", config.hashInterval());
        summary.put("link", link);
        summary.put("finished", r.finished());
        summary.put("virtual_ms", Math.round(r.virtualMs()));
        summary.put("wall_ms", wallMs);
        List<Integer> lengths = new ArrayList<>();
        for (List<FrameRecord> ep : lockstep) {
            lengths.add(ep.size());
        }
        summary.put("episode_frames", lengths);
        summary.put("peers", List.of(r.summary0(), r.summary1()));
        Map<String, Object> parityMap = new LinkedHashMap<>();
        parityMap.put("held", parity);
        parityMap.put("prefix_identical", prefixIdentical);
        parityMap.put("peer0_vs_peer1", d01);
        parityMap.put("peer0_vs_lockstep", d0l);
        parityMap.put("peer1_vs_lockstep", d1l);
        summary.put("parity", parityMap);
        summary.put("events", List.of(eventStrings(r.events0()), eventStrings(r.events1())));
        Path summaryFile = outDir.resolve("summary.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(summaryFile.toFile(), summary);
        return new Outcome(r, lockstep, parity, prefixIdentical, d01, d0l, d1l, wallMs, summaryFile);
    }

    private static List<String> eventStrings(List<SessionEvent> events) {
        List<String> out = new ArrayList<>();
        for (SessionEvent e : events) {
            if (out.size() >= 100) {
                out.add("... " + (events.size() - 100) + " more");
                break;
            }
            out.add(e.toString());
        }
        return out;
    }

    private static void writeEpisodes(Path dir, String prefix, List<List<FrameRecord>> episodes) throws IOException {
        for (int k = 0; k < episodes.size(); k++) {
            try (Writer w = Files.newBufferedWriter(dir.resolve(prefix + "_ep" + k + ".csv"), StandardCharsets.UTF_8)) {
                EpisodeCsv.write(w, episodes.get(k));
            }
        }
    }
}
