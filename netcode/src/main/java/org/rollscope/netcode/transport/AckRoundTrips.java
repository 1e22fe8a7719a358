package org.rollscope.netcode.transport;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleConsumer;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * Times the round trip of acknowledged Socket.IO events at the WebSocket frames themselves: the send is stamped when
 * the client hands the event's frame to the socket, the acknowledgement when its frame comes off the socket (on the
 * reading thread). An acknowledgement callback instead runs on socket.io-client's one event thread per JVM, behind
 * everything else every connection of the process received, so a round trip timed there carried that queue as well:
 * a relay on loopback read 3 to 20 ms.
 *
 * <p>Only events the relay acknowledges as soon as it accepted them are timed (named at construction); an
 * acknowledgement that waits for work (episode data, stored first) would not be a round trip. Works for any namespace
 * and never changes a frame.
 *
 * <p>Threads: the event thread sends, OkHttp's reader receives; the round trip is reported on the reader.
 */
public final class AckRoundTrips implements WebSocket.Factory {
    /** Pending sends kept at most (a connection that died with acknowledgements outstanding leaves them here). */
    private static final int MAX_PENDING = 4_096;

    private final WebSocket.Factory inner;
    private final Set<String> timedEvents;
    private final DoubleConsumer onRoundTripMs;
    private final Map<Integer, Long> sentNanos = new ConcurrentHashMap<>();

    /**
     * @param inner the real factory ({@link SocketIoHttp#CLIENT})
     * @param timedEvents events whose acknowledgement follows their arrival at once
     * @param onRoundTripMs receives each round trip in ms
     */
    public AckRoundTrips(WebSocket.Factory inner, Set<String> timedEvents, DoubleConsumer onRoundTripMs) {
        this.inner = inner;
        this.timedEvents = Set.copyOf(timedEvents);
        this.onRoundTripMs = onRoundTripMs;
    }

    @Override
    public WebSocket newWebSocket(Request request, WebSocketListener listener) {
        Timed timed = new Timed();
        timed.delegate = inner.newWebSocket(request, new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws, Response response) {
                listener.onOpen(timed, response);
            }

            @Override
            public void onMessage(WebSocket ws, String text) {
                long now = System.nanoTime();
                int id = ackId(text, '3');
                if (id >= 0) {
                    Long sent = sentNanos.remove(id);
                    if (sent != null) {
                        onRoundTripMs.accept((now - sent) / 1e6);
                    }
                }
                listener.onMessage(timed, text);
            }

            @Override
            public void onMessage(WebSocket ws, ByteString bytes) {
                listener.onMessage(timed, bytes);
            }

            @Override
            public void onClosing(WebSocket ws, int code, String reason) {
                listener.onClosing(timed, code, reason);
            }

            @Override
            public void onClosed(WebSocket ws, int code, String reason) {
                listener.onClosed(timed, code, reason);
            }

            @Override
            public void onFailure(WebSocket ws, Throwable t, Response response) {
                listener.onFailure(timed, t, response);
            }
        });
        return timed;
    }

    private void onSend(String text) {
        int id = ackId(text, '2');
        if (id < 0) {
            return;
        }
        int name = text.indexOf('[');
        if (name < 0 || name + 1 >= text.length() || text.charAt(name + 1) != '"') {
            return;
        }
        int end = text.indexOf('"', name + 2);
        if (end < 0 || !timedEvents.contains(text.substring(name + 2, end))) {
            return;
        }
        if (sentNanos.size() >= MAX_PENDING) {
            sentNanos.clear(); // acknowledgements of a dead connection; the figure restarts with the next one
        }
        sentNanos.put(id, System.nanoTime());
    }

    /**
     * The acknowledgement id of an engine.io message carrying a Socket.IO packet of {@code type} ('2' event, '3'
     * ack), as {@code 4<type>[/nsp,]<id>[...]}, or -1 when it has none or is another packet.
     */
    static int ackId(String text, char type) {
        if (text.length() < 3 || text.charAt(0) != '4' || text.charAt(1) != type) {
            return -1;
        }
        int i = 2;
        if (text.charAt(i) == '/') {
            i = text.indexOf(',', i);
            if (i < 0) {
                return -1;
            }
            i++;
        }
        long id = 0;
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - start < 10) {
            id = id * 10 + (text.charAt(i) - '0');
            i++;
        }
        return i == start || id > Integer.MAX_VALUE ? -1 : (int) id;
    }

    /** The WebSocket socket.io-client writes to: stamps timed events, then sends them unchanged. */
    private final class Timed implements WebSocket {
        private volatile WebSocket delegate;

        @Override
        public boolean send(String text) {
            onSend(text);
            return delegate.send(text);
        }

        @Override
        public boolean send(ByteString bytes) {
            return delegate.send(bytes);
        }

        @Override
        public Request request() {
            return delegate.request();
        }

        @Override
        public long queueSize() {
            return delegate.queueSize();
        }

        @Override
        public boolean close(int code, String reason) {
            return delegate.close(code, reason);
        }

        @Override
        public void cancel() {
            delegate.cancel();
        }
    }
}
