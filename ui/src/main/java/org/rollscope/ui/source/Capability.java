package org.rollscope.ui.source;

/** Commands a source may or may not be able to carry out. */
public enum Capability {
    FORCE_FALLBACK,
    RESTORE_P2P,
    SET_LINK,
    REQUEST_SNAPSHOT
}
