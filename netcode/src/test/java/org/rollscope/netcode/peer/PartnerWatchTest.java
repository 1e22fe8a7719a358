package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PartnerWatchTest {

    @Test
    void partnerIsGoneOnlyAfterTheTimeoutWithoutProgress() {
        PartnerWatch watch = new PartnerWatch(Duration.ofSeconds(10));
        assertFalse(watch.isGone(0, 100, "RUNNING", 0));
        assertFalse(watch.isGone(0, 100, "RUNNING", 9_999));
        assertTrue(watch.isGone(0, 100, "RUNNING", 10_000));
        assertEquals(10_000, watch.stillForMs(10_000));
    }

    @Test
    void anyProgressRestartsTheClock() {
        PartnerWatch watch = new PartnerWatch(Duration.ofSeconds(10));
        watch.isGone(0, 100, "RUNNING", 0);
        assertFalse(watch.isGone(0, 101, "RUNNING", 9_000), "a newly confirmed frame");
        assertFalse(watch.isGone(0, 101, "RUNNING", 18_000));
        assertFalse(watch.isGone(0, 101, "RESET_DUE", 19_000), "a state change");
        assertFalse(watch.isGone(1, 101, "RESET_DUE", 28_000), "a new episode");
        assertTrue(watch.isGone(1, 101, "RESET_DUE", 38_000));
    }

    @Test
    void zeroTimeoutWaitsForEver() {
        PartnerWatch watch = new PartnerWatch(Duration.ZERO);
        watch.isGone(0, 5, "RUNNING", 0);
        assertFalse(watch.isGone(0, 5, "RUNNING", Long.MAX_VALUE / 2));
    }

    @Test
    void aPartnerThatSaidItLeftIsGoneAfterTheGraceEvenWhenTheWatchWaitedForEver() {
        PartnerWatch watch = new PartnerWatch(Duration.ZERO); // a MUG seat: MUG's server decides when a game is over
        watch.isGone(0, 5, "RUNNING", 0);
        watch.shortenTo(Duration.ofSeconds(2));
        assertFalse(watch.isGone(0, 6, "RUNNING", 1_000), "the last inputs in flight still arrive");
        assertFalse(watch.isGone(0, 6, "RUNNING", 2_999));
        assertTrue(watch.isGone(0, 6, "RUNNING", 3_000));
    }

    @Test
    void shorteningNeverLengthensATimeout() {
        PartnerWatch watch = new PartnerWatch(Duration.ofSeconds(1));
        watch.isGone(0, 5, "RUNNING", 0);
        watch.shortenTo(Duration.ofSeconds(2));
        assertTrue(watch.isGone(0, 5, "RUNNING", 1_000));
    }
}
