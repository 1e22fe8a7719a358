package org.rollscope.netcode.archive;

import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;

/** Realistic samples for the archive's tests: a running peer at frame {@code 6 * seq}, some figures unknown. */
final class Samples {
    private Samples() {
    }

    static PeerSample of(String gameId, String playerId, long seq, long tMs) {
        int frame = (int) (seq * 6);
        return new PeerSample(gameId, playerId, seq, tMs, PeerSample.STATE_RUNNING, 0, frame, frame - 3, frame - 4,
                frame - 2, 0.25 * (seq % 5), seq / 3, seq, (int) (seq % 4), 7, (int) (seq % 9), seq / 50,
                seq % 7 == 0 ? null : 20.0 + seq % 30, 41.5, seq % 3 == 0 ? null : 0.01 * (seq % 4),
                seq % 11 == 0 ? null : 100L * (seq % 13), PeerSample.TRANSPORT_P2P, "ok", frame, 0, frame - 2, 0, 0,
                null, 59.9, 0.123, seq % 2 == 0 ? null : new LinkProfile(20, 5, 0.01, 0, 0, 0));
    }
}
