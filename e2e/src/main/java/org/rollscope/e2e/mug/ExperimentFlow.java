package org.rollscope.e2e.mug;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/** A participant's way through our experiment's scenes, as a person clicks it: start → game → end. */
public final class ExperimentFlow {

    private ExperimentFlow() {
    }

    /** From the start scene into the GymScene's waiting room (Pyodide must have loaded for Start to enable). */
    public static void joinGame(ParticipantPage page, Duration timeout) throws TimeoutException {
        page.waitForScene(MugServer.START_HEADER, timeout);
        page.click("advanceButton", timeout);
        page.waitForScene(MugServer.GAME_HEADER, timeout);
        page.click("startButton", timeout);
    }

    /**
     * Opens a participant page and takes it into the waiting room; closes it if that fails. Opening the pages of
     * a game one after another this way keeps two pages from compiling Pyodide at once, which starves 2 cores.
     */
    public static ParticipantPage openAndJoin(E2eSetup setup, MugServer server, String subjectId, Duration timeout)
            throws IOException, TimeoutException {
        ParticipantPage page = ParticipantPage.open(setup, server, subjectId);
        try {
            joinGame(page, timeout);
            return page;
        } catch (TimeoutException | RuntimeException e) {
            page.close();
            throw e;
        }
    }

    /** Waits until MUG has paired the page and its game object ticks (frame above 0). */
    public static void awaitPlaying(ParticipantPage page, Duration timeout) throws TimeoutException {
        page.waitUntil("window.game && window.game.frameNumber > 0", timeout);
    }

    /** Waits for the end scene, clicking MUG's Continue button whenever one is offered on the way. */
    public static void awaitEnd(ParticipantPage page, Duration timeout) throws TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        while (!MugServer.END_HEADER.equals(page.sceneHeader())) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException(page.subjectId() + " never reached the end scene within " + timeout + "; " + page.describe());
            }
            Object advance = page.poll("(() => { const b = document.getElementById('advanceButton');"
                    + " return !!b && b.offsetParent !== null && !b.disabled; })()");
            if (Boolean.TRUE.equals(advance)) page.click("advanceButton", Duration.ofSeconds(5));
            Workspace.sleep(Duration.ofMillis(250));
        }
    }
}
