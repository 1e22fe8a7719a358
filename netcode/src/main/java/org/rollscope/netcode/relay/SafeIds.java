package org.rollscope.netcode.relay;

import java.util.regex.Pattern;

/**
 * Game and player ids become directory and file names under the data dir, so only plain names are accepted: a
 * letter or digit first, then letters, digits, {@code _ . -}, at most 64 characters. No separators, no {@code ..},
 * no hidden files.
 */
final class SafeIds {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private SafeIds() {
    }

    static boolean isSafe(String id) {
        return id != null && SAFE.matcher(id).matches() && !id.contains("..");
    }

    /** Returns {@code id}, or throws {@link RejectReason#INVALID_ID} naming the field. */
    static String require(String field, String id) {
        if (!isSafe(id)) {
            throw new RelayRequestException(RejectReason.INVALID_ID,
                    field + " must be 1-64 of [A-Za-z0-9_.-] starting with a letter or digit, got "
                            + (id == null ? "null" : Payloads.quote(id)));
        }
        return id;
    }
}
