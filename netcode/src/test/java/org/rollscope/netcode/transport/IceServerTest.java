package org.rollscope.netcode.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IceServerTest {

    @Test
    void stunNeedsNoCredentialsAndTurnCarriesThem() {
        assertEquals(new IceServer("stun:stun.lab.org:3478", null, null), IceServer.parse("stun:stun.lab.org:3478"));
        assertEquals(new IceServer("turn:t.lab.org:3478?transport=tcp", "u", "p=q"),
                IceServer.parse("turn:t.lab.org:3478?transport=tcp,username=u,credential=p=q"));
    }

    @Test
    void badSpecsAreRefusedNamingTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IceServer.parse("http://x"))
                .getMessage().contains("stun:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IceServer.parse("turn:x:3478"))
                .getMessage().contains("username"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IceServer.parse("stun:x,user=u"))
                .getMessage().contains("unknown ICE server key"));
    }

    @Test
    void theCredentialNeverShowsInText() {
        assertEquals("turn:t:1", IceServer.parse("turn:t:1,username=u,credential=secret").toString());
    }

    @Test
    void thePathNamesTheWorstHop() {
        assertEquals("host", new IcePath("host", "host", 1.0).path());
        assertEquals("srflx", new IcePath("host", "prflx", 1.0).path());
        assertEquals("relay", new IcePath("srflx", "relay", null).path());
        assertEquals("relay", new IcePath("relay", "host", null).mugConnectionType());
        assertEquals("direct", new IcePath("srflx", "host", null).mugConnectionType());
    }

    @Test
    void signalsHaveTheShapesABrowserSendsAndReads() {
        var c = new dev.onvoid.webrtc.RTCIceCandidate("0", 0,
                "candidate:1 1 udp 2122260223 10.0.0.1 50000 typ host generation 0 ufrag AbCd network-id 1");
        var json = WebRtcSignals.candidate(c);
        assertEquals("AbCd", json.getString("usernameFragment"));
        assertEquals(0, json.getInt("sdpMLineIndex"));
        assertEquals(c.sdp, WebRtcSignals.candidate(json).sdp);
        assertEquals(null, WebRtcSignals.candidate(new org.json.JSONObject().put("candidate", "")),
                "an empty candidate marks the end of candidates");
        var offer = WebRtcSignals.description(new org.json.JSONObject().put("type", "offer").put("sdp", "v=0"),
                dev.onvoid.webrtc.RTCSdpType.OFFER);
        assertEquals("offer", WebRtcSignals.description(offer).getString("type"));
        assertEquals(null, WebRtcSignals.description(new org.json.JSONObject().put("type", "answer").put("sdp", "v=0"),
                dev.onvoid.webrtc.RTCSdpType.OFFER), "an answer is not taken for an offer");
    }
}
