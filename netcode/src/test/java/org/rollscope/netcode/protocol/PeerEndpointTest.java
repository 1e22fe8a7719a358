package org.rollscope.netcode.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.transport.ChannelState;
import org.rollscope.netcode.wire.Message;
import org.rollscope.netcode.wire.RejectReason;
import org.rollscope.netcode.wire.WireCodec;

/** Two endpoints wired back to back with a hand-stepped clock: every timer is exact. */
class PeerEndpointTest {

    private final PeerEndpoint a = new PeerEndpoint();
    private final PeerEndpoint b = new PeerEndpoint();

    @Test
    void handshakeBringsBothSidesUpAndMeasuresTheRoundTrip() {
        a.onTick(0);
        b.onTick(0);
        deliver(a, b, 10);
        deliver(b, a, 20);
        deliver(a, b, 30);
        assertEquals(ChannelState.UP, a.state());
        assertEquals(ChannelState.UP, b.state());
        assertEquals(20.0, a.rttMs(), 1e-9, "a's VALIDATION_PING at 0 was answered at 20");
    }

    @Test
    void pingsEveryHalfSecondOnceUp() {
        bringUp();
        List<Message> sent = new ArrayList<>();
        for (long t = 100; t <= 2_100; t += 10) {
            a.onTick(t);
            a.drainOutgoing(d -> sent.add(decode(d)));
        }
        List<Double> pingTimes = sent.stream().filter(m -> m instanceof Message.Ping)
                .map(m -> ((Message.Ping) m).timestampMs()).toList();
        assertEquals(List.of(100.0, 600.0, 1100.0, 1600.0, 2100.0), pingTimes, "one PING per 500 ms: " + sent);
    }

    @Test
    void silenceFailsTheChannelAndAnyPacketRevivesIt() {
        bringUp();
        a.onTick(3_000);
        assertEquals(ChannelState.UP, a.state());
        a.onTick(3_200);
        assertEquals(ChannelState.FAILED, a.state());
        a.onDatagram(WireCodec.encode(new Message.Keepalive()), 3_300);
        assertEquals(ChannelState.UP, a.state());
        List<EndpointEvent> events = new ArrayList<>();
        a.drainEvents(events::add);
        assertTrue(events.contains(new EndpointEvent.StateChanged(ChannelState.UP, ChannelState.FAILED)));
        assertTrue(events.contains(new EndpointEvent.StateChanged(ChannelState.FAILED, ChannelState.UP)));
    }

    @Test
    void gameMessagesReachTheEngineAndInputsFeedTheGapRate() {
        bringUp();
        for (int f = 0; f < 10; f += 2) {
            a.onDatagram(WireCodec.encode(new Message.Input(1, f, List.of(new Message.FrameAction(f, 3)))), 200 + f);
        }
        a.onDatagram(WireCodec.encode(new Message.StateHash(4, 0xabcdefL)), 300);
        List<Message> got = new ArrayList<>();
        a.drainMessages(got::add);
        assertEquals(6, got.size());
        assertInstanceOf(Message.StateHash.class, got.get(5));
        assertEquals(4.0 / 9, a.gapRate(400), 1e-9, "frames 1,3,5,7 missing of 0..8");
    }

    @Test
    void garbageIsCountedPerReasonAndNeverThrown() {
        bringUp();
        a.onDatagram(new byte[0], 100);
        a.onDatagram(new byte[] {0x01, 0x00}, 100);
        a.onDatagram(new byte[] {0x09}, 100);
        a.onDatagram("{\"type\":\"test\"}".getBytes(StandardCharsets.UTF_8), 100);
        assertEquals(1, a.rejects().get(RejectReason.EMPTY));
        assertEquals(1, a.rejects().get(RejectReason.TRUNCATED));
        assertEquals(1, a.rejects().get(RejectReason.UNKNOWN_TYPE));
        assertEquals(1, a.rejects().get(RejectReason.TEXT_FRAME));
        assertEquals(3, a.rejects().totalMalformed());
        a.drainMessages(m -> { throw new AssertionError("garbage reached the engine: " + m); });
    }

    @Test
    void anEchoOfATimestampNeverSentIsIgnored() {
        bringUp();
        Double before = a.rttMs();
        a.onDatagram(WireCodec.encode(new Message.Pong(999_999)), 100);
        assertEquals(before, a.rttMs());
        assertEquals(1, a.bogusEchoes());
    }

    @Test
    void aClosedChannelSendsAndAcceptsNothing() {
        bringUp();
        a.close();
        a.send(new Message.Keepalive());
        a.onTick(10_000);
        a.drainOutgoing(d -> { throw new AssertionError("a closed channel sent " + decode(d)); });
        a.onDatagram(WireCodec.encode(new Message.StateHash(1, 1)), 10_001);
        a.drainMessages(m -> { throw new AssertionError("a closed channel accepted " + m); });
        assertEquals(ChannelState.CLOSED, a.state());
    }

    @Test
    void whenTheTransportAnswersPingsTheEndpointOnlyNotesThemAndTimesPongsByArrival() {
        PeerEndpoint c = new PeerEndpoint(PeerEndpoint.DEFAULT_FAIL_AFTER, true);
        c.onDatagram(WireCodec.encode(new Message.ValidationPing(5)), 10.25);
        c.onDatagram(WireCodec.encode(new Message.Ping(6)), 11);
        List<Message> sent = new ArrayList<>();
        c.drainOutgoing(d -> sent.add(decode(d)));
        assertTrue(sent.stream().noneMatch(m -> m instanceof Message.Pong || m instanceof Message.ValidationPong),
                "answered once already, by the transport: " + sent);
        assertEquals(2, c.packetsAccepted());
        c.onTick(100.5);
        c.drainOutgoing(d -> { });
        c.onDatagram(WireCodec.encode(new Message.ValidationPong(100.5)), 130.75);
        assertEquals(ChannelState.UP, c.state());
        assertEquals(30.25, c.rttMs(), 1e-9, "from the PING's send time to the PONG's arrival, to the microsecond");
    }

    @Test
    void noRoundTripMeansUnknownRtt() {
        assertNull(new PeerEndpoint().rttMs());
    }

    private void bringUp() {
        a.onTick(0);
        b.onTick(0);
        deliver(a, b, 0);
        deliver(b, a, 0);
        deliver(a, b, 0);
        a.drainEvents(e -> { });
        b.drainEvents(e -> { });
    }

    private static void deliver(PeerEndpoint from, PeerEndpoint to, long nowMs) {
        from.drainOutgoing(d -> to.onDatagram(d, nowMs));
    }

    private static Message decode(byte[] d) {
        try {
            return WireCodec.decode(d);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
