package org.rollscope.netcode.relay.embed;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The request engine.io sees: the client's, with the {@link EmbeddedSocketIoServer#REMOTE_ADDRESS_HEADER} set by
 * the server (a client-sent one is dropped, so it cannot be forged; so is a client-sent
 * {@link EmbeddedSocketIoServer#CONNECTION_HEADER}, which only WebSocket connections carry), and, for a polling POST,
 * the body already read and bounded by {@link BoundedPollingServlet} (engine.io would otherwise allocate whatever
 * Content-Length claims). Used on one request thread.
 */
final class ClientRequest extends HttpServletRequestWrapper {
    private final String remoteAddress;
    private final byte[] body;

    /** @param body the bytes already read, or {@code null} to leave the body to the request (GET) */
    ClientRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.remoteAddress = request.getRemoteAddr();
        this.body = body;
    }

    @Override
    public String getHeader(String name) {
        if (EmbeddedSocketIoServer.REMOTE_ADDRESS_HEADER.equalsIgnoreCase(name)) {
            return remoteAddress;
        }
        if (EmbeddedSocketIoServer.isServerHeader(name)) {
            return null; // the connection id names WebSocket connections only; a client cannot send one
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (EmbeddedSocketIoServer.REMOTE_ADDRESS_HEADER.equalsIgnoreCase(name)) {
            return Collections.enumeration(List.of(remoteAddress));
        }
        if (EmbeddedSocketIoServer.isServerHeader(name)) {
            return Collections.emptyEnumeration();
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
            String name = e.nextElement();
            if (!EmbeddedSocketIoServer.isServerHeader(name)) {
                names.add(name);
            }
        }
        names.add(EmbeddedSocketIoServer.REMOTE_ADDRESS_HEADER);
        return Collections.enumeration(names);
    }

    @Override
    public int getContentLength() {
        return body == null ? super.getContentLength() : body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body == null ? super.getContentLengthLong() : body.length;
    }

    @Override
    public ServletInputStream getInputStream() throws java.io.IOException {
        if (body == null) {
            return super.getInputStream();
        }
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body was already read");
            }
        };
    }
}
