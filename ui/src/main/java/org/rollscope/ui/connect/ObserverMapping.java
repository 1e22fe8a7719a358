package org.rollscope.ui.connect;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.PlayerSummary;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionSummary;
import org.rollscope.ui.source.Capability;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SourceCapabilities;

/** Pure conversions from netcode's observer records (relay or MUG shaped) to the console's. Any thread. */
public final class ObserverMapping {

    /**
     * Fields a source without Rollscope samples (a MUG server) can fill in from its health reports: the transport
     * (with MUG's connection type as its reason), the round trip (a session median there) and the episode.
     */
    public static final Set<String> HEALTH_REPORT_FIELDS = Set.of("transport", "transport_reason", "rtt_ms", "episode");

    private ObserverMapping() {}

    public static SessionInfo session(SessionSummary s) {
        Map<String, PeerSample> latest = new LinkedHashMap<>();
        for (PlayerSummary p : s.players()) {
            if (p.sample() != null) {
                latest.put(p.playerId(), p.sample().withSeat(s.gameId(), p.playerId()));
            }
        }
        String state = s.ended() ? "ended" : s.ready() ? "running" : "waiting";
        return new SessionInfo(s.gameId(), s.players().stream().map(PlayerSummary::playerId).toList(), state,
                s.ended(), s.createdTMs(), latest, s.events() == null ? List.of() : s.events().stream().map(ObserverMapping::event).toList());
    }

    /**
     * The event's structured detail as one readable line ({@code command=force_fallback, reason=rtt}), as netcode's
     * {@link org.rollscope.netcode.timeline.TimelineEvent} writes it: the relay archive's export says the same.
     */
    public static SessionEventRecord event(SessionEvent e) {
        return new SessionEventRecord(e.gameId(), e.playerId(), e.tMs(), e.kind(),
                org.rollscope.netcode.timeline.TimelineEvent.detailText(e.detail()));
    }

    public static CommandResult result(org.rollscope.netcode.observer.CommandResult r) {
        if (r.ok()) {
            return CommandResult.success();
        }
        String message = r.message() != null && !r.message().isBlank() ? r.message() : r.error();
        return CommandResult.failed(message);
    }

    /**
     * The observer client's state as the console names it. A relay that cannot be reached is UNREACHABLE (the client
     * keeps retrying); a dropped connection being retried is RECONNECTING.
     */
    public static ConnectionState state(org.rollscope.netcode.observer.ConnectionState s, String detail) {
        return switch (s) {
            case CONNECTING -> new ConnectionState(ConnectionState.Kind.CONNECTING, detail);
            case CONNECTED -> new ConnectionState(ConnectionState.Kind.CONNECTED, detail);
            case RECONNECTING -> detail != null && detail.startsWith("cannot reach")
                    ? ConnectionState.unreachable(detail) : new ConnectionState(ConnectionState.Kind.RECONNECTING, detail);
            case REFUSED -> ConnectionState.refused(detail);
            case CLOSED -> ConnectionState.of(ConnectionState.Kind.CLOSED);
        };
    }

    public static SourceCapabilities capabilities(org.rollscope.netcode.observer.SourceCapabilities c) {
        String why = c.unsupportedReason() != null ? c.unsupportedReason() : "this server cannot do it";
        Map<Capability, String> unsupported = new EnumMap<>(Capability.class);
        if (!c.forceFallback()) {
            unsupported.put(Capability.FORCE_FALLBACK, why);
            unsupported.put(Capability.RESTORE_P2P, why);
        }
        if (!c.setLink()) unsupported.put(Capability.SET_LINK, why);
        if (!c.requestSnapshot()) unsupported.put(Capability.REQUEST_SNAPSHOT, why);
        return new SourceCapabilities(unsupported,
                c.telemetrySamples() ? SourceCapabilities.ALL_FIELDS : HEALTH_REPORT_FIELDS, true);
    }
}
