package org.rollscope.ui.fx;

import javafx.application.Platform;

/** Guards for code that must run on the JavaFX application thread. */
public final class FxThread {

    private FxThread() {}

    /** Fails loudly when called off the FX thread: view-models and datasets have one writer. */
    public static void assertFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("must run on the JavaFX thread, not " + Thread.currentThread().getName());
        }
    }
}
