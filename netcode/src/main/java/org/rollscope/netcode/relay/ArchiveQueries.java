package org.rollscope.netcode.relay;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.json.JSONObject;
import org.rollscope.netcode.json.JsonValue;
import org.rollscope.netcode.archive.ArchiveReader;
import org.rollscope.netcode.archive.ArchiveTimelinePage;
import org.rollscope.netcode.archive.ArchivedSession;
import org.rollscope.netcode.archive.SampleCursor;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observers' reads of the archive: {@code archive_sessions} and {@code archive_timeline} (docs/relay-protocol.md).
 * The request is checked on the observer's Jetty thread; the query runs on {@code relay-archive-read} and the ack is
 * sent from there, so a slow database never holds up a relay thread.
 */
final class ArchiveQueries {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveQueries.class);
    static final int DEFAULT_SESSIONS = 1_000;
    static final int MAX_SESSIONS = 10_000;
    /** About 1 MB of JSON per page: big enough to stream fast, small enough for any Socket.IO client. */
    static final int DEFAULT_PAGE = 1_000;
    static final int MAX_PAGE = 5_000;
    /** Events come whole on the first page; a session has a few hundred, this bounds a pathological one. */
    static final int MAX_EVENTS = 100_000;

    private final ArchiveReader reader; // null: the archive is off
    private final ExecutorService executor;
    private final EventBoundary boundary;

    ArchiveQueries(ArchiveReader reader, ExecutorService executor, EventBoundary boundary) {
        this.reader = reader;
        this.executor = executor;
        this.boundary = boundary;
    }

    /** {@code archive_sessions {since_t_ms?, game_id?, limit?}} → {@code {ok, sessions}}, newest first. */
    void onSessions(io.socket.socketio.server.SocketIoSocket socket, JsonValue[] args, EventBoundary.Ack ack) {
        JsonValue.Obj in = args.length == 0 ? JsonValue.Obj.EMPTY
                : Payloads.object(ObserverProtocol.ARCHIVE_SESSIONS, args);
        Long sinceOrNull = Payloads.optLong(in, "since_t_ms");
        long since = sinceOrNull == null ? Long.MIN_VALUE : sinceOrNull;
        String gameId = Payloads.optId(in, "game_id");
        int limit = limit(in, DEFAULT_SESSIONS, MAX_SESSIONS);
        run(socket, ObserverProtocol.ARCHIVE_SESSIONS, ack, () -> {
            List<ArchivedSession> sessions = reader.sessions(since, gameId, limit);
            return ObserverProtocol.toJson(java.util.Map.of("ok", true, "sessions", sessions));
        });
    }

    /**
     * {@code archive_timeline {game_id, since_t_ms?, until_t_ms?, after?, limit?}} → {@code {ok, session, samples,
     * events, next, total_samples}}: one page; the caller asks again with {@code after = next} until it is null.
     */
    void onTimeline(io.socket.socketio.server.SocketIoSocket socket, JsonValue[] args, EventBoundary.Ack ack) {
        JsonValue.Obj in = Payloads.object(ObserverProtocol.ARCHIVE_TIMELINE, args);
        String gameId = Payloads.requireId(in, "game_id");
        Long sinceOrNull = Payloads.optLong(in, "since_t_ms");
        Long untilOrNull = Payloads.optLong(in, "until_t_ms");
        long since = sinceOrNull == null ? Long.MIN_VALUE : sinceOrNull;
        long until = untilOrNull == null ? Long.MAX_VALUE : untilOrNull;
        int limit = limit(in, DEFAULT_PAGE, MAX_PAGE);
        SampleCursor after = null;
        JsonValue afterValue = in.opt("after");
        if (afterValue != null) {
            if (!(afterValue instanceof JsonValue.Obj a)) {
                throw Payloads.malformed("after must be the previous page's next: {t_ms, player_id, seq}");
            }
            after = new SampleCursor(Payloads.requireLong(a, "t_ms"), Payloads.requireString(a, "player_id"),
                    Payloads.requireLong(a, "seq"));
        }
        SampleCursor from = after;
        run(socket, ObserverProtocol.ARCHIVE_TIMELINE, ack, () -> {
            ArchivedSession session = reader.session(gameId);
            if (session == null) {
                throw new RelayRequestException(RejectReason.UNKNOWN_GAME, "the archive holds no game " + gameId);
            }
            List<PeerSample> samples = reader.samples(gameId, since, until, from, limit);
            SampleCursor next = samples.size() < limit ? null : SampleCursor.after(samples.get(samples.size() - 1));
            boolean first = from == null;
            ArchiveTimelinePage page = new ArchiveTimelinePage(session, samples,
                    first ? reader.events(gameId, since, until, MAX_EVENTS) : List.of(), next,
                    first ? reader.countSamples(gameId, since, until) : -1);
            return ObserverProtocol.toJson(page).put("ok", true);
        });
    }

    private interface Query {
        JSONObject run() throws SQLException;
    }

    private void run(io.socket.socketio.server.SocketIoSocket socket, String event, EventBoundary.Ack ack,
                     Query query) {
        if (reader == null) {
            throw new RelayRequestException(RejectReason.ARCHIVE_OFF, "this relay runs without its archive");
        }
        try {
            executor.execute(() -> {
                try {
                    ack.send(query.run());
                } catch (RelayRequestException e) {
                    boundary.refuse(socket, event, ack, e.reason(), e.getMessage());
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("archive read for {} failed: {}", event, e.toString());
                    boundary.refuse(socket, event, ack, RejectReason.ARCHIVE_FAILED,
                            "the archive could not answer: " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            throw new RelayRequestException(RejectReason.ARCHIVE_OFF, "the relay is stopping");
        }
    }

    private static int limit(JsonValue.Obj in, int fallback, int max) {
        Long given = Payloads.optLong(in, "limit");
        if (given == null) {
            return fallback;
        }
        long limit = given;
        if (limit < 1 || limit > max) {
            throw Payloads.malformed("limit must be in [1, " + max + "], got " + limit);
        }
        return (int) limit;
    }
}
