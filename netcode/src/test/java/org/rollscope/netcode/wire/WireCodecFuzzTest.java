package org.rollscope.netcode.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Over a million random and mutated packets (4 seeds × 262,144): the decoder only ever returns a message or throws
 * {@link MalformedPacketException}; anything else fails with the seed, the packet's index and its hex. Every packet
 * that decodes is canonical: it re-encodes to the same bytes (KEEPALIVE: to its one type byte), which decode to an
 * equal message.
 */
class WireCodecFuzzTest {
    private static final int PACKETS_PER_SEED = 1 << 18;
    private static final HexFormat HEX = HexFormat.of();
    private static final int[] TYPES = {
        WireTypes.INPUT, WireTypes.PING, WireTypes.PONG, WireTypes.KEEPALIVE, WireTypes.EPISODE_END,
        WireTypes.EPISODE_READY, WireTypes.STATE_HASH, WireTypes.VALIDATION_PING, WireTypes.VALIDATION_PONG,
        WireTypes.INPUT_REQUEST, WireTypes.INPUT_RESPONSE, WireTypes.FOCUS_STATE,
    };
    private static final byte[][] TEXT_FRAMES = {
        "{\"type\":\"test\",\"message\":\"hello\"}".getBytes(StandardCharsets.UTF_8),
        "{\"type\":\"test\",\"from\":\"9\",\"t\":1732150000000}\n".getBytes(StandardCharsets.UTF_8),
        "[]".getBytes(StandardCharsets.UTF_8),
    };

