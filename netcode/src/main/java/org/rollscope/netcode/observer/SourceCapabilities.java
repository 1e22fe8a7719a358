package org.rollscope.netcode.observer;

/**
 * What a session source (a Rollscope relay through {@link ObserverClient}, or a MUG server through
 * {@code org.rollscope.netcode.mug.MugSource}) can do beyond observing, so that a console can disable the controls a
 * source cannot honour and say why, instead of sending commands that are silently ignored.
 *
 * @param forceFallback whether {@code force_fallback} / {@code restore_p2p} are supported
 * @param setLink whether {@code set_link} (link impairment) is supported
 * @param requestSnapshot whether a fresh snapshot can be requested
 * @param telemetrySamples whether full {@link org.rollscope.netcode.health.PeerSample} telemetry arrives
 *     ({@code onTelemetry}); a MUG source has only its coarse health reports
 * @param unsupportedReason why the unsupported ones are unsupported (for a tooltip), or {@code null} when all are
 */
public record SourceCapabilities(boolean forceFallback, boolean setLink, boolean requestSnapshot,
                                 boolean telemetrySamples, String unsupportedReason) {

    /** A Rollscope relay: everything. */
    public static final SourceCapabilities RELAY = new SourceCapabilities(true, true, true, true, null);
}
