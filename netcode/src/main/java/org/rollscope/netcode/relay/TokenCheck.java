package org.rollscope.netcode.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.json.JSONObject;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.relay.embed.ConnectAuthenticator;

/**
 * The observers' access token: admits a {@code /observer} connect whose auth payload carries it, refuses the rest
 * with {@code "wrong token"} or {@code "missing token"} and counts them. Other namespaces need no token. Compares in
 * constant time. Thread-safe.
 */
final class TokenCheck implements ConnectAuthenticator {
    private final byte[] token;
    private final RejectCounters counters;

    TokenCheck(String token, RejectCounters counters) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.counters = counters;
    }

    /** 128 random bits as 32 hex characters: unguessable, and easy to paste. */
    static String generate() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String refusal(String namespace, Object auth) {
        if (!ObserverProtocol.NAMESPACE.equals(namespace)) {
            return null;
        }
        Object given = auth instanceof JSONObject o ? o.opt(ObserverProtocol.AUTH_TOKEN) : null;
        if (!(given instanceof String s) || s.isEmpty()) {
            counters.increment(RejectReason.MISSING_TOKEN);
            return ObserverProtocol.REFUSED_MISSING_TOKEN;
        }
        if (!MessageDigest.isEqual(token, s.getBytes(StandardCharsets.UTF_8))) {
            counters.increment(RejectReason.WRONG_TOKEN);
            return ObserverProtocol.REFUSED_WRONG_TOKEN;
        }
        return null;
    }
}
