package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.rollscope.netcode.json.JsonValue;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What peers report about themselves: telemetry samples, MUG health reports, lost P2P connections, session events
 * and episode data. Every report is stamped with the sender's seat; a payload naming another seat is overridden
 * (telemetry, health) or refused (episode data). Runs on the sender's Jetty thread; episode writes continue on
 * {@code relay-storage} and acknowledge from there.
 */
final class ReportHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ReportHandlers.class);

    /** The acknowledgement of an accepted sample, written once: it is sent for every sample of every peer. */
    private static final EncodedJson ACCEPTED = new EncodedJson("{\"ok\":true}");

    private final Seats seats;
    private final ObserverHub hub;
    private final EpisodeStore episodes;
    private final EventBoundary boundary;
    private final TrafficCounters traffic;
    private int maxEpisodesPerSeat = Integer.MAX_VALUE;

    ReportHandlers(Seats seats, ObserverHub hub, EpisodeStore episodes, EventBoundary boundary,
                   TrafficCounters traffic) {
        this.seats = seats;
        this.hub = hub;
        this.episodes = episodes;
        this.boundary = boundary;
        this.traffic = traffic;
    }

    /** {@code peer_telemetry}: one {@link PeerSample}, stamped with the sender's seat, fanned out to observers. */
    void onTelemetry(SocketIoSocket socket, JsonValue[] args, EventBoundary.Ack ack) {
        JsonValue.Obj in = Payloads.object(PeerEvents.PEER_TELEMETRY, args);
        Seat seat = seats.require(socket, PeerEvents.PEER_TELEMETRY);
        PeerSample sample = parseSample(in);
        accept(seat, sample.withSeat(seat.session().gameId(), seat.playerId()), ack);
    }

    /**
     * {@code peer_telemetry} from a MUG page's probe: as {@link #onTelemetry}, stamped {@code source: "mug-probe"}
     * with the subject id of the probe's seat, and with the fields the page could not give (null in the payload)
     * listed as unknown, so that their placeholders are never shown as 0.
     */
    void onProbeTelemetry(SocketIoSocket socket, JsonValue[] args, EventBoundary.Ack ack, String source,
                          List<String> unsupported) {
        JsonValue.Obj in = Payloads.object(PeerEvents.PEER_TELEMETRY, args);
        Seat seat = seats.require(socket, PeerEvents.PEER_TELEMETRY);
        PeerSample sample = parseSample(in);
        accept(seat, sample.withSeat(seat.session().gameId(), seat.playerId()).withSource(
                source, seat.subjectId(), ProbeSamples.unknownFields(in), unsupported), ack);
    }

    private static PeerSample parseSample(JsonValue.Obj in) {
        for (String key : new String[] {"seq", "t_ms", "state"}) {
            Payloads.requireValue(in, key);
        }
        PeerSample plain = SampleCodec.read(in);
        if (plain != null) {
            return plain;
        }
        try {
            return ObserverProtocol.mapper().convertValue(in.toPlain(), PeerSample.class);
        } catch (IllegalArgumentException e) {
            throw Payloads.malformed(e.getMessage());
        }
    }

    private void accept(Seat seat, PeerSample stamped, EventBoundary.Ack ack) {
        // Accepted: acknowledge before the fan-out work, since peers time relay_rtt_ms with this acknowledgement.
        ack.send(ACCEPTED);
        seat.recordSample(stamped);
        traffic.samplesReceived.increment();
        hub.offerSample(stamped, encode(stamped));
    }

    /** The stamped sample as JSON text, encoded once for every observer it goes to. */
    private static EncodedJson encode(PeerSample sample) {
        String plain = SampleCodec.write(sample);
        if (plain != null) {
            return new EncodedJson(plain);
        }
        try {
            return new EncodedJson(ObserverProtocol.mapper().writeValueAsString(sample));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a PeerSample", e); // a record of plain values: a bug
        }
    }

    /** {@code p2p_health_report} (MUG, every 2 s): kept as the seat's latest, shown in snapshots. */
    void onHealthReport(SocketIoSocket socket, JsonValue[] args, EventBoundary.Ack ack) {
        JsonValue.Obj in = Payloads.object(PeerEvents.P2P_HEALTH_REPORT, args);
        Seat seat = seats.require(socket, PeerEvents.P2P_HEALTH_REPORT);
        Map<String, Object> report = in.toPlain(); // plain values: the snapshot encoder can always write them
        report.put("game_id", seat.session().gameId());
        report.put("player_id", seat.playerId());
        report.put("received_t_ms", System.currentTimeMillis());
        seat.recordHealth(report);
        ack.send(new JSONObject().put("ok", true));
    }

    /** {@code p2p_connection_lost} (MUG): becomes a {@code p2p_connection_lost} session event. */
    void onConnectionLost(SocketIoSocket socket, JsonValue[] args, EventBoundary.Ack ack) {
        JsonValue.Obj in = Payloads.object(PeerEvents.P2P_CONNECTION_LOST, args);
        Seat seat = seats.requireOwn(socket, PeerEvents.P2P_CONNECTION_LOST, in, false);
        Map<String, Object> detail = new LinkedHashMap<>();
        Long frame = Payloads.optLong(in, "frame_number"); // MUG sends null before the first frame
        if (frame != null) {
            detail.put("frame_number", frame);
        }
        JsonValue timestamp = in.opt("timestamp");
        if (timestamp instanceof JsonValue.Num || timestamp instanceof JsonValue.Str) {
            detail.put("timestamp", timestamp.toPlain());
        } else if (timestamp != null) {
            throw Payloads.malformed("timestamp must be a number, got " + Payloads.typeName(timestamp));
        }
        publishAcknowledged(seat, SessionEvent.KIND_P2P_CONNECTION_LOST, detail);
        ack.send(new JSONObject().put("ok", true));
    }

    /** {@code peer_event {kind, detail}}: a session event the peer reports for its own seat. */
    void onPeerEvent(SocketIoSocket socket, JsonValue[] args, EventBoundary.Ack ack) {
        JsonValue.Obj in = Payloads.object(PeerEvents.PEER_EVENT, args);
        Seat seat = seats.require(socket, PeerEvents.PEER_EVENT);
        String kind = Payloads.requireString(in, "kind");
        if (!SessionEvent.PEER_REPORTABLE_KINDS.contains(kind)) {
            throw Payloads.malformed("kind must be one of " + SessionEvent.PEER_REPORTABLE_KINDS + ", got "
                    + Payloads.quote(kind));
        }
        JsonValue rawDetail = in.opt("detail");
        Map<String, Object> detail;
        if (rawDetail == null) {
            detail = Map.of();
        } else if (rawDetail instanceof JsonValue.Obj o) {
            detail = o.toPlain();
        } else if (rawDetail instanceof JsonValue.Str s) {
            detail = Map.of("text", s.value());
        } else {
            throw Payloads.malformed("detail must be an object or a string");
        }
        if (SessionEvent.KIND_ENDED.equals(kind)) {
            seat.session().setEnded(true);
            if (!seat.session().claimEndAnnouncement()) {
                ack.send(new JSONObject().put("ok", true).put("duplicate", true)); // the other peer said it first
                return;
            }
        }
        publishAcknowledged(seat, kind, detail);
        ack.send(new JSONObject().put("ok", true));
    }

    /**
     * {@code emit_episode_data {game_id?, player_id?, episode, format: "csv", data, partial?}}: stored atomically,
     * acknowledged {@code {status: "ok"}} only once on disk. {@code partial: true} marks an episode cut short because
     * the partner was gone; it is stored under its own name ({@link EpisodeStore#relativePath}).
     */
    void onEpisodeData(SocketIoSocket socket, JsonValue[] args, EventBoundary.Ack ack) {
        JsonValue.Obj in = Payloads.object(PeerEvents.EMIT_EPISODE_DATA, args);
        String claimedGame = Payloads.optId(in, "game_id");
        String claimedPlayer = Payloads.optId(in, "player_id");
        if (claimedGame != null) {
            SafeIds.require("game_id", claimedGame);
        }
        if (claimedPlayer != null) {
            SafeIds.require("player_id", claimedPlayer);
        }
        Seat seat = seats.requireOwn(socket, PeerEvents.EMIT_EPISODE_DATA, in, false);
        long episode = Payloads.requireLong(in, "episode");
        if (episode < 0) {
            throw Payloads.malformed("episode must be >= 0, got " + episode);
        }
        if (episode >= maxEpisodesPerSeat) {
            throw new RelayRequestException(RejectReason.LIMIT_REACHED, "episode " + episode
                    + " is beyond the limit of " + maxEpisodesPerSeat + " episodes per seat");
        }
        String format = in.has("format") ? Payloads.requireString(in, "format") : "csv";
        if (!"csv".equals(format)) {
            throw new RelayRequestException(RejectReason.UNSUPPORTED_FORMAT, "format must be csv, got " + Payloads.quote(format));
        }
        String csv = Payloads.requireString(in, "data");
        boolean partial = Payloads.optBoolean(in, "partial", false);
        String gameId = seat.session().gameId();
        String playerId = seat.playerId();
        String relative = EpisodeStore.relativePath(gameId, playerId, episode, partial);
        long bytes = csv.getBytes(StandardCharsets.UTF_8).length;
        episodes.store(gameId, playerId, episode, partial, csv).whenComplete((result, error) -> {
            if (error != null) {
                LOG.warn("could not store {}: {}", relative, error.toString());
                boundary.refuse(socket, PeerEvents.EMIT_EPISODE_DATA, ack, RejectReason.STORAGE_FAILED,
                        "could not store " + relative + "; send it again");
                return;
            }
            if (result == EpisodeStore.Result.CONFLICT) {
                LOG.warn("conflict: player {} of game {} sent episode {} again with different bytes ({}); the stored"
                        + " file is kept", playerId, gameId, episode, bytes);
                publish(seat, SessionEvent.KIND_EPISODE_CONFLICT, Map.of("episode", episode, "path", relative,
                        "bytes", bytes));
                boundary.refuse(socket, PeerEvents.EMIT_EPISODE_DATA, ack, RejectReason.CONFLICT,
                        relative + " is already stored with different data; stored episodes are never replaced");
                return;
            }
            if (result == EpisodeStore.Result.WRITTEN) {
                traffic.episodesStored.increment();
                publish(seat, SessionEvent.KIND_EXPORT_STORED,
                        Map.of("episode", episode, "path", relative, "bytes", bytes, "partial", partial));
            }
            ack.send(new JSONObject().put("status", "ok").put("ok", true).put("path", relative).put("bytes", bytes)
                    .put("already_stored", result == EpisodeStore.Result.SAME_BYTES));
        });
    }

    /** Episode numbers a seat may store (0 to this - 1). Call before serving. */
    ReportHandlers maxEpisodesPerSeat(int value) {
        this.maxEpisodesPerSeat = value;
        return this;
    }

    /** Publishes an event the peer asked to be recorded; refuses the request if it could not be stored. */
    private void publishAcknowledged(Seat seat, String kind, Map<String, Object> detail) {
        SessionJournal.Outcome stored = publish(seat, kind, detail);
        if (stored == SessionJournal.Outcome.FAILED) {
            throw new RelayRequestException(RejectReason.STORAGE_FAILED, kind
                    + " reached observers but could not be stored in events.jsonl; send it again later");
        }
        if (stored == SessionJournal.Outcome.FULL) {
            throw new RelayRequestException(RejectReason.LIMIT_REACHED, kind
                    + " reached observers but this game's events.jsonl is full");
        }
    }

    private SessionJournal.Outcome publish(Seat seat, String kind, Map<String, Object> detail) {
        return hub.publish(new SessionEvent(seat.session().gameId(), seat.playerId(), System.currentTimeMillis(), kind,
                detail));
    }
}
