package org.rollscope.netcode.transport;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import java.util.Locale;
import org.json.JSONObject;

/**
 * The JSON shapes of WebRTC signalling as MUG's pages send them in {@code webrtc_signal}'s payload: a session
 * description is {@code {type, sdp}} and a candidate is {@code {candidate, sdpMid, sdpMLineIndex, usernameFragment}}
 * (what a browser's {@code RTCSessionDescription} and {@code RTCIceCandidate} serialise to).
 */
final class WebRtcSignals {
    static final String OFFER = "offer";
    static final String ANSWER = "answer";
    static final String ICE_CANDIDATE = "ice-candidate";

    private WebRtcSignals() {}

    static JSONObject description(RTCSessionDescription d) {
        return new JSONObject().put("type", d.sdpType.name().toLowerCase(Locale.ROOT)).put("sdp", d.sdp);
    }

    /** Returns null when the payload is not a session description of the expected type. */
    static RTCSessionDescription description(JSONObject payload, RTCSdpType expected) {
        String sdp = payload.optString("sdp", null);
        String type = payload.optString("type", expected.name().toLowerCase(Locale.ROOT));
        if (sdp == null || sdp.isBlank() || !expected.name().equalsIgnoreCase(type)) {
            return null;
        }
        return new RTCSessionDescription(expected, sdp);
    }

    static JSONObject candidate(RTCIceCandidate c) {
        JSONObject o = new JSONObject().put("candidate", c.sdp).put("sdpMid", c.sdpMid)
                .put("sdpMLineIndex", c.sdpMLineIndex);
        String ufrag = usernameFragment(c.sdp);
        if (ufrag != null) {
            o.put("usernameFragment", ufrag);
        }
        return o;
    }

    /** Returns null for the end-of-candidates marker (an empty candidate) and for payloads that are not one. */
    static RTCIceCandidate candidate(JSONObject payload) {
        String line = payload.optString("candidate", "");
        if (line.isBlank()) {
            return null;
        }
        String mid = payload.isNull("sdpMid") ? "0" : payload.optString("sdpMid", "0");
        return new RTCIceCandidate(mid, payload.optInt("sdpMLineIndex", 0), line);
    }

    /** The {@code ufrag} attribute of a candidate line, or null. */
    static String usernameFragment(String candidateLine) {
        String[] tokens = candidateLine.split(" ");
        for (int i = 0; i + 1 < tokens.length; i++) {
            if ("ufrag".equals(tokens[i])) {
                return tokens[i + 1];
            }
        }
        return null;
    }
}
