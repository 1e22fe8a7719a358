package org.rollscope.netcode.relay;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The per-session key the two peers authenticate their UDP datagrams with (docs/relay-protocol.md, "The peer-to-peer
 * key"). The relay makes one per game and hands it to the seat holders in {@code pyodide_game_ready}; whoever does
 * not hold a seat never sees it, so cannot forge a datagram even with the partner's source address.
 */
final class P2pKeys {
    /** 256 bits: the full strength of HMAC-SHA256. */
    static final int KEY_BYTES = 32;

    private static final SecureRandom FALLBACK_RANDOM = new SecureRandom();

    private P2pKeys() {
    }

    static byte[] generate(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    /** A key stored in the seat ledger, or a fresh one when none (or a malformed one) was stored. */
    static byte[] decodeOrGenerate(String base64) {
        if (base64 != null) {
            try {
                byte[] key = Base64.getDecoder().decode(base64);
                if (key.length == KEY_BYTES) {
                    return key;
                }
            } catch (IllegalArgumentException malformed) {
                // fall through to a new key: peers holding the old one fail P2P over to the relay path
            }
        }
        return generate(FALLBACK_RANDOM);
    }
}
