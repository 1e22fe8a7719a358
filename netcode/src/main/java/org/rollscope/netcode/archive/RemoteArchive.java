package org.rollscope.netcode.archive;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.json.JSONObject;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.ObserverRequestException;

/**
 * A relay's archive read over the observer connection ({@code archive_sessions}, {@code archive_timeline}; the
 * observer token is the key). Every method blocks until the relay answers; call it off any UI or Socket.IO thread.
 */
public final class RemoteArchive {
    /** A page of 1,000 samples from a busy database may take a while; this is when we stop waiting. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final TypeReference<List<ArchivedSession>> SESSIONS = new TypeReference<>() {
    };

    private final ObserverClient client;

    /** @param client a connected observer */
    public RemoteArchive(ObserverClient client) {
        this.client = client;
    }

    /**
     * The archived sessions active since {@code sinceTMs} (null: all), newest first; one session with {@code gameId}.
     *
     * @throws IOException with the relay's reason ({@code archive_off}, ...) or when it did not answer
     */
    public List<ArchivedSession> sessions(Long sinceTMs, String gameId) throws IOException {
        JSONObject payload = new JSONObject();
        if (sinceTMs != null) {
            payload.put("since_t_ms", sinceTMs);
        }
        if (gameId != null) {
            payload.put("game_id", gameId);
        }
        JSONObject answer = call(ObserverProtocol.ARCHIVE_SESSIONS, payload);
        return ObserverProtocol.mapper().convertValue(answer.getJSONArray("sessions").toList(), SESSIONS);
    }

    /** One session's timeline between the two times (null: unbounded), page by page, in the relay's page size. */
    public TimelinePages timeline(String gameId, Long sinceTMs, Long untilTMs) {
        return timeline(gameId, sinceTMs, untilTMs, 0);
    }

    /** As {@link #timeline(String, Long, Long)}, {@code pageSize} samples a page (0: the relay's default). */
    public TimelinePages timeline(String gameId, Long sinceTMs, Long untilTMs, int pageSize) {
        return after -> {
            JSONObject payload = new JSONObject().put("game_id", gameId);
            if (pageSize > 0) {
                payload.put("limit", pageSize);
            }
            if (sinceTMs != null) {
                payload.put("since_t_ms", sinceTMs);
            }
            if (untilTMs != null) {
                payload.put("until_t_ms", untilTMs);
            }
            if (after != null) {
                payload.put("after", new JSONObject().put("t_ms", after.tMs()).put("player_id", after.playerId())
                        .put("seq", after.seq()));
            }
            return ObserverProtocol.fromJson(call(ObserverProtocol.ARCHIVE_TIMELINE, payload),
                    ArchiveTimelinePage.class);
        };
    }

    private JSONObject call(String event, JSONObject payload) throws IOException {
        try {
            return client.request(event, payload, TIMEOUT).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ObserverRequestException r) {
                throw new IOException(r.error() + ": " + r.getMessage(), r);
            }
            throw new IOException("the relay did not answer " + event + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + event, e);
        }
    }
}
