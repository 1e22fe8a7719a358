package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link TelemetryPacket} recognises: namespace and ack id read as socket.io-server's decoder reads them. */
class TelemetryPacketTest {
    private static final String EVENT = "[\"peer_telemetry\",";

    @Test
    void readsTheNamespaceAndTheAckIdOfTheHotPacket() {
        assertEquals(new TelemetryPacket("/", -1, 20, 22), TelemetryPacket.of("42" + EVENT + "{}]"));
        assertEquals(new TelemetryPacket("/", 17, 22, 24), TelemetryPacket.of("4217" + EVENT + "{}]"));
        assertEquals(new TelemetryPacket("/probe", -1, 27, 29), TelemetryPacket.of("42/probe," + EVENT + "{}]"));
        assertEquals(new TelemetryPacket("/probe", 5, 28, 30), TelemetryPacket.of("42/probe,5" + EVENT + "{}]"));
        assertEquals(new TelemetryPacket("/", 7, 23, 25), TelemetryPacket.of("42007" + EVENT + "{}]"));
        assertEquals(new TelemetryPacket("/", 8, 23, 25), TelemetryPacket.of("42/,8" + EVENT + "{}]"));
        assertEquals(999_999_999, TelemetryPacket.of("42999999999" + EVENT + "{}]").ackId());
    }

    @Test
    void leavesEverythingElseToTheUsualWay() {
        for (String frame : List.of("", "4", "42", "3", "2", "40", "43" + EVENT + "{}]", "41" + EVENT + "{}]",
                "451-" + EVENT + "{\"_placeholder\":true,\"num\":0}]", // a binary event
                "42[\"peer_event\",{}]", "42[\"peer_telemetry\"]", "42[ \"peer_telemetry\",{}]",
                "42[\"peer\\u005ftelemetry\",{}]", "42" + EVENT + "{}", "42" + EVENT + "{}] ",
                "421234567890" + EVENT + "{}]", "42a" + EVENT + "{}]", "42\u0663" + EVENT + "{}]",
                "42/probe" + EVENT + "{}]", "42/probe", "52" + EVENT + "{}]", "b42" + EVENT + "{}]")) {
            assertNull(TelemetryPacket.of(frame), frame);
        }
    }
}
