package org.rollscope.netcode.wire;

import java.util.Objects;

/**
 * A received packet that {@link WireCodec} refused: it carries the {@link RejectReason} (for counters) and a message
 * naming the offending values (for the debug log). The receive loop catches it, counts it and drops the packet; it
 * must never travel further.
 *
 * <p>It records no stack trace on purpose: it is thrown once per bad packet on the hot receive path (and a million
 * times by the fuzz test), where a stack walk would cost more than the decoding, and the trace would always point at
 * the codec anyway. The reason and message are the whole diagnosis.
 */
public final class MalformedPacketException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    /**
     * @param reason why the packet was refused
     * @param message what was wrong, with the offending values
     */
    public MalformedPacketException(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the packet was refused; never null. */
    public RejectReason reason() {
        return reason;
    }

    /** True unless this is an ignorable {@link RejectReason#TEXT_FRAME}. */
    public boolean isMalformed() {
        return reason.isMalformed();
    }
}
