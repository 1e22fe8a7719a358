package org.rollscope.netcode.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Seat tokens: the secret a peer gets on first taking a seat and must present to take it again. The relay keeps
 * only their SHA-256 (in memory and in {@code seats.json}), so the data dir does not hold the secrets. Thread-safe.
 */
final class SeatTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SeatTokens() {
    }

    /** 128 random bits as 32 hex characters. */
    static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The SHA-256 of a token, as 64 hex characters. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether {@code token} hashes to {@code expectedHash}, compared in constant time. */
    static boolean matches(String token, String expectedHash) {
        return token != null && expectedHash != null && MessageDigest.isEqual(
                hash(token).getBytes(StandardCharsets.US_ASCII), expectedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
