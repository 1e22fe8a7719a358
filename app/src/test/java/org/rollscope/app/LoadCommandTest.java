package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rollscope load}: usage errors, and a tiny real run against its embedded relay (no timing asserted). */
class LoadCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void refusesARelayOffThisMachine() {
        assertEquals(2, run("load", "--server", "http://10.20.30.40:8765", "--token", "t"));
        assertTrue(err.toString().contains("this machine only"), err.toString());
    }

    @Test
    void refusesAServerWithoutItsTokenAndImpossibleCounts() {
        assertEquals(2, run("load", "--server", "http://127.0.0.1:8765"));
        assertTrue(err.toString().contains("token"), err.toString());
        assertEquals(2, run("load", "--sessions", "0"));
        assertTrue(err.toString().contains("sessions"), err.toString());
    }

    @Test
    void tinyRunPrintsTheFiguresAndWritesTheSameAsJson() throws Exception {
        Path json = dir.resolve("out/load.json");
        int exit = run("load", "--sessions", "2", "--observers", "1", "--seconds", "1", "--warmup-seconds", "0.2",
                "--switch-commands", "2", "--json", json.toString());
        JSONObject report = new JSONObject(Files.readString(json));
        assertEquals(report.getBoolean("passed") ? 0 : 1, exit, out + "\n" + err);
        assertTrue(report.getLong("samples_sent") > 0, report.toString(2));
        assertEquals(report.getLong("samples_sent"), report.getLong("expected_deliveries"));
        assertEquals(2, report.getJSONObject("switch").getLong("commands"));
        String text = out.toString();
        assertTrue(text.contains("samples sent: " + report.getLong("samples_sent")), text);
        assertTrue(text.contains("delivered: " + report.getLong("delivered")), text);
        assertTrue(text.contains("below the target load"), text);
        assertTrue(err.toString().contains("warming up"), "progress goes to stderr: " + err);
    }

    @Test
    void relayProcessRunsTheRelayInItsOwnJvmAndMeasuresItsCpuPerSample() throws Exception {
        Path json = dir.resolve("process.json");
        run("load", "--relay-process", "--sessions", "2", "--observers", "1", "--seconds", "1",
                "--warmup-seconds", "0.2", "--switch-commands", "0", "--json", json.toString());
        JSONObject report = new JSONObject(Files.readString(json));
        JSONObject cpu = report.getJSONObject("cpu");
        assertTrue(cpu.getBoolean("relay_in_own_process"), cpu.toString(2));
        assertTrue(cpu.getLong("samples_in_window") > 0, cpu.toString(2));
        assertTrue(cpu.getLong("relay_cpu_ms") > 0, "a relay that ingested samples used CPU: " + cpu.toString(2));
        assertEquals(cpu.getLong("relay_cpu_ms") * 1000.0 / cpu.getLong("samples_in_window"),
                cpu.getDouble("relay_cpu_us_per_sample"), 0.01);
        assertTrue(report.getLong("delivered") > 0, report.toString(2));
        assertTrue(out.toString().contains("relay cpu per ingested sample (its own process"), out.toString());
        assertTrue(err.toString().contains("relay process "), err.toString());
    }

    @Test
    void relayProcessAndServerExcludeEachOther() {
        assertEquals(2, run("load", "--relay-process", "--server", "http://127.0.0.1:8765", "--token", "t"));
        assertTrue(err.toString().contains("--relay-process"), err.toString());
    }
}
