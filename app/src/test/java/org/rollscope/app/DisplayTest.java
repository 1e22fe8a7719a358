package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DisplayTest {

    @Test
    void linuxWithoutDisplayNamesXvfbAndTheCommand() {
        assertEquals("needs a display: run under xvfb-run, e.g. xvfb-run -a ./rollscope demo",
                Display.missing("demo", null, null, "Linux"));
        assertEquals("needs a display: run under xvfb-run, e.g. xvfb-run -a ./rollscope console",
                Display.missing("console", " ", null, "Linux"));
    }

    @Test
    void aDisplayMonocleOrAnotherSystemIsEnough() {
        assertNull(Display.missing("demo", ":99", null, "Linux"));
        assertNull(Display.missing("demo", null, "Monocle", "Linux"));
        assertNull(Display.missing("demo", null, null, "Mac OS X"));
    }
}
