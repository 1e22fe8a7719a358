package org.rollscope.ui.command;

import org.rollscope.netcode.transport.LinkProfile;

/**
 * Link conditions an operator picks without typing numbers. The numbers are shown in the dialog and can be edited.
 * They are typical one-way figures for each kind of link, chosen so that each preset shows a distinct behaviour of
 * the rollback and fallback machinery: none, a few rollbacks, frequent rollbacks and a growing send buffer, and gaps
 * that the input redundancy must repair.
 */
public enum LinkPreset {
    /** No impairment. */
    GOOD("Good", LinkProfile.PERFECT),
    /** Home Wi-Fi: some delay and jitter, rare loss. */
    WIFI("Wi-Fi", new LinkProfile(15, 10, 0.01, 0, 0.005, 0)),
    /** A congested uplink: high delay and jitter, some loss, limited bandwidth. */
    CONGESTED("Congested", new LinkProfile(90, 40, 0.03, 0, 0.02, 256)),
    /** A lossy link: moderate delay, heavy loss, some duplication and reordering. */
    LOSSY("Lossy", new LinkProfile(30, 5, 0.15, 0.02, 0.05, 0));

    private final String label;
    private final LinkProfile profile;

    LinkPreset(String label, LinkProfile profile) {
        this.label = label;
        this.profile = profile;
    }

    public String label() {
        return label;
    }

    public LinkProfile profile() {
        return profile;
    }

    @Override
    public String toString() {
        return label;
    }
}
