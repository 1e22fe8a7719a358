package org.rollscope.ui.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Runs test code on the JavaFX thread. Starts the toolkit once (headless Monocle, set by the ui pom's surefire
 * configuration) the way TestFX does, so view-model tests and TestFX tests can share one JVM. No window is shown.
 */
public final class Fx {

    private Fx() {}

    public static void ensureToolkit() {
        try {
            FxToolkit.registerPrimaryStage();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("JavaFX toolkit did not start", e);
        }
    }

    public static <T> T call(Callable<T> work) {
        ensureToolkit();
        try {
            return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void run(ThrowingRunnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
