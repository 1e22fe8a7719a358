package org.rollscope.netcode.peer;

import java.util.regex.Pattern;

/**
 * Which of two MUG ids offers a WebRTC connection, decided as MUG's page decides it
 * ({@code WebRTCManager._comparePlayerIds}): numerically when both are numbers, else by JavaScript's
 * {@code String.localeCompare}. Player ids are numbers, but the matchmaker's probe connects two subject ids, which
 * are text; a different order than the page's would make both sides wait for an offer, so this follows Chromium's
 * collation (ICU's root order) for ASCII: punctuation, then digits, then letters regardless of case, lower case
 * before upper case only when nothing else differs. Other characters sort after ASCII by code point (ids a lab
 * hands out are ASCII).
 */
final class MugIdOrder {
    /** ICU root collation's primary order of printable ASCII (letters folded to lower case). */
    private static final String PRIMARY_ORDER =
            "\t\n\u000B\f\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";
    /** What JavaScript's {@code Number()} accepts as a decimal number (hex and Infinity ids are not expected). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private MugIdOrder() {}

    /** True when {@code local} offers towards {@code remote}: it sorts first. */
    static boolean offers(String local, String remote) {
        return compare(local, remote) < 0;
    }

    static int compare(String a, String b) {
        Double na = number(a);
        Double nb = number(b);
        if (na != null && nb != null) {
            return Double.compare(na, nb);
        }
        int primary = comparePrimary(a, b);
        if (primary != 0) {
            return primary;
        }
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            boolean upperA = Character.isUpperCase(a.charAt(i));
            boolean upperB = Character.isUpperCase(b.charAt(i));
            if (upperA != upperB) {
                return upperA ? 1 : -1; // ICU: lower case first
            }
        }
        return a.compareTo(b);
    }

    private static int comparePrimary(String a, String b) {
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            int diff = Integer.compare(weight(a.charAt(i)), weight(b.charAt(i)));
            if (diff != 0) {
                return diff;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int weight(char c) {
        int at = c < 128 ? PRIMARY_ORDER.indexOf(Character.toLowerCase(c)) : -1;
        return at >= 0 ? at : PRIMARY_ORDER.length() + c;
    }

    private static Double number(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return 0.0; // Number("") is 0
        }
        return NUMBER.matcher(t).matches() ? Double.valueOf(t) : null;
    }
}
