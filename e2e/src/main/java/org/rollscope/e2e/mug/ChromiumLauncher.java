package org.rollscope.e2e.mug;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts Debian's chromium through Debian's chromedriver with the flags a two-page MUG game needs on a small
 * machine (mug-browser.md §3), a fresh profile per page, and a user agent that says "Chrome": MUG's entry
 * screening refuses HeadlessChrome.
 */
final class ChromiumLauncher {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)");

    /** Flags, each for a reason: no sandbox (root in a container), no GPU, no traffic of the browser's own,
     *  and no throttling of background pages, so two pages keep ticking side by side on 2 cores. */
    static final List<String> FLAGS = List.of(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
            "--disable-backgrounding-occluded-windows",
            // No GPU here, so WebGL would be SwiftShader, the costliest part of a page; MUG's Phaser.AUTO then
            // draws with Canvas 2D instead, leaving the cores to the game loops under test.
            "--disable-webgl",
            // Host candidates with real addresses, not mDNS names nobody in the namespace answers.
            "--disable-features=WebRtcHideLocalIpsWithMdns",
            "--window-size=1100,900");

    private ChromiumLauncher() {
    }

    static ChromeDriver launch(E2eSetup setup, Path pageDir) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(setup.chromium().toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + Files.createDirectories(pageDir.resolve("profile")));
        options.addArguments("--user-agent=" + userAgent(setup.chromium()));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(setup.chromedriver().toFile())
                .usingAnyFreePort()
                .withLogFile(pageDir.resolve("chromedriver.log").toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    /** A desktop Chrome user agent with this chromium's own version. */
    static String userAgent(Path chromium) throws IOException {
        Process p = new ProcessBuilder(chromium.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = VERSION.matcher(out);
        if (!m.find()) throw new IOException("cannot read the version of " + chromium + ": " + out.strip());
        return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                + m.group(1) + ".0.0.0 Safari/537.36";
    }
}
