package org.rollscope.ui.export;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a JSON timeline written by {@link TimelineExporter}. Fields added by later versions are ignored; a file that
 * is not a Rollscope timeline, or is broken, gives a {@link TimelineFormatException} saying what is wrong and where,
 * never a half-loaded session.
 *
 * <p>Any thread except the FX thread (it blocks on disk).
 */
public final class TimelineReader {

    /** The file is not a readable Rollscope timeline. */
    public static final class TimelineFormatException extends IOException {
        public TimelineFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public TimelineFile read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        }
    }

    public TimelineFile read(InputStream in, String name) throws IOException {
        TimelineFile file;
        try {
            file = json.readValue(in, TimelineFile.class);
        } catch (JacksonException e) {
            throw new TimelineFormatException(name + " is not a readable timeline: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
        }
        if (file == null || file.meta() == null || !TimelineFile.FORMAT.equals(file.meta().format())) {
            throw new TimelineFormatException(name + " is not a Rollscope timeline (meta.format is not \""
                    + TimelineFile.FORMAT + "\")", null);
        }
        if (file.meta().version() > TimelineFile.VERSION) {
            throw new TimelineFormatException(name + " was written by a newer Rollscope (timeline version "
                    + file.meta().version() + ", this console reads up to " + TimelineFile.VERSION + ")", null);
        }
        return file;
    }
}
