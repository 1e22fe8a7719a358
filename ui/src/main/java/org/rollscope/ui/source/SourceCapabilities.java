package org.rollscope.ui.source;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What a source can do, why not when it can't, and which telemetry fields (telemetry.md §1 names, e.g.
 * {@code gap_rate}) it reports. Fields it does not report are shown as unknown, never as zero: a MUG server, for
 * instance, reports transport and latency but no frames, rollbacks, gap rate or send buffer.
 *
 * @param unsupported each command this source cannot carry out, with the user-facing reason (shown as a tooltip)
 * @param reportedFields telemetry fields this source fills in; {@link #ALL_FIELDS} for a Rollscope relay
 * @param live true for a live server (a peer that stops reporting is shown as stale); false for a recording
 */
public record SourceCapabilities(Map<Capability, String> unsupported, Set<String> reportedFields, boolean live) {

    /** Marker meaning "every field of telemetry.md §1". */
    public static final Set<String> ALL_FIELDS = Set.of("*");

    public SourceCapabilities {
        unsupported = Map.copyOf(unsupported);
        reportedFields = Set.copyOf(reportedFields);
    }

    /** A Rollscope relay: every command, every field. */
    public static SourceCapabilities everything() {
        return new SourceCapabilities(Map.of(), ALL_FIELDS, true);
    }

    /** No commands at all (each with the same reason), the given fields. */
    public static SourceCapabilities readOnly(String reason, Set<String> reportedFields, boolean live) {
        Map<Capability, String> none = new EnumMap<>(Capability.class);
        for (Capability c : Capability.values()) {
            none.put(c, reason);
        }
        return new SourceCapabilities(none, reportedFields, live);
    }

    public boolean supports(Capability capability) {
        return !unsupported.containsKey(capability);
    }

    /** Why {@code capability} is unavailable, or an empty string when it is available. */
    public String whyNot(Capability capability) {
        return unsupported.getOrDefault(capability, "");
    }

    /** True when this source fills in the telemetry field named {@code field} (snake_case, as in §1). */
    public boolean reports(String field) {
        return reportedFields.equals(ALL_FIELDS) || reportedFields.contains(field);
    }
}
