package org.rollscope.netcode.transport;

import java.util.Locale;

/** Why inputs take the path they take (telemetry.md {@code transport_reason}). */
public enum TransportReason {
    OK, FORCED, NOT_CONNECTED, CLOSED, FAILED, RTT, GAPS, BUFFER;

    /** True for the reasons that mean the channel itself is unusable (not merely degraded). */
    public boolean isChannelDown() {
        return this == NOT_CONNECTED || this == CLOSED || this == FAILED;
    }

    /** The name used in telemetry, events and exports: {@code ok}, {@code not_connected}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
