package org.rollscope.netcode.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.testing.Await;

class UdpTransportTest {

    @Test
    void datagramsCrossLoopbackBetweenConnectedPeers() {
        try (UdpTransport a = UdpTransport.bind("127.0.0.1"); UdpTransport b = UdpTransport.bind("127.0.0.1")) {
            a.connect(b.localAddress());
            b.connect(a.localAddress());
            a.send(new byte[] {1, 2, 3});
            b.send(new byte[] {4});
            List<byte[]> atB = new ArrayList<>();
            List<byte[]> atA = new ArrayList<>();
            Await.until(Duration.ofSeconds(5), "one datagram each way", () -> {
                b.drainReceived(atB::add);
                a.drainReceived(atA::add);
                return atB.size() == 1 && atA.size() == 1;
            }, () -> atA.size() + "/" + atB.size());
            assertArrayEquals(new byte[] {1, 2, 3}, atB.get(0));
            assertArrayEquals(new byte[] {4}, atA.get(0));
            assertEquals(1, a.counters().packetsSent());
            assertEquals(3, a.counters().bytesSent());
        }
    }

    @Test
    void aResponderAnswersOnArrivalWithoutTheLoopAndEveryDatagramCarriesItsArrivalTime() {
        try (UdpTransport a = UdpTransport.bind("127.0.0.1"); UdpTransport b = UdpTransport.bind("127.0.0.1")) {
            a.connect(b.localAddress());
            b.connect(a.localAddress());
            b.answerOnArrival(d -> d[0] == 7 ? new byte[] {8, d[1]} : null, b::send);
            long before = System.nanoTime();
            a.send(new byte[] {7, 42});
            a.send(new byte[] {1});
            List<byte[]> atA = new ArrayList<>();
            // Nobody drains b: the answer comes from b's receiving thread alone.
            Await.until(Duration.ofSeconds(5), "the answer", () -> {
                a.drainReceived(atA::add);
                return !atA.isEmpty();
            });
            assertArrayEquals(new byte[] {8, 42}, atA.get(0));
            List<Long> arrivals = new ArrayList<>();
            Await.until(Duration.ofSeconds(5), "both datagrams at b", () -> {
                b.drainArrivals((d, nanos) -> arrivals.add(nanos));
                return arrivals.size() == 2;
            });
            long after = System.nanoTime();
            for (long t : arrivals) {
                assertTrue(t >= before && t <= after, "arrival stamped between the send and the drain");
            }
            assertEquals(1, b.counters().packetsSent(), "one answer, none for the other datagram");
        }
    }

    @Test
    void datagramsFromAStrangerAreDroppedAndCounted() {
        try (UdpTransport a = UdpTransport.bind("127.0.0.1");
             UdpTransport b = UdpTransport.bind("127.0.0.1");
             UdpTransport stranger = UdpTransport.bind("127.0.0.1")) {
            a.connect(b.localAddress());
            stranger.connect(a.localAddress());
            stranger.send(new byte[] {9});
            Await.until(Duration.ofSeconds(5), "the stranger's datagram to be refused",
                    () -> a.counters().droppedForeignSource() == 1);
            assertEquals(0, a.drainReceived(p -> { }));
        }
    }

    @Test
    void sendingBeforeConnectOrAfterCloseIsCountedNotThrown() {
        UdpTransport a = UdpTransport.bind("127.0.0.1");
        a.send(new byte[] {1});
        assertEquals(1, a.counters().droppedUnconnected());
        a.connect(a.localAddress());
        a.close();
        a.send(new byte[] {1});
        assertEquals(2, a.counters().droppedUnconnected());
        assertFalse(a.isOpen());
        a.close();
    }
}
