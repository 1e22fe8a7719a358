package org.rollscope.netcode.peer;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONObject;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.relay.PeerEvents;
import org.rollscope.netcode.relay.ProbeProtocol;
import org.rollscope.netcode.transport.SocketIoHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a MUG pilot's telemetry to a Rollscope relay, so that lab staff watching the relay see the pilot's seat
 * of the real MUG game beside the page's probe. It uses the relay's {@code /probe} channel with the probe key and
 * says it is the pilot ({@code source: "mug-pilot"}): the relay stamps the samples as the pilot's and offers no
 * commands for the seat (the pilot is steered from its own command line, not the relay).
 *
 * <p>It connects when the first sample names the MUG game and seat, and again if the game changes. Never blocks the
 * pilot: while the relay is unreachable samples are dropped and counted (Socket.IO keeps retrying), and a command
 * that arrives anyway is refused with the reason.
 */
public final class PilotRelayReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PilotRelayReporter.class);
    static final String COMMAND_REFUSAL = "the MUG pilot takes no commands from the relay; steer it with its own "
            + "command line (docs/mug-pilot.md)";

    private final URI relay;
    private final String probeKey;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private Socket socket;
    private String seat;

    /**
     * @param relay the relay's URL, e.g. {@code http://127.0.0.1:8765}
     * @param probeKey the relay's probe key ({@code --ready-file}'s {@code probe_key}; not the observer token)
     */
    public PilotRelayReporter(String relay, String probeKey) {
        URI base = URI.create(relay.endsWith("/") ? relay.substring(0, relay.length() - 1) : relay);
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("relay URL must start with http:// or https://, got " + relay);
        }
        if (probeKey == null || probeKey.isBlank()) {
            throw new IllegalArgumentException("a probe key is needed to report to the relay");
        }
        this.relay = base;
        this.probeKey = probeKey;
    }

    /** Takes one of the pilot's samples (any thread); sends it if connected, else drops and counts it. */
    public synchronized void report(PeerSample sample) {
        if (sample.gameId() == null || sample.playerId() == null) {
            return; // not in a game yet: nothing to report for
        }
        String nextSeat = sample.gameId() + '\u0000' + sample.playerId();
        if (!nextSeat.equals(seat)) {
            closeSocket();
            seat = nextSeat;
            open(sample);
        }
        if (!socket.connected()) {
            dropped.incrementAndGet();
            return;
        }
        try {
            socket.emit(PeerEvents.PEER_TELEMETRY,
                    new JSONObject(ObserverProtocol.mapper().writeValueAsString(sample)));
            sent.incrementAndGet();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a PeerSample", e); // a record of plain values: a bug
        }
    }

    private void open(PeerSample first) {
        IO.Options options = SocketIoHttp.websocketOptions();
        options.reconnection = true;
        options.reconnectionDelay = 1_000;
        options.reconnectionDelayMax = 30_000;
        Map<String, String> auth = new HashMap<>();
        auth.put(ProbeProtocol.AUTH_KEY, probeKey);
        auth.put(ProbeProtocol.AUTH_GAME_ID, first.gameId());
        auth.put(ProbeProtocol.AUTH_PLAYER_ID, first.playerId());
        auth.put(ProbeProtocol.AUTH_SOURCE, PeerSample.SOURCE_MUG_PILOT);
        if (first.subjectId() != null) {
            auth.put(ProbeProtocol.AUTH_SUBJECT_ID, first.subjectId());
        }
        options.auth = auth;
        Socket s = IO.socket(URI.create(relay + ProbeProtocol.NAMESPACE), options);
        s.on(Socket.EVENT_CONNECT_ERROR, args -> LOG.debug("pilot report: cannot connect to {}: {}", relay,
                args.length > 0 ? args[0] : "?"));
        s.on(PeerEvents.COMMAND, args -> {
            Object last = args.length > 0 ? args[args.length - 1] : null;
            if (last instanceof Ack ack) {
                ack.call(new JSONObject().put("ok", false).put("error", "unsupported").put("message", COMMAND_REFUSAL));
            }
        });
        s.connect();
        socket = s;
    }

    /** Samples sent to the relay so far. */
    public long sent() {
        return sent.get();
    }

    /** Samples dropped because the relay was not reachable at the time. */
    public long dropped() {
        return dropped.get();
    }

    private void closeSocket() {
        if (socket != null) {
            socket.off();
            socket.close();
            socket = null;
        }
    }

    @Override
    public synchronized void close() {
        closeSocket();
        seat = null;
    }
}
