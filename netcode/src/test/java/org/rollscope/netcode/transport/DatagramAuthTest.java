package org.rollscope.netcode.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatagramAuthTest {
    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(OTHER_KEY, (byte) 8);
    }

    private final byte[] message = {0x01, 0x02, 0x03, 0x04, 0x05};

    @Test
    void sealedDatagramCarriesTheMessageBytesUnchangedFollowedByTheTag() {
        byte[] sealed = new DatagramAuth(KEY, 0).seal(message);
        assertEquals(message.length + DatagramAuth.TAG_BYTES, sealed.length);
        assertArrayEquals(message, Arrays.copyOf(sealed, message.length));
        assertArrayEquals(message, new DatagramAuth(KEY, 1).open(sealed));
    }

    @Test
    void untaggedDatagramIsRejected() {
        assertNull(new DatagramAuth(KEY, 1).open(message));
        byte[] padded = Arrays.copyOf(message, message.length + DatagramAuth.TAG_BYTES); // a zero tag
        assertNull(new DatagramAuth(KEY, 1).open(padded));
    }

    @Test
    void datagramSealedWithAnotherKeyIsRejected() {
        assertNull(new DatagramAuth(KEY, 1).open(new DatagramAuth(OTHER_KEY, 0).seal(message)));
    }

    @Test
    void changedMessageByteIsRejected() {
        byte[] sealed = new DatagramAuth(KEY, 0).seal(message);
        sealed[2] ^= 1;
        assertNull(new DatagramAuth(KEY, 1).open(sealed));
    }

    @Test
    void ownDatagramReflectedBackIsRejected() {
        DatagramAuth me = new DatagramAuth(KEY, 0);
        assertNull(me.open(me.seal(message)), "a datagram this peer sealed is not one from the other peer");
    }

    @Test
    void shortKeyOrBadIndexIsMisuse() {
        assertThrows(IllegalArgumentException.class, () -> new DatagramAuth(new byte[8], 0));
        assertThrows(IllegalArgumentException.class, () -> new DatagramAuth(KEY, 2));
    }
}
