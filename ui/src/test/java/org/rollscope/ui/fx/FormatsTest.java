package org.rollscope.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void stepTimesBelowAMillisecondReadInMicroseconds() {
        assertEquals("42 µs", Formats.stepTime(0.042));
        assertEquals("1.25 ms", Formats.stepTime(1.25));
        assertEquals(Formats.UNKNOWN, Formats.stepTime(null));
    }
}
