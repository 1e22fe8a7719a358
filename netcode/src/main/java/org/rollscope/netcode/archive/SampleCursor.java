package org.rollscope.netcode.archive;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.rollscope.netcode.health.PeerSample;

/**
 * Where a page of samples ended: the next page starts after this (time, seat, sequence number), the order exports
 * use. Keyset paging: every page costs the same however deep into a long session it is.
 */
public record SampleCursor(@JsonProperty("t_ms") long tMs, @JsonProperty("player_id") String playerId,
                           @JsonProperty("seq") long seq) {

    public static SampleCursor after(PeerSample last) {
        return new SampleCursor(last.tMs(), last.playerId(), last.seq());
    }
}
