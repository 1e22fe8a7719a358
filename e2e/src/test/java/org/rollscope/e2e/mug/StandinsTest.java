package org.rollscope.e2e.mug;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our stand-ins behave as the real packages on what MUG calls: testing/mug-e2e/check_standins.py compares the
 * numpy stand-in with Debian's numpy (MT19937 states and draws, float32 rounding), and checks the micropip and
 * flatten_dict stand-ins.
 */
class StandinsTest {

    @Test
    void standInsMatchTheRealPackagesOnWhatMugCalls() throws Exception {
        E2eSetup setup = E2eSetup.fromEnvironment();
        Process p = new ProcessBuilder(setup.python().toString(),
                setup.repoDir().resolve("testing/mug-e2e/check_standins.py").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("all stand-in checks passed"), out);
    }
}
