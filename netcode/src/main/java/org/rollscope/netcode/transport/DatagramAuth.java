package org.rollscope.netcode.transport;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates the UDP channel's datagrams with the session's peer-to-peer key (docs/relay-protocol.md): a sealed
 * datagram is the wire.md message, byte for byte, followed by a {@link #TAG_BYTES}-byte tag, the first bytes of
 * HMAC-SHA256(key, senderIndex ‖ message). The sender's player index inside the MAC binds a datagram to its
 * direction, so one peer's own datagrams reflected back at it are rejected too. Replays of genuine datagrams are not
 * rejected here: UDP may duplicate and delay datagrams anyway, and the protocol ignores inputs it already has (first
 * value wins) and stale episodes ({@code RemoteInputGate}).
 *
 * <p>Thread-safe: {@link #seal} runs on the peer loop and on the receiving thread (PONGs answered on arrival),
 * {@link #open} on the receiving thread; each thread uses its own {@link Mac}.
 */
public final class DatagramAuth {
    /** 128 bits of tag: forging one is a 2^-128 guess per datagram, at 16 bytes per datagram (INPUT is ~30). */
    public static final int TAG_BYTES = 16;

    private final SecretKeySpec key;
    private final byte localIndex;
    private final byte remoteIndex;
    private final ThreadLocal<Mac> macs;

    /**
     * @param key the session's key (32 bytes from the relay)
     * @param localIndex this peer's player index (0 or 1); the other peer's is the other one
     */
    public DatagramAuth(byte[] key, int localIndex) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("a peer-to-peer key needs at least 16 bytes, got "
                    + (key == null ? "none" : key.length));
        }
        if (localIndex != 0 && localIndex != 1) {
            throw new IllegalArgumentException("player index must be 0 or 1, got " + localIndex);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.localIndex = (byte) localIndex;
        this.remoteIndex = (byte) (1 - localIndex);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The datagram to send for {@code message}: the message unchanged, then its tag. */
    public byte[] seal(byte[] message) {
        byte[] sealed = Arrays.copyOf(message, message.length + TAG_BYTES);
        System.arraycopy(tag(localIndex, message, message.length), 0, sealed, message.length, TAG_BYTES);
        return sealed;
    }

    /** The message inside a datagram from the other peer, or null when its tag is missing or wrong. */
    public byte[] open(byte[] datagram) {
        if (datagram.length < TAG_BYTES) {
            return null;
        }
        int messageLength = datagram.length - TAG_BYTES;
        byte[] expected = tag(remoteIndex, datagram, messageLength);
        byte[] actual = Arrays.copyOfRange(datagram, messageLength, datagram.length);
        if (!MessageDigest.isEqual(expected, actual)) { // constant time: no timing oracle for the tag
            return null;
        }
        return Arrays.copyOf(datagram, messageLength);
    }

    private byte[] tag(byte senderIndex, byte[] bytes, int length) {
        Mac mac = macs.get();
        mac.update(senderIndex);
        mac.update(bytes, 0, length);
        return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
