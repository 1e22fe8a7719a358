package org.rollscope.netcode.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.testing.Await;

class ImpairedTransportTest {

    @Test
    void latencyDelaysEveryDatagram() {
        try (UdpTransport receiver = UdpTransport.bind("127.0.0.1");
             UdpTransport socket = UdpTransport.bind("127.0.0.1");
             ImpairedTransport sender = new ImpairedTransport(socket,
                     new LinkProfile(80, 0, 0, 0, 0, 0), 1)) {
            connect(socket, receiver);
            long t0 = System.nanoTime();
            sender.send(new byte[] {7});
            List<byte[]> got = new ArrayList<>();
            Await.until(Duration.ofSeconds(5), "the delayed datagram", () -> {
                receiver.drainReceived(got::add);
                return !got.isEmpty();
            });
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(elapsedMs >= 75, "arrived after " + elapsedMs + " ms, expected about 80");
        }
    }

    @Test
    void lossDropsAboutItsShareAndCountsIt() {
        try (UdpTransport receiver = UdpTransport.bind("127.0.0.1");
             UdpTransport socket = UdpTransport.bind("127.0.0.1");
             ImpairedTransport sender = new ImpairedTransport(socket,
                     new LinkProfile(0, 0, 0.3, 0, 0, 0), 42)) {
            connect(socket, receiver);
            // Paced in batches so that the kernel never has a reason to drop: every loss here is the link's.
            int[] received = {0};
            for (int batch = 0; batch < 10; batch++) {
                for (int i = 0; i < 100; i++) {
                    sender.send(new byte[] {(byte) i});
                }
                long expected = (batch + 1) * 100L - sender.counters().droppedByImpairment();
                Await.until(Duration.ofSeconds(5), "the surviving datagrams", () -> {
                    received[0] += receiver.drainReceived(p -> { });
                    return received[0] == expected;
                }, () -> received[0] + " of " + expected);
            }
            long dropped = sender.counters().droppedByImpairment();
            assertTrue(dropped > 230 && dropped < 370, "dropped " + dropped + " of 1000 at 30 % loss");
        }
    }

    @Test
    void finiteBandwidthFillsTheSendBufferAndDrainsIt() {
        try (UdpTransport receiver = UdpTransport.bind("127.0.0.1");
             UdpTransport socket = UdpTransport.bind("127.0.0.1");
             ImpairedTransport sender = new ImpairedTransport(socket,
                     new LinkProfile(0, 0, 0, 0, 0, 64), 3)) {
            connect(socket, receiver);
            for (int i = 0; i < 40; i++) {
                sender.send(new byte[200]); // 8 KB at 64 kbit/s is a second of queue
            }
            long buffered = sender.bufferedBytes();
            assertTrue(buffered > 6_000, "buffered " + buffered + " bytes right after a burst of 8000");
            Await.until(Duration.ofSeconds(5), "the queue to drain", () -> sender.bufferedBytes() == 0,
                    sender::bufferedBytes);
            sender.setProfile(LinkProfile.PERFECT);
            assertEquals(LinkProfile.PERFECT, sender.profile());
        }
    }

    private static void connect(DatagramTransport a, DatagramTransport b) {
        a.connect(b.localAddress());
        b.connect(a.localAddress());
    }
}
