package org.rollscope.netcode.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.input.InputPredictor;
import org.rollscope.netcode.input.InputQueue;
import org.rollscope.netcode.wire.Message;

class RemoteInputGateTest {

    private final SessionConfig config = SessionConfig.builder().build(); // delay 2, window 8, redundancy 10
    private final InputQueue remote = new InputQueue(InputPredictor.repeatLast(0));
    private final RemoteInputGate gate = new RemoteInputGate(config, 1, remote);

    private static Message.Input packet(int player, int from, int to, int action) {
        List<Message.FrameAction> inputs = new ArrayList<>();
        for (int f = from; f <= to; f++) {
            inputs.add(new Message.FrameAction(f, action));
        }
        return new Message.Input(player, to, inputs);
    }

    private void startEpisode(long readySentMs) {
        remote.reset();
        remote.addConfirmed(0, 0);
        remote.addConfirmed(1, 0);
        gate.open(readySentMs);
    }

    @Test
    void closedGateDropsEverythingAsStale() {
        gate.onPacket(packet(1, 2, 5, 3), 0, 0);
        assertEquals(4, gate.inputsDroppedStale);
        assertFalse(remote.isConfirmed(2));
    }

    @Test
    void packetThatConnectsToTheConfirmedRunIsAdmitted() {
        startEpisode(0);
        gate.onPacket(packet(1, 2, 5, 3), 3, 1000);
        assertEquals(5, remote.lastContiguousFrame());
        assertEquals(4, gate.inputsRecvP2p);
        assertEquals(3, gate.remoteFrame(), "currentFrame 5 - delay 2");
        assertTrue(gate.inputSeen());
    }

    @Test
    void lateTailOfThePreviousEpisodeDoesNotConnectAndIsDropped() {
        startEpisode(0);
        gate.onPacket(packet(1, 2, 11, 1), 12, 1000);
        // The previous episode's last packet (frames 30..39) arrives 1 s into this one: ahead of a gap.
        gate.onPacket(packet(1, 30, 39, 4), 12, 1000);
        assertFalse(remote.isConfirmed(30));
        assertEquals(10, gate.inputsDroppedStale);
    }

    @Test
    void packetBeyondWhatTheTimeSinceReadyAllowsIsDropped() {
        startEpisode(1000);
        // 100 ms after our EPISODE_READY the other can be at most ~7.5 + 2 frames on: frame 20 is impossible.
        gate.onPacket(packet(1, 2, 20, 1), 20, 1100);
        assertFalse(remote.isConfirmed(2));
        assertEquals(19, gate.inputsDroppedStale);
        assertTrue(gate.furthestFrame(20, 1100) < 20);
    }

    @Test
    void forgedPacketFarAheadOfTheLocalFrameIsDroppedAndCountedAsAhead() {
        startEpisode(0);
        gate.onPacket(packet(1, 2, 11, 1), 12, 60_000);
        int bound = gate.furthestFrame(12, 60_000);
        // A minute into the episode the time bound is wide; the window bound (local frame + 2 delay + window +
        // redundancy) is what stops a forged INPUT 128 frames ahead.
        gate.onPacket(packet(1, 12, 12 + 128, 2), 12, 60_000);
        assertFalse(remote.isConfirmed(12));
        assertEquals(129, gate.inputsDroppedAhead);
        assertTrue(bound < 12 + 128 && bound >= 12, "bound " + bound);
    }

    @Test
    void wrongPlayerAndBadActionsAreCountedAsInvalid() {
        startEpisode(0);
        gate.onPacket(packet(0, 2, 3, 1), 3, 1000);
        assertEquals(2, gate.inputsDroppedInvalid);
        gate.admit(2, 99, InputPath.RELAY, 3, 1000);
        assertEquals(3, gate.inputsDroppedInvalid);
        gate.admit(2, 5, InputPath.RELAY, 3, 1000);
        assertEquals(1, gate.inputsRecvRelay);
    }

    @Test
    void responseStartingAtTheFirstMissingFrameFillsAGap() {
        startEpisode(0);
        gate.onPacket(packet(1, 2, 4, 1), 5, 1000);
        gate.onPacket(packet(1, 20, 29, 2), 30, 2000); // more than the redundancy lost: ahead of a gap
        assertFalse(remote.isConfirmed(20));
        gate.onResponse(new Message.InputResponse(1, List.of(new Message.FrameAction(5, 2),
                new Message.FrameAction(6, 2))), 30, 2000);
        assertEquals(6, remote.lastContiguousFrame());
    }
}
