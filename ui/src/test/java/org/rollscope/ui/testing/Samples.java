package org.rollscope.ui.testing;

import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;

/** Builds single PeerSamples for unit tests; start from {@link #running} and change what the test is about. */
public final class Samples {

    private Samples() {}

    public static PeerSample running(String game, String player, long seq, long tMs, int frame) {
        return new PeerSample(game, player, seq, tMs, PeerSample.STATE_RUNNING, 0, frame, frame - 3, frame - 5,
                frame - 2, 0.5, 10, 30, 2, 4, 3, 0, 40.0, 60.0, 0.01, 500L, PeerSample.TRANSPORT_P2P, "ok",
                100, 0, 100, 0, 0, null, 60.0, 2.0, LinkProfile.PERFECT);
    }

    public static PeerSample health(String game, String player, long seq, Double rttMs, Double gapRate, Long buffered,
            long desyncs) {
        PeerSample s = running(game, player, seq, 1_000 + seq * 100, 100 + (int) seq * 6);
        return new PeerSample(s.gameId(), s.playerId(), s.seq(), s.tMs(), s.state(), s.episode(), s.frame(),
                s.confirmedFrame(), s.verifiedFrame(), s.remoteFrame(), s.frameAdvantage(), s.rollbacks(),
                s.rollbackFrames(), s.lastRollbackDepth(), s.maxRollbackDepth(), s.predictedFrames(), s.stalls(), rttMs,
                s.relayRttMs(), gapRate, buffered, s.transport(), s.transportReason(), s.inputsSentP2p(),
                s.inputsSentRelay(), s.inputsRecvP2p(), s.inputsRecvRelay(), desyncs, desyncs > 0 ? 42 : null, s.fps(),
                s.stepMs(), s.link());
    }

    public static PeerSample withTransport(PeerSample s, long seq, long tMs, String transport, String reason) {
        return new PeerSample(s.gameId(), s.playerId(), seq, tMs, s.state(), s.episode(), s.frame(),
                s.confirmedFrame(), s.verifiedFrame(), s.remoteFrame(), s.frameAdvantage(), s.rollbacks(),
                s.rollbackFrames(), s.lastRollbackDepth(), s.maxRollbackDepth(), s.predictedFrames(), s.stalls(),
                s.rttMs(), s.relayRttMs(), s.gapRate(), s.bufferedAmount(), transport, reason, s.inputsSentP2p(),
                s.inputsSentRelay(), s.inputsRecvP2p(), s.inputsRecvRelay(), s.desyncs(), s.lastDesyncFrame(), s.fps(),
                s.stepMs(), s.link());
    }

    /** A MUG page's probe sample as the relay stamps it: MUG counts no stalls, and its fallback latches. */
    public static PeerSample probe(String game, String player, long seq, long tMs, int frame) {
        return running(game, player, seq, tMs, frame).withSource(PeerSample.SOURCE_MUG_PROBE, "subject-" + player,
                java.util.List.of("stalls", "desyncs"), java.util.List.of("restore_p2p"));
    }
}
