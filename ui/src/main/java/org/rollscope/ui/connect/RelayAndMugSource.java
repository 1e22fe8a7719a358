package org.rollscope.ui.connect;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.source.SourceCapabilities;
import org.rollscope.ui.source.SourceListener;

/**
 * A relay that MUG pages' probes report to, and the MUG server those pages play on, watched as one: a MUG game is one
 * session (the console keys sessions by game id, and probes report under MUG's own game and player ids), not two.
 * The probes' 10 Hz samples win: once the relay has reported a game, the MUG server's coarse health reports for it
 * are dropped (mixing them in would make the cards flip between full and sparse rows); a game no probe reports
 * (a page without the snippet) keeps the MUG server's reports, marked with what MUG cannot tell and cannot do.
 * Events of both go to the one session. Commands go to the relay.
 *
 * <p>Threads: the two sources call in on their own threads; this class keeps only a concurrent set of game ids and
 * the two latest connection states.
 */
public final class RelayAndMugSource implements SessionSource {
    /** Fields a MUG server's health report cannot give, in PeerSample's primitive fields (placeholders there). */
    private static final List<String> MUG_UNKNOWN = List.of("frame", "confirmed_frame", "verified_frame",
            "remote_frame", "frame_advantage", "rollbacks", "rollback_frames", "last_rollback_depth",
            "max_rollback_depth", "predicted_frames", "stalls", "inputs_sent_p2p", "inputs_sent_relay",
            "inputs_recv_p2p", "inputs_recv_relay", "desyncs");
    private static final List<String> MUG_UNSUPPORTED = List.of("force_fallback", "restore_p2p", "set_link");

    private final SessionSource relay;
    private final SessionSource mug;
    private final Set<String> probedGames = ConcurrentHashMap.newKeySet();
    private volatile ConnectionState relayState = ConnectionState.of(ConnectionState.Kind.CONNECTING);
    private volatile ConnectionState mugState = ConnectionState.of(ConnectionState.Kind.CONNECTING);

    public RelayAndMugSource(SessionSource relay, SessionSource mug) {
        this.relay = relay;
        this.mug = mug;
    }

    @Override
    public String describe() {
        return relay.describe() + " + " + mug.describe();
    }

    /** The relay's: every command and field; MUG-only rows say themselves what they lack. */
    @Override
    public SourceCapabilities capabilities() {
        return relay.capabilities();
    }

    @Override
    public void connect(SourceListener listener) {
        relay.connect(new SourceListener() {
            @Override
            public void onConnectionState(ConnectionState state) {
                relayState = state;
                listener.onConnectionState(combined());
            }

            @Override
            public void onSnapshot(List<SessionInfo> sessions) {
                sessions.forEach(s -> probedGames.add(s.gameId()));
                listener.onSnapshot(sessions);
            }

            @Override
            public void onSample(PeerSample sample) {
                probedGames.add(sample.gameId());
                listener.onSample(sample);
            }

            @Override
            public void onEvent(SessionEventRecord event) {
                listener.onEvent(event);
            }
        });
        mug.connect(new SourceListener() {
            @Override
            public void onConnectionState(ConnectionState state) {
                mugState = state;
                listener.onConnectionState(combined());
            }

            @Override
            public void onSnapshot(List<SessionInfo> sessions) {
                listener.onSnapshot(sessions.stream().map(RelayAndMugSource::withoutPlaceholders).toList());
            }

            @Override
            public void onSample(PeerSample sample) {
                if (!probedGames.contains(sample.gameId())) {
                    listener.onSample(mugRow(sample));
                }
            }

            @Override
            public void onEvent(SessionEventRecord event) {
                listener.onEvent(event);
            }
        });
    }

    /** A MUG health report as a row that says what MUG cannot tell (unknown) and cannot do (commands). */
    static PeerSample mugRow(PeerSample s) {
        return s.withSource("mug", s.subjectId(), MUG_UNKNOWN, MUG_UNSUPPORTED);
    }

    private static SessionInfo withoutPlaceholders(SessionInfo s) {
        java.util.Map<String, PeerSample> latest = new java.util.LinkedHashMap<>();
        s.latestSamples().forEach((player, sample) -> latest.put(player, mugRow(sample)));
        return new SessionInfo(s.gameId(), s.players(), s.state(), s.ended(), s.createdMs(), latest,
                s.recentEvents());
    }

    /** Connected when both are; otherwise the one that is not, named, so a wrong MUG password is not hidden. */
    ConnectionState combined() {
        ConnectionState r = relayState;
        ConnectionState m = mugState;
        if (!r.isConnected()) {
            return r;
        }
        if (!m.isConnected()) {
            return new ConnectionState(m.kind(), "MUG: " + (m.detail() == null ? m.kind() : m.detail()));
        }
        return r;
    }

    @Override
    public void close() {
        try {
            mug.close();
        } finally {
            relay.close();
        }
    }

    @Override
    public CompletableFuture<CommandResult> requestSnapshot() {
        mug.requestSnapshot();
        return relay.requestSnapshot();
    }

    @Override
    public CompletableFuture<CommandResult> forceFallback(String gameId, String playerId) {
        return relay.forceFallback(gameId, playerId);
    }

    @Override
    public CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
        return relay.restoreP2p(gameId, playerId);
    }

    @Override
    public CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
        return relay.setLink(gameId, playerId, link);
    }
}
