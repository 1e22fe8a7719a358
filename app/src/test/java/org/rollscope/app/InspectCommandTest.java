package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Runs {@code rollscope inspect} through the real command line with captured output. */
class InspectCommandTest {
    private static final String WORKED_EXAMPLE = "01 0001 00000078 03 00 00000076 03 00000077 00 00000078 02";
    private static final String WORKED_JSON = "{\"type\":\"INPUT\",\"player_index\":1,\"current_frame\":120,\"inputs\":"
            + "[{\"frame\":118,\"action\":3},{\"frame\":119,\"action\":0},{\"frame\":120,\"action\":2}]}";

    @Test
    void workedExampleOfTheSpecPrintsItsFields() {
        CommandRun r = CommandRun.of("inspect", WORKED_EXAMPLE);

        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(WORKED_JSON), r.lines());
    }

    @Test
    void badPacketPrintsAnErrorExitsOneAndStillPrintsTheOthers() {
        CommandRun r = CommandRun.of("inspect", "0100010000007803", WORKED_EXAMPLE);

        assertEquals(1, r.exit());
        assertEquals(2, r.lines().size(), r.lines().toString());
        assertTrue(r.lines().get(0).startsWith("{\"error\":\"rejected (TRUNCATED): INPUT header needs 9 bytes, got 8"),
                r.lines().get(0));
        assertEquals(WORKED_JSON, r.lines().get(1));
    }

    @Test
    void badHexPrintsAnErrorAndExitsOne() {
        CommandRun r = CommandRun.of("inspect", "01zz");

        assertEquals(1, r.exit());
        assertEquals(List.of("{\"error\":\"bad hex: not hex: 'z' in \\\"01zz\\\"\"}"), r.lines());
    }

    @Test
    void oddNumberOfDigitsIsBadHex() {
        CommandRun r = CommandRun.of("inspect", "041");
        assertEquals(1, r.exit());
        assertTrue(r.lines().get(0).contains("odd number of hex digits (3)"), r.lines().get(0));
    }

    @Test
    void unknownTypeNamesItsReason() {
        CommandRun r = CommandRun.of("inspect", "0a00");
        assertEquals(1, r.exit());
        assertTrue(r.lines().get(0).contains("UNKNOWN_TYPE") && r.lines().get(0).contains("0x0a"), r.lines().get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x78, 0x03, 0x00, 0x00, 0x00, 0x00, 0x76, 0x03, 0x00, 0x00, 0x00, 0x77, 0x00, 0x00, 0x00, 0x00, 0x78, 0x02",
        "01:00:01:00:00:00:78:03:00:00:00:00:76:03:00:00:00:77:00:00:00:00:78:02",
        "0x010001000000780300000000760300000077000000007802",
        "01-00-01-00-00-00-78-03-00-00-00-00-76-03-00-00-00-77-00-00-00-00-78-02",
        "0x1 0x0 0x1 0x0 0x0 0x0 0x78 0x3 0x0 0x0 0x0 0x0 0x76 0x3 0x0 0x0 0x0 0x77 0x0 0x0 0x0 0x0 0x78 0x2",
    })
    void hexAsPastedFromBrowserLogsIsAccepted(String pasted) {
        CommandRun r = CommandRun.of("inspect", pasted);
        assertEquals(0, r.exit(), r.lines().toString());
        assertEquals(List.of(WORKED_JSON), r.lines());
    }

    @Test
    void everyTypeShowsItsOwnFields() {
        CommandRun r = CommandRun.of("inspect", "024115adcbc189374c", "034115adcbc189374c", "04", "05000738530000000b",
                "060000000b6132396339306537", "0700027213994a1d1f241b6a00", "104115adcbc189374c",
                "114115adcbc189374c", "120000fba40000fc0a", "130000000200007bc30300007bc405", "140100018103");

        assertEquals(0, r.exit(), r.lines().toString());
        assertEquals(List.of(
                "{\"type\":\"PING\",\"timestamp_ms\":355186.939}",
                "{\"type\":\"PONG\",\"timestamp_ms\":355186.939}",
                "{\"type\":\"KEEPALIVE\"}",
                "{\"type\":\"EPISODE_END\",\"frame\":473171,\"episode\":11}",
                "{\"type\":\"EPISODE_READY\",\"episode\":11,\"state_hash\":\"a29c90e7\"}",
                "{\"type\":\"STATE_HASH\",\"frame\":160275,\"hash\":\"994a1d1f241b6a00\"}",
                "{\"type\":\"VALIDATION_PING\",\"timestamp_ms\":355186.939}",
                "{\"type\":\"VALIDATION_PONG\",\"timestamp_ms\":355186.939}",
                "{\"type\":\"INPUT_REQUEST\",\"start_frame\":64420,\"end_frame\":64522}",
                "{\"type\":\"INPUT_RESPONSE\",\"player_index\":0,\"inputs\":[{\"frame\":31683,\"action\":3},"
                        + "{\"frame\":31684,\"action\":5}]}",
                "{\"type\":\"FOCUS_STATE\",\"focused\":true,\"frame\":98563}"), r.lines());
    }

    @Test
    void jsonTextFrameIsShownAsTextAndIsNoError() {
        String hex = java.util.HexFormat.of().formatHex("{\"type\":\"test\"}".getBytes(StandardCharsets.UTF_8));
        CommandRun r = CommandRun.of("inspect", hex);
        assertEquals(0, r.exit());
        assertEquals(List.of("{\"type\":\"TEXT\",\"text\":\"{\\\"type\\\":\\\"test\\\"}\"}"), r.lines());
    }

    @Test
    void noArgumentsReadsOnePacketPerLineFromStandardInput() {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(("04\n\n" + WORKED_EXAMPLE + "\n0500\n").getBytes(StandardCharsets.UTF_8)));
        try {
            CommandRun r = CommandRun.of("inspect");
            assertEquals(1, r.exit());
            assertEquals(3, r.lines().size(), r.lines().toString());
            assertEquals("{\"type\":\"KEEPALIVE\"}", r.lines().get(0));
            assertEquals(WORKED_JSON, r.lines().get(1));
            assertTrue(r.lines().get(2).contains("TRUNCATED"), r.lines().get(2));
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void dashReadsStandardInputBetweenArguments() {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream("04\n".getBytes(StandardCharsets.UTF_8)));
        try {
            CommandRun r = CommandRun.of("inspect", "024115adcbc189374c", "-", "140000000005");
            assertEquals(0, r.exit());
            assertEquals(List.of("{\"type\":\"PING\",\"timestamp_ms\":355186.939}", "{\"type\":\"KEEPALIVE\"}",
                    "{\"type\":\"FOCUS_STATE\",\"focused\":false,\"frame\":5}"), r.lines());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void helpExplainsFieldsAndShowsExamples() {
        CommandRun r = CommandRun.of("inspect", "--help");
        String help = String.join("\n", r.lines());
        assertEquals(0, r.exit());
        assertTrue(help.contains("Examples:") && help.contains("player_index") && help.contains("standard input")
                && help.contains("Exit codes:"), help);
    }

    @Test
    void inspectIsListedInTheMainHelp() {
        assertTrue(String.join("\n", CommandRun.of("--help").lines()).contains("inspect"));
    }
}
