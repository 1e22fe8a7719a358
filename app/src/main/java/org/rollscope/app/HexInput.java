package org.rollscope.app;

import java.util.HexFormat;

/**
 * Reads packet bytes the way staff paste them from browser logs and captures: {@code 0100010000}, {@code 01 00 01},
 * {@code 01:00:01}, {@code 0x01, 0x00, 0x01}, {@code 0x010001}, upper or lower case. Separators are blanks, commas,
 * colons, semicolons, dashes and underscores; a {@code 0x} prefix may start any group, and a prefixed group of odd
 * length is a number ({@code 0x1} is the byte 01).
 */
final class HexInput {
    private HexInput() {}

    /**
     * @throws IllegalArgumentException with a message for staff: no digits, a character that is not hex (and where),
     *         or an odd number of digits
     */
    static byte[] parse(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (String group : text.strip().split("[\\s,:;_-]+")) {
            boolean prefixed = group.length() >= 2 && group.charAt(0) == '0' && (group.charAt(1) == 'x' || group.charAt(1) == 'X');
            if (prefixed) {
                group = group.substring(2);
                if (group.length() % 2 == 1) {
                    digits.append('0');
                }
            }
            for (int i = 0; i < group.length(); i++) {
                char c = group.charAt(i);
                if (Character.digit(c, 16) < 0) {
                    throw new IllegalArgumentException("not hex: '" + c + "' in \"" + abbreviate(text) + "\"");
                }
            }
            digits.append(group);
        }
        if (digits.length() == 0) {
            throw new IllegalArgumentException("no hex digits in \"" + abbreviate(text) + "\"");
        }
        if (digits.length() % 2 == 1) {
            throw new IllegalArgumentException("odd number of hex digits (" + digits.length() + ") in \""
                    + abbreviate(text) + "\": a byte is two digits");
        }
        return HexFormat.of().parseHex(digits);
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() <= 80 ? t : t.substring(0, 77) + "...";
    }
}
