package org.rollscope.netcode.observer;

/**
 * The relay refused or did not answer a request ({@link ObserverClient#request}).
 */
public final class ObserverRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String error;

    /** @param error the relay's error code ({@code archive_off}, {@code unknown_game}, ...) or our own */
    public ObserverRequestException(String error, String message) {
        super(message == null || message.isEmpty() ? error : message);
        this.error = error;
    }

    public String error() {
        return error;
    }
}
