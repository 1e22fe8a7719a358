package org.rollscope.netcode.engine;

import java.util.List;

/**
 * What {@link RollbackSession#advanceFrame} asks for: requests to carry out in order, and why no new frame was
 * stepped (null when one was).
 *
 * @param requests the ordered requests; a view that stays valid until the session's next {@code advanceFrame}
 * @param rejectReason null when a new frame was stepped
 */
public record AdvanceResult(List<FrameRequest> requests, RejectReason rejectReason) {

    /** True when this result steps a new frame. */
    public boolean advanced() {
        return rejectReason == null;
    }
}
