package org.rollscope.e2e.mug;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * One MUG participant: a headless Chromium page on {@code <server>/<subjectId>}, with MUG's CDN files answered
 * locally. Read the page with {@link #eval}; wait with {@link #waitUntil}. Files (console log, chromedriver log,
 * screenshots, the list of mirrored and refused URLs) stay in the page's directory under target/.
 */
public final class ParticipantPage implements AutoCloseable {

    /** What every page reports about its MUG game; null before {@code window.game} exists. */
    private static final String GAME_FIELDS = """
            const g = window.game;
            if (!g) return null;
            const m = g.p2pMetrics || {};
            return {
              state: g.state, gameId: g.gameId, myPlayerId: g.myPlayerId, numEpisodes: g.num_episodes,
              frameNumber: g.frameNumber, confirmedFrame: g.confirmedFrame, verifiedFrame: g.verifiedFrame,
              rollbacks: g.sessionMetrics && g.sessionMetrics.rollbacks ? g.sessionMetrics.rollbacks.count : null,
              p2pConnected: !!g.p2pConnected, fallback: !!m.p2pFallbackTriggered,
              inputsSentViaP2P: m.inputsSentViaP2P, inputsSentViaSocketIO: m.inputsSentViaSocketIO,
              inputsReceivedViaP2P: m.inputsReceivedViaP2P, inputsReceivedViaSocketIO: m.inputsReceivedViaSocketIO,
              connectionType: g.webrtcManager ? g.webrtcManager.connectionType : null
            };""";

    private final ChromeDriver driver;
    private final CdnInterceptor interceptor;
    private final Path dir;
    private final String subjectId;

    private ParticipantPage(ChromeDriver driver, CdnInterceptor interceptor, Path dir, String subjectId) {
        this.driver = driver;
        this.interceptor = interceptor;
        this.dir = dir;
        this.subjectId = subjectId;
    }

    /**
     * Opens {@code server.url()/subjectId} in a new Chromium (files under {@code server.workDir()/subjectId}).
     * Subject ids must be new to the server: MUG refuses one it has seen.
     */
    public static ParticipantPage open(E2eSetup setup, MugServer server, String subjectId) throws IOException {
        return open(setup, server.workDir().resolve(subjectId), server.url() + "/" + subjectId, subjectId);
    }

