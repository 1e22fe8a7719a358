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
    void authenticatedTransportTakesOnlyDatagramsSealedWithTheSessionKeyFromThePartnersAddress() throws Exception {
        byte[] key = new byte[32];
        key[0] = 42;
        try (UdpTransport a = UdpTransport.bind("127.0.0.1", new DatagramAuth(key, 0));
             java.net.DatagramSocket partner = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
             java.net.DatagramSocket stranger = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            a.connect((java.net.InetSocketAddress) partner.getLocalSocketAddress());
            java.net.InetSocketAddress to = a.localAddress();
            byte[] forgedTag = java.util.Arrays.copyOf(new byte[] {9, 9}, 2 + DatagramAuth.TAG_BYTES);
            partner.send(new java.net.DatagramPacket(new byte[] {9, 9}, 2, to));                  // no tag
            partner.send(new java.net.DatagramPacket(forgedTag, forgedTag.length, to));          // wrong tag
            byte[] wrongKey = new DatagramAuth(new byte[32], 1).seal(new byte[] {9});
            partner.send(new java.net.DatagramPacket(wrongKey, wrongKey.length, to));            // another key
            byte[] genuine = new DatagramAuth(key, 1).seal(new byte[] {5, 6});
            stranger.send(new java.net.DatagramPacket(genuine, genuine.length, to));             // right tag, wrong address
            partner.send(new java.net.DatagramPacket(genuine, genuine.length, to));
            List<byte[]> atA = new ArrayList<>();
            Await.until(Duration.ofSeconds(5), "the genuine datagram", () -> {
                a.drainReceived(atA::add);
                return !atA.isEmpty();
            });
            assertArrayEquals(new byte[] {5, 6}, atA.get(0), "handed on without its tag");
            assertEquals(1, atA.size());
            assertEquals(3, a.counters().droppedUnauthenticated());
            assertEquals(1, a.counters().droppedForeignSource());

            a.send(new byte[] {1, 2, 3});
            java.net.DatagramPacket got = new java.net.DatagramPacket(new byte[64], 64);
            partner.setSoTimeout(5_000);
            partner.receive(got);
            byte[] sealed = java.util.Arrays.copyOf(got.getData(), got.getLength());
            assertArrayEquals(new byte[] {1, 2, 3}, new DatagramAuth(key, 1).open(sealed), "sent sealed");
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
