package org.rollscope.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rollscope.netcode.wire.MalformedPacketException;
import org.rollscope.netcode.wire.Message;
import org.rollscope.netcode.wire.RejectReason;
import org.rollscope.netcode.wire.WireCodec;

/**
 * The wire codec on the packet every browser sends every frame: an INPUT carrying the last 10 inputs (59 bytes).
 * A 60 fps peer encodes one and decodes one per frame, so roundTrip × 60 is its per-second codec cost; decodeRejected
 * shows what a malformed packet costs the receive loop (no stack trace is taken).
 *
 * <p>Run: {@code java -cp "bench/target/rollscope-bench.jar:bench/target/lib/*" org.openjdk.jmh.Main WireCodec}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WireCodecBenchmark {
    private Message.Input input;
    private byte[] packet;
    private byte[] truncated;
    private byte[] sendBuffer;

    @Setup
    public void setUp() {
        List<Message.FrameAction> last10 = new ArrayList<>();
        for (int f = 29_925; f <= 29_934; f++) {
            last10.add(new Message.FrameAction(f, f % 6));
        }
        input = new Message.Input(1, 29_934, last10);
        packet = WireCodec.encode(input);
        truncated = Arrays.copyOf(packet, packet.length - 3);
        sendBuffer = new byte[1200];
    }

    /** Encode into a fresh array (what PeerEndpoint does today). */
    @Benchmark
    public byte[] encode() {
        return WireCodec.encode(input);
    }

    /** Encode into a reused send buffer: no allocation. */
    @Benchmark
    public int encodeIntoBuffer() {
        return WireCodec.encode(input, sendBuffer, 0);
    }

    @Benchmark
    public Message decode() throws MalformedPacketException {
        return WireCodec.decode(packet, 0, packet.length);
    }

    /** One frame's codec work for a peer: encode its INPUT, decode the other's. */
    @Benchmark
    public Message roundTrip() throws MalformedPacketException {
        byte[] bytes = WireCodec.encode(input);
        return WireCodec.decode(bytes, 0, bytes.length);
    }

    /** A truncated INPUT: the cost of a rejection, exception included. */
    @Benchmark
    public RejectReason decodeRejected() {
        try {
            WireCodec.decode(truncated, 0, truncated.length);
            throw new IllegalStateException("a truncated packet decoded");
        } catch (MalformedPacketException e) {
            return e.reason();
        }
    }
}