    /** Opens any URL (e.g. a MUG server the test did not start) with files under {@code dir}. */
    public static ParticipantPage open(E2eSetup setup, Path dir, String url, String subjectId) throws IOException {
        Workspace.fresh(dir);
        ChromeDriver driver = ChromiumLauncher.launch(setup, dir);
        CdnInterceptor interceptor = new CdnInterceptor(driver.getDevTools(), new CdnMirror(setup.nodeModules(), setup.pyodideOverlay()));
        try {
            interceptor.start();
            driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(3)).scriptTimeout(Duration.ofSeconds(30));
            driver.get(url);
            return new ParticipantPage(driver, interceptor, dir, subjectId);
        } catch (RuntimeException e) {
            interceptor.close();
            driver.quit();
            throw e;
        }
    }

    public String subjectId() { return subjectId; }

    public Path dir() { return dir; }

    /** Escape hatch for what the harness does not wrap (Selenium's own API). */
    public ChromeDriver driver() { return driver; }

    /** The value of a JavaScript expression in the page (numbers come back as Long or Double, objects as Maps). */
    public Object eval(String expression) {
        return script("return (" + expression + ");");
    }

    /**
     * {@link #eval}, or null while the page's main thread does not answer: chromedriver reports a renderer it
     * gave up on (60 s) or a script that did not finish within the script timeout (30 s).
     */
    Object poll(String expression) {
        try {
            return eval(expression);
        } catch (org.openqa.selenium.TimeoutException | ScriptTimeoutException busy) {
            return null;
        }
    }

    /** Runs a script body in the page; {@code arguments[i]} are the args. */
    public Object script(String body, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(body, args);
    }

    /** MUG's game fields a test usually wants (see GAME_FIELDS), or null before the game exists. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> gameFields() {
        return (Map<String, Object>) script(GAME_FIELDS);
    }

    /**
     * Polls a JavaScript condition every 100 ms; on timeout says what the page showed. A page whose main thread is
     * busy (Pyodide compiling its wasm blocks it for tens of seconds on a loaded machine) counts as "not yet".
     */
    public void waitUntil(String condition, Duration timeout) throws TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        while (!Boolean.TRUE.equals(poll("!!(" + condition + ")"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException(subjectId + ": no '" + condition + "' within " + timeout + "; page: " + describe());
            }
            Workspace.sleep(Duration.ofMillis(100));
        }
    }

    /** The text of MUG's scene header ({@code #sceneHeader}); our experiment's headers are on {@link MugServer}. */
    public String sceneHeader() {
        Object text = poll("document.getElementById('sceneHeader') ? document.getElementById('sceneHeader').innerText : ''");
        return text == null ? "" : text.toString().strip();
    }

    public void waitForScene(String header, Duration timeout) throws TimeoutException {
        waitUntil("document.getElementById('sceneHeader') && document.getElementById('sceneHeader').innerText.trim() === "
                + jsString(header), timeout);
    }

    /** Clicks MUG's button (advanceButton on static scenes, startButton on a GymScene) once it is shown and enabled. */
    public void click(String buttonId, Duration timeout) throws TimeoutException {
        String button = "document.getElementById(" + jsString(buttonId) + ")";
        waitUntil(button + " && " + button + ".offsetParent !== null && !" + button + ".disabled", timeout);
        WebElement element = driver.findElement(By.id(buttonId));
        element.click();
    }

    /**
     * Presses arrow keys at random every {@code intervalMs} the way MUG's own tests do (jQuery keydown on the
     * document, which MUG's key listener reads), from a seeded generator: each page a different player.
     */
    public void startRandomKeys(long seed, int intervalMs) {
        script("""
                if (window.__rollscopeKeys) clearInterval(window.__rollscopeKeys);
                let s = arguments[0] >>> 0;
                const keys = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];
                window.__rollscopeKeys = setInterval(() => {
                  s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
                  const e = $.Event('keydown'); e.key = keys[s >>> 30]; $(document).trigger(e);
                }, arguments[1]);""", seed, intervalMs);
    }

    public void stopRandomKeys() {
        script("if (window.__rollscopeKeys) { clearInterval(window.__rollscopeKeys); window.__rollscopeKeys = null; }");
    }

    public Path screenshot(String name) throws IOException {
        Path file = dir.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** The https URLs the page asked for that have no local copy (answered 404). */
    public List<String> refusedUrls() {
        return interceptor.refused();
    }

    /** The page's console lines since the last call (all of them are appended to console.log in the page's directory). */
    public List<String> drainConsole() {
        List<String> lines = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString).toList();
        try {
            Files.write(dir.resolve("console.log"), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The console copy is a diagnostic; losing it must not fail the test that asked.
        }
        return lines;
    }

    /**
     * MUG's own console warnings that its data may diverge between the pages (an input confirmation or episode
     * sync that timed out, unconfirmed frames promoted at an episode's end): the first place to look when
     * two pages' episodes differ.
     */
    public List<String> mugDivergenceWarnings() {
        return drainConsoleSoFar().stream()
                .filter(l -> l.contains("data may diverge") || l.contains("Episode sync timeout")
                        || l.contains("Promoting") || l.contains("Large frame difference"))
                .toList();
    }

    private List<String> drainConsoleSoFar() {
        drainConsole();
        try {
            return Files.readAllLines(dir.resolve("console.log"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A one-line picture of the page for failure messages. */
    public String describe() {
        try {
            return "header='" + sceneHeader() + "' game=" + gameFields();
        } catch (RuntimeException e) {
            return "(page unreadable: " + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public void close() {
        try {
            drainConsole();
            Workspace.write(dir.resolve("cdn.txt"), "served:\n" + String.join("\n", interceptor.served())
                    + "\nrefused:\n" + String.join("\n", interceptor.refused()) + "\n");
        } catch (RuntimeException e) {
            // The browser may already be gone; quitting is what matters.
        } finally {
            interceptor.close();
            driver.quit();
        }
    }
}
