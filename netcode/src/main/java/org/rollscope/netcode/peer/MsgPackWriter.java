package org.rollscope.netcode.peer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The part of MessagePack (msgpack.org spec) that MUG's {@code emit_episode_data} needs: maps with string keys,
 * arrays, strings, integers, doubles, booleans and nil, encoded as {@code msgpack.encode} in MUG's page does (the
 * server decodes with Python's {@code msgpack.unpackb}).
 */
final class MsgPackWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Encodes {@code value}: a Map (String keys), List, String, Integer/Long, Double, Boolean or null. */
    static byte[] encode(Object value) {
        MsgPackWriter w = new MsgPackWriter();
        w.write(value);
        return w.out.toByteArray();
    }

    private void write(Object v) {
        if (v == null) {
            out.write(0xc0);
        } else if (v instanceof Boolean b) {
            out.write(b ? 0xc3 : 0xc2);
        } else if (v instanceof Integer || v instanceof Long) {
            writeLong(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            out.write(0xcb);
            writeBytes(Double.doubleToLongBits(((Number) v).doubleValue()), 8);
        } else if (v instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            header(utf8.length, 0xa0, 31, 0xd9, 0xda, 0xdb);
            out.writeBytes(utf8);
        } else if (v instanceof List<?> list) {
            header(list.size(), 0x90, 15, -1, 0xdc, 0xdd);
            list.forEach(this::write);
        } else if (v instanceof Map<?, ?> map) {
            header(map.size(), 0x80, 15, -1, 0xde, 0xdf);
            map.forEach((k, value) -> {
                write(String.valueOf(k));
                write(value);
            });
        } else {
            throw new IllegalArgumentException("no msgpack encoding for " + v.getClass().getName());
        }
    }

    private void writeLong(long n) {
        if (n >= 0 && n <= 127) {
            out.write((int) n);
        } else if (n < 0 && n >= -32) {
            out.write((int) (n & 0xff));
        } else if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
            out.write(0xd2);
            writeBytes(n, 4);
        } else {
            out.write(0xd3);
            writeBytes(n, 8);
        }
    }

    /** A length header: fix form up to {@code fixMax}, else 8-bit (when the type has one), 16- or 32-bit. */
    private void header(int length, int fixBase, int fixMax, int code8, int code16, int code32) {
        if (length <= fixMax) {
            out.write(fixBase | length);
        } else if (code8 >= 0 && length <= 0xff) {
            out.write(code8);
            out.write(length);
        } else if (length <= 0xffff) {
            out.write(code16);
            writeBytes(length, 2);
        } else {
            out.write(code32);
            writeBytes(length, 4);
        }
    }

    private void writeBytes(long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
