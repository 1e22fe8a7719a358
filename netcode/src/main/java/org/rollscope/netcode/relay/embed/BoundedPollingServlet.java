package org.rollscope.netcode.relay.embed;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.parser.Packet;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine.IO long-polling (and the handshake of clients that start with polling, e.g. browsers), bounded:
 *
 * <ul>
 *   <li>a POST body is read asynchronously, so a client sending one byte every few seconds holds no thread; it must
 *       arrive within {@link HttpLimits#bodyTimeout()} (else 408) and fit {@link HttpLimits#maxBodyBytes()} (a
 *       larger Content-Length is refused with 413 before anything is allocated; a body without one is cut off);
 *   <li>all bodies in flight share {@link HttpLimits#maxBufferedBodyBytes()} (else 503);
 *   <li>a namespace CONNECT inside a body goes through the {@link ConnectGate} first, exactly as on WebSocket, so a
 *       refused observer on polling sees only its {@code connect_error}, never a {@code connect}.
 * </ul>
 *
 * <p>Threads: Jetty's pool; the body's bytes are handled on whichever pool thread Jetty calls the read listener on.
 */
final class BoundedPollingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BoundedPollingServlet.class);
    /** Engine.IO v4 separates the packets of a polling payload with the record separator. */
    private static final char SEPARATOR = '\u001e';

    private final transient EngineIoServer engineIo;
    private final transient ConnectGate gate;
    private final transient HttpLimits limits;
    private final transient Map<String, EngineIoSocket> sockets = new ConcurrentHashMap<>();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final transient LongAdder refusedBodies = new LongAdder();

    BoundedPollingServlet(EngineIoServer engineIo, ConnectGate gate, HttpLimits limits) {
        this.engineIo = engineIo;
        this.gate = gate;
        this.limits = limits;
        engineIo.on("connection", args -> {
            EngineIoSocket socket = (EngineIoSocket) args[0];
            sockets.put(socket.getId(), socket);
            socket.on("close", closeArgs -> sockets.remove(socket.getId()));
        });
    }

    /** Polling bodies refused so far (too large, too slow, or no room). */
    long refusedBodies() {
        return refusedBodies.sum();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            engineIo.handleRequest(new ClientRequest(request, null), response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > limits.maxBodyBytes()) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "body of " + declared
                    + " bytes is over the limit of " + limits.maxBodyBytes());
            return;
        }
        long reserve = declared >= 0 ? declared : limits.maxBodyBytes();
        if (bufferedBytes.addAndGet(reserve) > limits.maxBufferedBodyBytes()) {
            bufferedBytes.addAndGet(-reserve);
            refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "too many request bodies in flight");
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(limits.bodyTimeout().toMillis());
        BodyReader reader = new BodyReader(request, async, reserve);
        async.addListener(reader);
        request.getInputStream().setReadListener(reader);
    }

    private void refuse(HttpServletResponse response, int status, String why) throws IOException {
        refusedBodies.increment();
        LOG.debug("refused a polling body: {}", why);
        response.setHeader("Connection", "close");
        response.sendError(status, why);
    }

    /** Collects one body without holding a thread between arrivals; then hands it to engine.io once. */
    private final class BodyReader implements ReadListener, AsyncListener {
        private final HttpServletRequest request;
        private final AsyncContext async;
        private final long reserved;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] chunk = new byte[8192];
        private final AtomicBoolean done = new AtomicBoolean();

        BodyReader(HttpServletRequest request, AsyncContext async, long reserved) {
            this.request = request;
            this.async = async;
            this.reserved = reserved;
        }

        @Override
        public void onDataAvailable() throws IOException {
            ServletInputStream in = request.getInputStream();
            while (in.isReady() && !in.isFinished()) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                if (body.size() + n > limits.maxBodyBytes()) {
                    fail(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "body over " + limits.maxBodyBytes()
                            + " bytes");
                    return;
                }
                body.write(chunk, 0, n);
            }
        }

        @Override
        public void onAllDataRead() throws IOException {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            release();
            try {
                byte[] gated = gate(body.toByteArray(), request);
                if (gated.length == 0) {
                    HttpServletResponse response = (HttpServletResponse) async.getResponse();
                    response.setContentType("text/html");
                    response.getWriter().write("ok"); // what engine.io answers a POST with
                } else {
                    engineIo.handleRequest(new ClientRequest(request, gated),
                            (HttpServletResponse) async.getResponse());
                }
            } finally {
                async.complete();
            }
        }

        @Override
        public void onError(Throwable cause) {
            if (done.compareAndSet(false, true)) {
                release();
                LOG.debug("polling body failed", cause);
                async.complete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            fail(HttpServletResponse.SC_REQUEST_TIMEOUT, "body not complete within "
                    + limits.bodyTimeout().toMillis() + " ms");
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (done.compareAndSet(false, true)) {
                release();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // nothing: one async cycle per request
        }

        private void fail(int status, String why) throws IOException {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            release();
            try {
                refuse((HttpServletResponse) async.getResponse(), status, why);
            } finally {
                async.complete();
            }
        }

        private void release() {
            bufferedBytes.addAndGet(-reserved);
        }
    }

    /**
     * The body without the namespace CONNECT packets the gate refused; each refusal is sent to the client's
     * engine.io socket, where its next GET poll picks it up.
     */
    private byte[] gate(byte[] raw, HttpServletRequest request) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (text.indexOf("40/") < 0) {
            return raw; // no namespace CONNECT in this body: the common case, untouched
        }
        String query = request.getQueryString(); // not getParameter: that may read a form body
        String sid = query == null ? null : io.socket.engineio.server.utils.ParseQS.decode(query).get("sid");
        EngineIoSocket socket = sid == null ? null : sockets.get(sid);
        Map<String, List<String>> headers = new java.util.HashMap<>();
        for (String name : java.util.Collections.list(request.getHeaderNames())) {
            headers.put(name, java.util.Collections.list(request.getHeaders(name)));
        }
        List<String> kept = new ArrayList<>();
        for (String packet : text.split(String.valueOf(SEPARATOR), -1)) {
            boolean admitted = gate.admit(packet, headers, reply -> {
                if (socket != null) {
                    socket.send(new Packet<>(Packet.MESSAGE, reply.substring(1))); // reply is "4" + Socket.IO text
                }
            });
            if (admitted) {
                kept.add(packet);
            }
        }
        return String.join(String.valueOf(SEPARATOR), kept).getBytes(StandardCharsets.UTF_8);
    }
}
