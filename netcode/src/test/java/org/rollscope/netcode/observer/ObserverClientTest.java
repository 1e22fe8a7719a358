package org.rollscope.netcode.observer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;

/** The client's behaviour without a relay; with one, see the relay package's tests. */
class ObserverClientTest {

    @Test
    void commandsBeforeConnectingAreRefusedAtOnceRatherThanQueued() throws Exception {
        try (ObserverClient client = new ObserverClient("http://127.0.0.1:9", "t")) {
            CommandResult result = client.forceFallback("g", null).get(1, TimeUnit.SECONDS);
            assertFalse(result.ok());
            assertEquals("not_connected", result.error());
            assertEquals("not_connected", client.setLink("g", "0", LinkProfile.PERFECT).get(1, TimeUnit.SECONDS)
                    .error());
        }
    }

    @Test
    void closingFailsAPendingConnectAndIsTerminal() {
        ObserverClient client = new ObserverClient("http://127.0.0.1:9/", "t");
        client.close();
        assertEquals(ConnectionState.CLOSED, client.state());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.connect().get(1, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof ObserverConnectException);
        client.close(); // idempotent
    }

    @Test
    void onlyHttpUrlsAreAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ObserverClient("ws://127.0.0.1:1", "t"));
        assertTrue(e.getMessage().contains("http://"));
    }

    @Test
    void protocolRecordsRoundTripThroughTheSharedJsonMapping() {
        SessionEvent event = new SessionEvent("g", "1", 5, SessionEvent.KIND_FALLBACK, Map.of("reason", "forced"));
        assertEquals(event, ObserverProtocol.fromJson(ObserverProtocol.toJson(event), SessionEvent.class));
        assertEquals("forced", ObserverProtocol.toJson(event).getJSONObject("detail").getString("reason"));
        assertEquals(CommandResult.refused("timeout", "late"),
                ObserverProtocol.fromJson("{\"ok\":false,\"error\":\"timeout\",\"message\":\"late\",\"new\":1}",
                        CommandResult.class), "unknown fields from newer relays are ignored");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ObserverProtocol.fromJson("{\"seq\": \"many\"}", PeerSample.class));
        assertTrue(bad.getMessage().startsWith("malformed PeerSample"), bad.getMessage());
    }
}
