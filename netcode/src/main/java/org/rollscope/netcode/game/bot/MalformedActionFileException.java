package org.rollscope.netcode.game.bot;

import java.io.IOException;

/** An action file that does not follow {@link ActionFile}'s format; the message names the file and the line. */
public final class MalformedActionFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;

    /**
     * @param source the file name (or another label) for the message
     * @param lineNumber 1-based number of the offending line
     * @param reason what is wrong with it
     */
    public MalformedActionFileException(String source, int lineNumber, String reason) {
        super(source + ":" + lineNumber + ": " + reason);
        this.lineNumber = lineNumber;
    }

    /** The 1-based number of the offending line. */
    public int lineNumber() {
        return lineNumber;
    }
}
