package org.rollscope.ui.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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

    /**
     * Waits until {@code condition}, evaluated on the FX thread (so it reads what the window shows), holds; on timeout
     * fails naming {@code what} and the last {@code state}. A busy machine delays pulses: give generous deadlines.
     */
    public static void await(long seconds, String what, Callable<Boolean> condition, Supplier<String> state) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for " + what + "; last state: "
                    + state.get());
        }
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
