package org.rollscope.netcode.relay.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The gate reads Socket.IO CONNECT frames for a namespace and answers refusals with CONNECT_ERROR. */
class ConnectGateTest {
    private final List<String> replies = new ArrayList<>();
    private final List<Object> authSeen = new ArrayList<>();
    private final ConnectGate gate = new ConnectGate((namespace, auth) -> {
        authSeen.add(auth);
        return "/observer".equals(namespace) && !(auth instanceof JSONObject o && "t".equals(o.opt("token")))
                ? "wrong token" : null;
    });

    @Test
    void connectWithTheRightTokenPasses() {
        assertTrue(gate.admit("40/observer,{\"token\":\"t\"}", replies::add));
        assertTrue(replies.isEmpty());
    }

    @Test
    void refusedConnectIsAnsweredWithConnectErrorAndSwallowed() {
        assertFalse(gate.admit("40/observer,{\"token\":\"x\"}", replies::add));
        assertEquals(1, replies.size());
        assertTrue(replies.get(0).startsWith("44/observer,"), replies.get(0));
        assertEquals("wrong token", new JSONObject(replies.get(0).substring("44/observer,".length()))
                .getString("message"));
    }

    @Test
    void connectWithoutOrWithBrokenAuthIsSeenAsNoAuth() {
        assertFalse(gate.admit("40/observer,", replies::add));
        assertFalse(gate.admit("40/observer", replies::add));
        assertFalse(gate.admit("40/observer,{not json", replies::add));
        assertEquals(3, replies.size());
        assertTrue(authSeen.stream().allMatch(a -> a == null));
    }

    @Test
    void otherFramesAreNeverInspected() {
        for (String frame : List.of("40", "40{\"x\":1}", "42[\"join_game\",{}]", "42/observer,[\"set_link\",{}]",
                "2", "3probe", "451-[\"rollscope_p2p_message\",{\"_placeholder\":true,\"num\":0}]")) {
            assertTrue(gate.admit(frame, replies::add), frame);
        }
        assertTrue(replies.isEmpty());
        assertTrue(authSeen.isEmpty());
    }

    @Test
    void aCookieAuthenticatorSeesTheUpgradeRequestsHeaders() {
        ConnectGate cookieGate = new ConnectGate(new ConnectAuthenticator() {
            @Override
            public String refusal(String namespace, Object auth) {
                return "no headers";
            }

            @Override
            public String refusal(String namespace, Object auth, Map<String, List<String>> headers) {
                return headers.getOrDefault("Cookie", List.of()).contains("session=ok") ? null
                        : "Connection rejected by server";
            }
        });
        assertTrue(cookieGate.admit("40/admin,", Map.of("Cookie", List.of("session=ok")), replies::add));
        assertFalse(cookieGate.admit("40/admin,", Map.of(), replies::add));
        assertEquals(List.of("44/admin,{\"message\":\"Connection rejected by server\"}"), replies);
        assertFalse(cookieGate.admit("40/admin,", replies::add), "no headers, no cookie: refused");
    }
}
