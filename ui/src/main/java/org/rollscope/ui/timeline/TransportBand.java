package org.rollscope.ui.timeline;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/**
 * A stretch of time during which the session's inputs went one way: {@code p2p}, {@code relay} or {@code p2p+relay}
 * (the worst over its peers: one peer on the relay makes the session's band relay). Its end grows while the mode
 * lasts. Times in epoch seconds.
 */
public final class TransportBand {

    private final double startSec;
    private final String mode;
    private final ReadOnlyDoubleWrapper endSec;

    TransportBand(double startSec, String mode) {
        this.startSec = startSec;
        this.mode = mode;
        this.endSec = new ReadOnlyDoubleWrapper(startSec);
    }

    public double startSec() {
        return startSec;
    }

    public String mode() {
        return mode;
    }

    public ReadOnlyDoubleProperty endSecProperty() {
        return endSec.getReadOnlyProperty();
    }

    public double endSec() {
        return endSec.get();
    }

    void extendTo(double tSec) {
        if (tSec > endSec.get()) {
            endSec.set(tSec);
        }
    }
}
