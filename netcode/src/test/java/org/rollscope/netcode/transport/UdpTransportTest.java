package org.rollscope.netcode.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