    private static final AtomicLong TOTAL_PACKETS = new AtomicLong();
    private static final long[] TOTAL_REJECTED = new long[RejectReason.values().length];

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0x5EEDL, 20261121L, -7L, 0xC0FFEE_BADL})
    void decoderOnlyReturnsAMessageOrARejection(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RejectCounters rejected = new RejectCounters();
        long accepted = 0;
        long started = System.nanoTime();
        for (int i = 0; i < PACKETS_PER_SEED; i++) {
            byte[] packet = nextPacket(rnd);
            Message message;
            try {
                message = WireCodec.decode(packet, 0, packet.length);
            } catch (MalformedPacketException e) {
                rejected.count(e);
                continue;
            } catch (Throwable t) {
                throw new AssertionError(describe(seed, i, packet) + " threw " + t, t);
            }
            if (message == null) {
                fail(describe(seed, i, packet) + " decoded to null");
            }
            accepted++;
            checkCanonical(seed, i, packet, message);
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("wire fuzz seed %d: %,d packets in %d ms, %,d accepted, rejected %s%n",
                seed, PACKETS_PER_SEED, tookMs, accepted, rejected.snapshot());
        TOTAL_PACKETS.addAndGet(PACKETS_PER_SEED);
        synchronized (TOTAL_REJECTED) {
            rejected.snapshot().forEach((r, n) -> TOTAL_REJECTED[r.ordinal()] += n);
        }

        assertEquals(PACKETS_PER_SEED, accepted + rejected.total(), "every packet is a message or a rejection");
        assertTrue(accepted > PACKETS_PER_SEED / 10, "the generator must also exercise the success path: " + accepted);
        Set<RejectReason> missing = EnumSet.allOf(RejectReason.class);
        rejected.snapshot().forEach((r, n) -> {
            if (n > 0) {
                missing.remove(r);
            }
        });
        assertTrue(missing.isEmpty(), "seed " + seed + " never produced " + missing + ": widen the mutations");
    }

    @AfterAll
    static void printTotals() {
        Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        long rejected = 0;
        synchronized (TOTAL_REJECTED) {
            for (RejectReason r : RejectReason.values()) {
                byReason.put(r, TOTAL_REJECTED[r.ordinal()]);
                rejected += TOTAL_REJECTED[r.ordinal()];
            }
        }
        System.out.printf("wire fuzz total: %,d packets, %,d accepted, %,d rejected: %s%n", TOTAL_PACKETS.get(),
                TOTAL_PACKETS.get() - rejected, rejected, byReason);
    }

    private static void checkCanonical(long seed, int i, byte[] packet, Message message) {
        byte[] again;
        Message reDecoded;
        try {
            again = WireCodec.encode(message);
            reDecoded = WireCodec.decode(again);
        } catch (Throwable t) {
            throw new AssertionError(describe(seed, i, packet) + " decoded to " + message
                    + " which does not re-encode and decode: " + t, t);
        }
        byte[] expected = message.type() == WireTypes.KEEPALIVE ? new byte[] {packet[0]} : packet;
        if (!Arrays.equals(expected, again)) {
            fail(describe(seed, i, packet) + " decoded to " + message + " but re-encodes to " + HEX.formatHex(again));
        }
        if (!message.equals(reDecoded)) {
            fail(describe(seed, i, packet) + " decoded to " + message + " but its re-encoding decodes to " + reDecoded);
        }
    }

    private static String describe(long seed, int i, byte[] packet) {
        return "seed " + seed + ", packet #" + i + " (" + packet.length + " bytes: " + HEX.formatHex(packet) + ")";
    }

    // ---- packet generation ----------------------------------------------------------------------------------

    private static byte[] nextPacket(SplittableRandom rnd) {
        byte[] valid = WireCodec.encode(randomMessage(rnd));
        switch (rnd.nextInt(10)) {
            case 0:
            case 1:
                return valid;
            case 2:
                return flipBits(valid, 1 + rnd.nextInt(3), rnd);
            case 3:
                return Arrays.copyOf(valid, rnd.nextInt(valid.length)); // truncation, down to empty
            case 4:
                return extend(valid, 1 + rnd.nextInt(8), rnd);
            case 5:
                valid[0] = (byte) (rnd.nextBoolean() ? TYPES[rnd.nextInt(TYPES.length)] : rnd.nextInt(256));
                return valid; // type swap: the body of one type under another's type byte
            case 6:
                return noise(rnd);
            case 7:
                return overwriteField(valid, rnd);
            case 8:
                valid[rnd.nextInt(valid.length)] = (byte) rnd.nextInt(256);
                return valid;
            default:
                return rnd.nextInt(8) == 0 ? TEXT_FRAMES[rnd.nextInt(TEXT_FRAMES.length)].clone() : splice(valid, rnd);
        }
    }

    private static Message randomMessage(SplittableRandom rnd) {
        switch (TYPES[rnd.nextInt(TYPES.length)]) {
            case WireTypes.INPUT:
                return new Message.Input(u16(rnd), frame(rnd), frameActions(rnd, 1 + rnd.nextInt(WireCodec.MAX_INPUTS_PER_PACKET)));
            case WireTypes.PING:
                return new Message.Ping(timestamp(rnd));
            case WireTypes.PONG:
                return new Message.Pong(timestamp(rnd));
            case WireTypes.KEEPALIVE:
                return new Message.Keepalive();
            case WireTypes.EPISODE_END:
                return new Message.EpisodeEnd(frame(rnd), frame(rnd));
            case WireTypes.EPISODE_READY:
                return new Message.EpisodeReady(frame(rnd), asciiHash(rnd));
            case WireTypes.STATE_HASH:
                return new Message.StateHash(frame(rnd), rnd.nextLong());
            case WireTypes.VALIDATION_PING:
                return new Message.ValidationPing(timestamp(rnd));
            case WireTypes.VALIDATION_PONG:
                return new Message.ValidationPong(timestamp(rnd));
            case WireTypes.INPUT_REQUEST:
                return new Message.InputRequest(frame(rnd), frame(rnd));
            case WireTypes.INPUT_RESPONSE:
                return new Message.InputResponse(u16(rnd), frameActions(rnd, rnd.nextInt(rnd.nextBoolean() ? 4 : 64)));
            default:
                return new Message.FocusState(rnd.nextBoolean(), frame(rnd));
        }
    }

    /** Mostly game-like frames, sometimes the edges of the int range. */
    private static int frame(SplittableRandom rnd) {
        switch (rnd.nextInt(8)) {
            case 0:
                return 0;
            case 1:
                return Integer.MAX_VALUE - rnd.nextInt(4);
            case 2:
                return rnd.nextInt(Integer.MAX_VALUE);
            default:
                return rnd.nextInt(200_000);
        }
    }

    private static int u16(SplittableRandom rnd) {
        return rnd.nextInt(4) == 0 ? rnd.nextInt(0x10000) : rnd.nextInt(2);
    }

    /** performance.now()-like values, or any finite bit pattern (including ±0, subnormals, near-infinite). */
    private static double timestamp(SplittableRandom rnd) {
        if (rnd.nextBoolean()) {
            return rnd.nextInt(10_000_000) / 1000.0;
        }
        double d;
        do {
            d = Double.longBitsToDouble(rnd.nextLong());
        } while (!Double.isFinite(d));
        return d;
    }

    private static String asciiHash(SplittableRandom rnd) {
        char[] c = new char[rnd.nextInt(9)];
        for (int i = 0; i < c.length; i++) {
            c[i] = rnd.nextInt(4) == 0 ? (char) (1 + rnd.nextInt(0x7F)) : "0123456789abcdef".charAt(rnd.nextInt(16));
        }
        return new String(c);
    }

    private static List<Message.FrameAction> frameActions(SplittableRandom rnd, int n) {
        List<Message.FrameAction> inputs = new ArrayList<>(n);
        int first = frame(rnd);
        for (int i = 0; i < n; i++) {
            int f = first <= Integer.MAX_VALUE - n ? first + i : frame(rnd);
            inputs.add(new Message.FrameAction(f, rnd.nextInt(8) == 0 ? rnd.nextInt(256) : rnd.nextInt(6)));
        }
        return inputs;
    }

    // ---- mutations ------------------------------------------------------------------------------------------

    private static byte[] flipBits(byte[] p, int flips, SplittableRandom rnd) {
        for (int i = 0; i < flips; i++) {
            p[rnd.nextInt(p.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        return p;
    }

    private static byte[] extend(byte[] p, int extra, SplittableRandom rnd) {
        byte[] longer = Arrays.copyOf(p, p.length + extra);
        for (int i = p.length; i < longer.length; i++) {
            longer[i] = rnd.nextInt(3) == 0 ? 0 : (byte) rnd.nextInt(256);
        }
        return longer;
    }

    private static byte[] noise(SplittableRandom rnd) {
        byte[] p = new byte[rnd.nextInt(rnd.nextBoolean() ? 16 : 96)];
        rnd.nextBytes(p);
        return p;
    }

    /** Writes an extreme value over a field-sized window: all ones, a NaN/infinity pattern, 0x80, a NUL. */
    private static byte[] overwriteField(byte[] p, SplittableRandom rnd) {
        if (p.length < 2) {
            return p;
        }
        int at = 1 + rnd.nextInt(p.length - 1);
        byte[] pattern;
        switch (rnd.nextInt(5)) {
            case 0:
                pattern = new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
                break;
            case 1:
                pattern = new byte[] {(byte) 0x7F, (byte) 0xF0, 0, 0, 0, 0, 0, (byte) (rnd.nextBoolean() ? 0 : 1)};
                break;
            case 2:
                pattern = new byte[] {(byte) 0x80};
                break;
            case 3:
                pattern = new byte[] {0};
                break;
            default:
                pattern = new byte[] {(byte) (2 + rnd.nextInt(254))};
                break;
        }
        if (rnd.nextBoolean() && p.length > 1 + pattern.length) {
            at = 1 + rnd.nextInt(p.length - pattern.length); // aligned to fit: a whole-field overwrite
        }
        for (int i = 0; i < pattern.length && at + i < p.length; i++) {
            p[at + i] = pattern[i];
        }
        return p;
    }

    /** The head of one valid packet glued to the tail of another. */
    private static byte[] splice(byte[] a, SplittableRandom rnd) {
        byte[] b = WireCodec.encode(randomMessage(rnd));
        int cutA = rnd.nextInt(a.length + 1);
        int cutB = rnd.nextInt(b.length + 1);
        byte[] out = Arrays.copyOf(a, cutA + (b.length - cutB));
        System.arraycopy(b, cutB, out, cutA, b.length - cutB);
        return out;
    }
}
