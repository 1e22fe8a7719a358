package org.rollscope.netcode.relay;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An engine.io WebSocket connection over a plain TCP socket, written by hand: it completes the HTTP upgrade, reads
 * and writes text frames while the test drives it, and then can simply stop: no more reads, no pong, no close
 * frame, the socket left open, like a peer whose machine froze or whose network vanished. Its receive buffer is
 * small, so that what the relay keeps sending to it backs up in the relay. Not thread-safe.
 */
final class SilentWebSocket implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private SilentWebSocket(int port) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connect: it bounds the window the relay may fill
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(20_000); // a read while the test drives it; never reached on a healthy relay
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        String open = readText();
        if (!open.startsWith("0{")) {
            throw new IOException("expected engine.io's open packet, got " + open);
        }
    }

    /** Upgraded and engine.io-open: the next frame to send is a namespace connect. */
    static SilentWebSocket open(int port) throws IOException {
        return new SilentWebSocket(port);
    }

    /** Sends a namespace connect ({@code 40} or {@code 40/ns,{auth}}) and reads up to its {@code 40...{sid}}. */
    void connectNamespace(String packet) throws IOException {
        sendText(packet);
        String prefix = packet.startsWith("40/") ? packet.substring(0, packet.indexOf(',') + 1) + "{" : "40{";
        readUntil(prefix);
    }

    /** Reads text frames until one starts with the prefix (answering pings meanwhile) and returns it. */
    String readUntil(String prefix) throws IOException {
        while (true) {
            String frame = readText();
            if (frame.equals("2")) {
                sendText("3");
            } else if (frame.startsWith(prefix)) {
                return frame;
            }
        }
    }

    /** One masked text frame, as a client must send it. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private String readText() throws IOException {
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)]; // the server never masks
            in.readFully(payload);
            int opcode = b0 & 0x0f;
            if (opcode == 0x1) {
                return new String(payload, StandardCharsets.UTF_8);
            }
            if (opcode == 0x8) {
                throw new IOException("closed by the relay");
            }
        }
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    /** Closes the socket (after the test: the relay must not need it). */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
