package org.rollscope.netcode.relay;

import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.ReadyState;
import io.socket.socketio.server.SocketIoSocket;
import java.util.concurrent.atomic.LongAdder;
import org.rollscope.netcode.json.JsonLimits;
import org.rollscope.netcode.json.JsonText;
import org.rollscope.netcode.json.JsonValue;
import org.rollscope.netcode.relay.embed.TextFrameShortcut;

/**
 * Parses the relay's hottest packet once: a {@code peer_telemetry} EVENT frame of a connection's joined peer or
 * probe namespace goes from the frame's text straight into the relay's model ({@link JsonText}, under the limits
 * {@link EventBoundary} applies) and to the namespace's handler behind the same boundary (rate limits, refusals,
 * counters, the acknowledgement). Without it, socket.io-server's decoder parsed every such packet into an org.json
 * tree (and formatted a log line of it), which the boundary then converted again: about a quarter of the Jetty
 * threads' time in the profile (docs/relay-performance.md).
 *
 * <p>Everything it is not sure of takes the usual way, unchanged, so the result is the same for every input: any
 * other packet or event ({@link TelemetryPacket}), a namespace the connection has not joined or whose socket is not
 * registered ({@link TelemetrySockets}), an engine.io connection that is not open or speaks protocol 3, and a payload
 * {@link JsonText} is not certain to read as org.json and {@code JsonReader} would (malformed, or over a limit: the
 * usual way then refuses it with its own message).
 *
 * <p>Engine.io never sees a frame taken here. What it would have done with it: reset the connection's ping timeout
 * (each packet does) and nothing else, since a MESSAGE only goes on to Socket.IO. The connection stays alive all the
 * same: pings are the server's (protocol 4), and every client's PONG still goes through engine.io, which then resets
 * the timeout and schedules the next ping; only a client that stops answering pings while still sending telemetry is
 * now closed after the ping timeout, as the protocol intends ({@code RelayTelemetryShortcutTest} keeps a connection
 * busy with telemetry through several ping rounds).
 *
 * <p>Thread-safe; runs on the frame's connection thread, in frame order with the frames that take the usual way.
 */
final class TelemetryShortcut implements TextFrameShortcut {
    private final TelemetrySockets sockets;
    private final EventBoundary boundary;
    private final LongAdder taken = new LongAdder();
    private volatile boolean enabled = true;

    TelemetryShortcut(TelemetrySockets sockets, EventBoundary boundary) {
        this.sockets = sockets;
        this.boundary = boundary;
    }

    @Override
    public boolean tryHandle(String connectionId, String frame) {
        if (!enabled) {
            return false;
        }
        TelemetryPacket packet = TelemetryPacket.of(frame);
        if (packet == null) {
            return false;
        }
        TelemetrySockets.Binding binding = sockets.find(connectionId, packet.namespace());
        if (binding == null) {
            return false;
        }
        SocketIoSocket socket = binding.socket();
        EngineIoSocket connection = socket.getClient().getConnection();
        if (!socket.isConnected() || connection.getReadyState() != ReadyState.OPEN
                || connection.getProtocolVersion() != 4) {
            return false;
        }
        JsonValue sample = JsonText.readOrNull(frame, packet.valueStart(), packet.valueEnd(),
                JsonLimits.ofBytes(Math.max(1, binding.maxBytes()))); // EventBoundary's limits for one argument
        if (sample == null) {
            return false;
        }
        EventBoundary.Ack ack = new EventBoundary.Ack(socket,
                packet.ackId() < 0 ? null : new PacketAck(socket, packet.namespace(), packet.ackId()));
        taken.increment();
        boundary.runRead(socket, PeerEvents.PEER_TELEMETRY, new JsonValue[] {sample}, ack, binding.handler());
        return true;
    }

    /** Frames taken so far (for tests and the benchmark: the hot packet really is parsed once). */
    long taken() {
        return taken.sum();
    }

    /** For tests only: off, every frame takes the usual way, for a side-by-side comparison. */
    void enabled(boolean on) {
        this.enabled = on;
    }
}
