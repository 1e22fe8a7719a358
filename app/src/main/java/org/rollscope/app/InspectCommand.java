package org.rollscope.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.rollscope.netcode.wire.MalformedPacketException;
import org.rollscope.netcode.wire.Message;
import org.rollscope.netcode.wire.RejectReason;
import org.rollscope.netcode.wire.WireCodec;
import org.rollscope.netcode.wire.WireTypes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./rollscope inspect}: decodes peer-to-peer packets pasted as hex and prints each as one line of JSON. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Decode peer-to-peer packets (wire.md §1, as MUG's browser peers send them) from hex, and print one JSON"
                    + " object per packet on its own line, in input order.",
            "",
            "Fields, those that apply: type (INPUT, PING, PONG, KEEPALIVE, EPISODE_END, EPISODE_READY, STATE_HASH,"
                    + " VALIDATION_PING, VALIDATION_PONG, INPUT_REQUEST, INPUT_RESPONSE, FOCUS_STATE), player_index,"
                    + " current_frame, inputs [{frame, action}], timestamp_ms, frame, episode, state_hash"
                    + " (EPISODE_READY's text), hash (STATE_HASH's 16 hex digits), start_frame, end_frame, focused.",
            "A packet Rollscope's peers would reject prints {\"error\": \"...\"} with the reason (TRUNCATED,"
                    + " TRAILING_BYTES, BAD_COUNT, UNKNOWN_TYPE, ...); the other packets are still printed. A JSON text"
                    + " frame (MUG's {\"type\":\"test\"}) prints as type TEXT: peers ignore those, so it is no error.",
            "",
            "Hex may contain blanks, ':', ',', '-' and 0x prefixes, as pasted from browser logs. Each argument line is"
                    + " one packet. With no HEX, or with -, packets are read from standard input, one per line.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every packet decoded", "1:at least one packet was bad (bad hex or rejected)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./rollscope inspect 0700027213994a1d1f241b6a00",
            "    {\"type\":\"STATE_HASH\",\"frame\":160275,\"hash\":\"994a1d1f241b6a00\"}",
            "  ./rollscope inspect '02 41 15 ad cb c1 89 37 4c' 0x05:00:07",
            "    {\"type\":\"PING\",\"timestamp_ms\":355186.939}",
            "    {\"error\":\"rejected (TRUNCATED): EPISODE_END must be 9 bytes, got 3\"}",
            "    (exit code 1: one packet was bad)",
            "  cut -d' ' -f3 captured-packets.txt | ./rollscope inspect -",
        })
public final class InspectCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "HEX", arity = "0..*",
            description = "Packets as hex, one per argument (or per line); '-' reads standard input.")
    List<String> packets = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean allGood = true;
        List<String> sources = packets.isEmpty() ? List.of("-") : packets;
        for (String source : sources) {
            if (source.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "an empty HEX argument: give a packet's"
                        + " hex digits, or '-' to read them from standard input");
            }
        }
        for (String source : sources) {
            if (source.equals("-")) {
                allGood &= inspectStdin(out);
            } else {
                for (String line : source.split("\\R")) {
                    if (!line.isBlank()) {
                        allGood &= inspect(line, out);
                    }
                }
            }
        }
        out.flush();
        return allGood ? 0 : 1;
    }

    private boolean inspectStdin(PrintWriter out) throws IOException {
        if (System.console() != null) {
            spec.commandLine().getErr().println("inspect: reading hex packets from standard input, one per line"
                    + " (end with Ctrl-D)");
        }
        boolean allGood = true;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (!line.isBlank()) {
                allGood &= inspect(line, out);
                out.flush(); // one line per packet as it arrives, for piped logs
            }
        }
        return allGood;
    }

    /** Prints one packet's JSON line; returns false when the packet was bad. */
    private static boolean inspect(String hex, PrintWriter out) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        boolean good;
        try {
            byte[] packet = HexInput.parse(hex);
            toJson(WireCodec.decode(packet), json);
            good = true;
        } catch (IllegalArgumentException e) {
            json.put("error", "bad hex: " + e.getMessage());
            good = false;
        } catch (MalformedPacketException e) {
            if (e.reason() == RejectReason.TEXT_FRAME) {
                json.put("type", "TEXT");
                json.put("text", new String(HexInput.parse(hex), StandardCharsets.UTF_8));
                good = true;
            } else {
                json.put("error", "rejected (" + e.reason() + "): " + e.getMessage());
                good = false;
            }
        }
        out.println(JSON.writeValueAsString(json));
        return good;
    }

    static void toJson(Message m, ObjectNode json) {
        json.put("type", WireTypes.name(m.type()));
        if (m instanceof Message.Input in) {
            json.put("player_index", in.playerIndex());
            json.put("current_frame", in.currentFrame());
            inputs(in.inputs(), json.putArray("inputs"));
        } else if (m instanceof Message.Ping p) {
            json.put("timestamp_ms", p.timestampMs());
        } else if (m instanceof Message.Pong p) {
            json.put("timestamp_ms", p.timestampMs());
        } else if (m instanceof Message.ValidationPing p) {
            json.put("timestamp_ms", p.timestampMs());
        } else if (m instanceof Message.ValidationPong p) {
            json.put("timestamp_ms", p.timestampMs());
        } else if (m instanceof Message.EpisodeEnd e) {
            json.put("frame", e.frame());
            json.put("episode", e.episode());
        } else if (m instanceof Message.EpisodeReady r) {
            json.put("episode", r.episode());
            json.put("state_hash", r.stateHash());
        } else if (m instanceof Message.StateHash h) {
            json.put("frame", h.frame());
            json.put("hash", HexFormat.of().toHexDigits(h.hash()));
        } else if (m instanceof Message.InputRequest r) {
            json.put("start_frame", r.startFrame());
            json.put("end_frame", r.endFrame());
        } else if (m instanceof Message.InputResponse r) {
            json.put("player_index", r.playerIndex());
            inputs(r.inputs(), json.putArray("inputs"));
        } else if (m instanceof Message.FocusState f) {
            json.put("focused", f.focused());
            json.put("frame", f.frame());
        }
    }

    private static void inputs(List<Message.FrameAction> inputs, ArrayNode array) {
        for (Message.FrameAction fa : inputs) {
            array.addObject().put("frame", fa.frame()).put("action", fa.action());
        }
    }
}
