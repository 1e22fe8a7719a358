package org.rollscope.ui.connect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.mug.MugPeerReport;
import org.rollscope.netcode.mug.MugSource;
import org.rollscope.ui.source.SessionSource;

/**
 * A MUG server's admin namespace (mug-admin.md) as a {@link SessionSource}, through netcode's {@link MugSource}
 * (login, cookie, re-login, mapping). Each MUG health report becomes a {@link PeerSample} carrying only what MUG
 * knows (transport, connection type, the session-median round trip, episode); the capabilities list just those
 * fields, so frames, rollbacks, gap rate and send buffer show as unknown, never as the zeros the record must hold.
 * Forcing a fallback and link conditions are unavailable, with MUG's reason.
 */
public final class MugAdminSource extends ObserverBackedSource {

    private final String url;
    private final Map<String, Long> seqBySeat = new ConcurrentHashMap<>();

    public MugAdminSource(String url, String password) {
        super("MUG " + url, new MugSource(url, password));
        this.url = url;
    }

    @Override
    String connectingText() {
        return "logging in to " + url;
    }

    /**
     * A report as a sample: the fields MUG knows, placeholders elsewhere (0, −1 for frames). The placeholders are
     * never shown: {@link #capabilities()} says they are not reported.
     */
    @Override
    PeerSample sample(MugPeerReport r) {
        String seat = r.gameId() + "/" + r.playerId();
        long seq = seqBySeat.merge(seat, 1L, Long::sum);
        long tMs = r.tMs() != null ? r.tMs() : System.currentTimeMillis();
        return new PeerSample(r.gameId(), r.playerId(), seq, tMs, PeerSample.STATE_RUNNING,
                r.episode() == null ? 0 : r.episode(), 0, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, r.rttMs(), null, null, null,
                r.transport(), r.connectionType(), 0, 0, 0, 0, 0, null, null, null, null);
    }
}
