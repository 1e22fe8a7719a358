package org.rollscope.netcode.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.transport.ImpairedTransport;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.netcode.transport.UdpTransport;

/**
 * {@code buffered_amount} over real sockets against the link model: 10,000 bytes handed at once to an 80 kbit/s link
 * drain at 10 bytes per ms. At every reading the bytes reported buffered plus the bytes that reached the other
 * socket make up what was sent, within two packets (the model drains a packet byte by byte while it is serialised
 * but delivers it whole at the end, and the emulator's thread may put it on the wire a little late on a busy
 * machine), and the first reading is the whole burst less what the model drained since.
 */
class SendBufferFidelityTest {
    private static final int PACKETS = 20;
    private static final int SIZE = 500;

    @Test
    void bufferedBytesAreWhatHasNotReachedTheWire() {
        UdpTransport udpA = UdpTransport.bind("127.0.0.1");
        try (ImpairedTransport a = new ImpairedTransport(udpA, new LinkProfile(0, 0, 0, 0, 0, 80), 1);
             UdpTransport b = UdpTransport.bind("127.0.0.1")) {
            udpA.connect(b.localAddress());
            b.connect(udpA.localAddress());
            long start = System.nanoTime();
            for (int i = 0; i < PACKETS; i++) {
                a.send(new byte[SIZE]);
            }
            long lastSent = System.nanoTime();
            long first = a.bufferedBytes();
            long read = System.nanoTime();
            // The model drains 10 bytes per ms from the first send on; a busy machine may spread the sends, so the
            // reading lies between "all sent at the first send" and "all sent at the last send".
            double low = PACKETS * SIZE - 10 * (read - start) / 1e6;
            double high = PACKETS * SIZE - 10 * (read - lastSent) / 1e6;
            System.out.printf("fidelity buffered_amount first reading %d bytes, model %.0f..%.0f bytes%n", first,
                    low, high);
            assertTrue(first >= low - 10 && first <= high + 10, "first reading " + first + " vs the model's " + low
                    + ".." + high);
            long[] received = {0};
            int[] readings = {0};
            long[] worst = {0};
            Await.until(Duration.ofSeconds(10), "the burst to drain", () -> {
                b.drainReceived(d -> received[0] += d.length);
                long buffered = a.bufferedBytes();
                b.drainReceived(d -> received[0] += d.length);
                long missing = PACKETS * SIZE - buffered - received[0];
                worst[0] = Math.max(worst[0], Math.abs(missing));
                assertTrue(missing >= -2 * SIZE && missing <= 2 * SIZE, "buffered " + buffered + " + received "
                        + received[0] + " vs sent " + PACKETS * SIZE);
                readings[0]++;
                return received[0] == PACKETS * SIZE;
            });
            System.out.printf("fidelity buffered_amount + received vs sent: worst difference %d bytes over %d"
                    + " readings (one packet is %d)%n", worst[0], readings[0], SIZE);
            assertEquals(0, a.bufferedBytes());
        }
    }
}
