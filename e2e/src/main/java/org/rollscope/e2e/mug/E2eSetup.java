package org.rollscope.e2e.mug;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the e2e suite finds what testing/mug-e2e/run.sh installed and what the repo holds: the pinned MUG, our
 * experiment and stand-ins, the npm copies of MUG's CDN files, Debian's python3, chromium and chromedriver.
 *
 * <p>Each location is a system property or an environment variable (run.sh exports the variables), so a
 * missing set-up fails with one message that names what is missing instead of a browser timing out later.
 */
public record E2eSetup(Path repoDir, Path workRoot, Path assetsDir, Path python, Path chromium, Path chromedriver,
                       String netns) {

    /** Debian's python3: the PATH one may be another interpreter without the Debian packages MUG needs. */
    static final String DEFAULT_PYTHON = "/usr/bin/python3";

    public static E2eSetup fromEnvironment() {
        Path repo = Path.of(setting("rollscope.repo.dir", "ROLLSCOPE_REPO_DIR", System.getProperty("user.dir") + "/.."))
                .toAbsolutePath().normalize();
        return new E2eSetup(repo,
                Path.of(setting("rollscope.e2e.work.dir", "ROLLSCOPE_E2E_WORK_DIR", repo + "/e2e/target/mug-e2e")),
                Path.of(setting("rollscope.mug.assets", "ROLLSCOPE_MUG_ASSETS", "")),
                Path.of(setting("rollscope.python", "ROLLSCOPE_PYTHON", DEFAULT_PYTHON)),
                Path.of(setting("rollscope.chromium", "ROLLSCOPE_CHROMIUM", "/usr/bin/chromium")),
                Path.of(setting("rollscope.chromedriver", "ROLLSCOPE_CHROMEDRIVER", "/usr/bin/chromedriver")),
                setting("rollscope.e2e.netns", "ROLLSCOPE_E2E_NETNS", ""));
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    public Path mugDir() { return repoDir.resolve("testing/third_party/mug"); }

    public Path experimentScript() { return repoDir.resolve("testing/mug-e2e/experiment/rollscope_e2e_experiment.py"); }

    public Path serverStandins() { return repoDir.resolve("testing/mug-e2e/server-standins"); }

    public Path nodeModules() { return assetsDir.resolve("node_modules"); }

    /** Our numpy and micropip stand-in wheels and the Pyodide lock file that registers them. */
    public Path pyodideOverlay() { return assetsDir.resolve("pyodide-overlay"); }

    /**
     * Fails with every missing piece named, and unless the JVM is inside the e2e network namespace: MUG's
     * server and Chromium's STUN look-ups would otherwise try to reach hosts off this machine.
     */
    public E2eSetup requireReady() {
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(mugDir().resolve("mug/server/app.py"), experimentScript(), serverStandins(),
                nodeModules().resolve("pyodide/pyodide.asm.wasm"), pyodideOverlay().resolve("pyodide-lock.json"),
                python, chromium, chromedriver)) {
            if (!Files.exists(p)) missing.add(p.toString());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("MUG e2e set-up incomplete (run testing/mug-e2e/run.sh): missing " + missing);
        }
        NetnsGuard.requireInside(netns);
        try {
            Files.createDirectories(workRoot);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + workRoot, e);
        }
        return this;
    }
}
