package org.rollscope.netcode.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransportSelectorTest {

    private static final HealthReading GOOD = new HealthReading(ChannelState.UP, 40.0, 0.0, 0);
    private TransportSelector selector;

    @BeforeEach
    void startWithAnUpChannel() {
        selector = new TransportSelector(FallbackThresholds.DEFAULTS);
        assertEquals(TransportMode.RELAY, selector.mode());
        assertEquals(TransportReason.NOT_CONNECTED, selector.reason());
        List<TransportSelector.Switch> up = selector.update(GOOD, 0);
        assertEquals(TransportSelector.Switch.P2P_UP, up.get(0).kind());
        assertEquals(TransportMode.BOTH, selector.mode(), "keeps the relay until a PONG proves the channel");
        selector.onP2pConfirmed(0);
        assertEquals(TransportMode.P2P, selector.mode());
    }

    @Test
    void highRttMustBeSustainedBeforeFallingBackToBothPaths() {
        HealthReading slow = new HealthReading(ChannelState.UP, 350.0, 0.0, 0);
        assertTrue(selector.update(slow, 1_000).isEmpty());
        assertTrue(selector.update(slow, 2_400).isEmpty(), "1.4 s is not sustained yet");
        List<TransportSelector.Switch> s = selector.update(slow, 2_500);
        assertEquals(1, s.size());
        assertEquals(TransportReason.RTT, s.get(0).reason());
        assertEquals(TransportMode.BOTH, selector.mode());
    }

    @Test
    void aDipBelowTheThresholdRestartsTheSustainClock() {
        HealthReading slow = new HealthReading(ChannelState.UP, 350.0, 0.0, 0);
        selector.update(slow, 1_000);
        selector.update(GOOD, 2_000);
        selector.update(slow, 2_100);
        assertTrue(selector.update(slow, 3_500).isEmpty());
        assertEquals(TransportMode.P2P, selector.mode());
    }

    @Test
    void fullSendBufferMovesInputsToTheRelayOnceItProvedItself() {
        HealthReading full = new HealthReading(ChannelState.UP, 40.0, 0.0, 40_000);
        selector.update(full, 1_000);
        List<TransportSelector.Switch> s = selector.update(full, 2_000);
        assertEquals(TransportReason.BUFFER, s.get(0).reason());
        assertEquals(TransportMode.BOTH, selector.mode());
        selector.onRelayConfirmed(1_999);
        assertEquals(TransportMode.BOTH, selector.mode(), "an ack for something sent before the switch proves nothing");
        selector.onRelayConfirmed(2_010);
        assertEquals(TransportMode.RELAY, selector.mode());
    }

    @Test
    void aClosedChannelIsLeftAtOnceAndRejoinedWhenItIsUpAgain() {
        List<TransportSelector.Switch> s = selector.update(new HealthReading(ChannelState.CLOSED, null, null, 0), 500);
        assertEquals(TransportReason.CLOSED, s.get(0).reason());
        assertEquals(TransportMode.RELAY, selector.mode());
        s = selector.update(GOOD, 900);
        assertEquals(TransportSelector.Switch.P2P_UP, s.get(0).kind());
        selector.onP2pConfirmed(950);
        assertEquals(TransportMode.P2P, selector.mode());
        assertEquals(TransportReason.OK, selector.reason());
    }

    @Test
    void aLatchedFallbackNeverReturnsToP2pAsAMugPagesDoesNot() {
        selector.latchFallback();
        selector.update(new HealthReading(ChannelState.CLOSED, null, null, 0), 500);
        assertTrue(selector.update(GOOD, 900).isEmpty(), "the channel is back, the inputs stay");
        assertTrue(selector.update(GOOD, 20_000).isEmpty(), "and stay after a long healthy spell");
        assertEquals(TransportMode.RELAY, selector.mode());
        assertEquals(TransportReason.CLOSED, selector.reason(), "the reason still says why it fell back");
    }

    @Test
    void forcedFallbackHoldsWhateverTheHealthUntilRestored() {
        List<TransportSelector.Switch> s = selector.force(1_000);
        assertEquals(TransportReason.FORCED, s.get(0).reason());
        selector.onRelayConfirmed(1_001);
        assertEquals(TransportMode.RELAY, selector.mode());
        for (long t = 1_000; t < 20_000; t += 100) {
            assertTrue(selector.update(GOOD, t).isEmpty());
        }
        assertEquals(TransportMode.RELAY, selector.mode());
        s = selector.restore(ChannelState.UP, 20_000);
        assertEquals(TransportSelector.Switch.P2P_RESTORED, s.get(0).kind());
        assertEquals(TransportMode.BOTH, selector.mode());
        selector.onP2pConfirmed(20_050);
        assertEquals(TransportMode.P2P, selector.mode());
    }

    @Test
    void returnsToP2pOnlyAfterFiveHealthySeconds() {
        HealthReading lossy = new HealthReading(ChannelState.UP, 40.0, 0.3, 0);
        for (long t = 0; t <= 5_000; t += 100) {
            selector.update(lossy, t);
        }
        assertEquals(TransportReason.GAPS, selector.reason());
        for (long t = 5_100; t < 10_100; t += 100) {
            selector.update(GOOD, t);
            assertEquals(TransportReason.GAPS, selector.reason(), "at " + t);
        }
        List<TransportSelector.Switch> s = selector.update(GOOD, 10_100);
        assertEquals(TransportSelector.Switch.P2P_RESTORED, s.get(0).kind());
        selector.onP2pConfirmed(10_100);
        assertEquals(TransportMode.P2P, selector.mode());
    }

    @Test
    void repeatedReadingsDoNotRepeatTheSwitchEvent() {
        HealthReading closed = new HealthReading(ChannelState.CLOSED, null, null, 0);
        assertEquals(1, selector.update(closed, 100).size());
        assertTrue(selector.update(closed, 200).isEmpty());
        assertTrue(selector.force(300).size() == 1);
        assertTrue(selector.force(400).isEmpty());
    }
}
