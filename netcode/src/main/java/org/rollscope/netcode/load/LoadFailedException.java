package org.rollscope.netcode.load;

/** A load run could not be carried out (relay unreachable, observer refused, peers could not join). */
public final class LoadFailedException extends Exception {
    public LoadFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
