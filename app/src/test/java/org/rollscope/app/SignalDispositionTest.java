package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reading SIGINT's disposition from a /proc status text (as Linux writes it for a script's background job). */
class SignalDispositionTest {
    @Test
    void readsTheSigIgnMask() {
        String backgroundJob = "Name:\tjava\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000000006\nSigCgt:\t0\n";
        String foreground = "Name:\tjava\nSigIgn:\t0000000000001000\nSigCgt:\t0000000000000002\n";
        assertTrue(SignalDisposition.ignores(backgroundJob, 2), "0x6: SIGINT and SIGQUIT ignored");
        assertTrue(SignalDisposition.ignores(backgroundJob, 3));
        assertFalse(SignalDisposition.ignores(foreground, 2));
        assertTrue(SignalDisposition.ignores(foreground, 13), "0x1000: SIGPIPE");
        assertFalse(SignalDisposition.ignores("Name:\tjava\n", 2), "no mask: nothing known to be ignored");
    }
}
