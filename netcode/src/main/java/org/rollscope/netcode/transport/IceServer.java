package org.rollscope.netcode.transport;

import java.util.Locale;
import java.util.Objects;

/**
 * One STUN or TURN server for the WebRTC channel's ICE. Offline (tests, a lab LAN) there are none: two peers on one
 * network connect through their host candidates. Across NATs a STUN server finds the public address, and a TURN
 * server relays when no direct path exists.
 *
 * @param url {@code stun:host:port}, {@code turn:host:port[?transport=tcp]} or {@code turns:...}
 * @param username TURN user name, or null
 * @param credential TURN password, or null
 */
public record IceServer(String url, String username, String credential) {

    public IceServer {
        Objects.requireNonNull(url, "url");
        String scheme = url.toLowerCase(Locale.ROOT);
        if (!(scheme.startsWith("stun:") || scheme.startsWith("stuns:") || scheme.startsWith("turn:")
                || scheme.startsWith("turns:"))) {
            throw new IllegalArgumentException("an ICE server URL starts with stun:, stuns:, turn: or turns:, got "
                    + url);
        }
        if (scheme.startsWith("turn") && (username == null || credential == null)) {
            throw new IllegalArgumentException("a TURN server needs username= and credential=: " + url);
        }
    }

    /**
     * Parses {@code URL[,username=U,credential=C]}, e.g. {@code turn:turn.lab.org:3478,username=u,credential=p}.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static IceServer parse(String spec) {
        String[] parts = spec.trim().split(",");
        String user = null;
        String credential = null;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected key=value after the URL, got '" + parts[i] + "'");
            }
            switch (kv[0].trim()) {
                case "username" -> user = kv[1];
                case "credential" -> credential = kv[1];
                default -> throw new IllegalArgumentException("unknown ICE server key '" + kv[0]
                        + "' (username, credential)");
            }
        }
        return new IceServer(parts[0].trim(), user, credential);
    }

    /** The URL alone: what logs and reports may show (never the credential). */
    @Override
    public String toString() {
        return url;
    }
}
