package org.rollscope.ui.session;

/**
 * The line under the toolbar that tells the operator what their last action did.
 *
 * @param kind pending (sent, waiting for the acknowledgement), ok or error
 * @param text plain text, e.g. "Force fallback g1 / p1: acknowledged"
 */
public record StatusMessage(Kind kind, String text) {

    public enum Kind { INFO, PENDING, OK, ERROR }

    public static final StatusMessage NONE = new StatusMessage(Kind.INFO, "");
}
