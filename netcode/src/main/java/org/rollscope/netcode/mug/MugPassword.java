package org.rollscope.netcode.mug;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the MUG admin password comes from: a file (its first line, without the line break; spaces are kept) or the
 * {@code ADMIN_PASSWORD} environment variable, the same variable MUG itself reads. Rollscope never writes it anywhere.
 */
public final class MugPassword {

    /** The environment variable MUG reads its admin password from. */
    public static final String ENV = "ADMIN_PASSWORD";

    private MugPassword() {
    }

    /**
     * @param file a password file, or null to use the environment
     * @param env the environment (normally {@code System.getenv()})
     * @return the password
     * @throws IllegalArgumentException when neither gives a non-empty password, or the file cannot be read (the
     *     message names the file, never its content)
     */
    public static String resolve(Path file, Map<String, String> env) {
        if (file != null) {
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the password file " + file + ": "
                        + e.getClass().getSimpleName());
            }
            String line = content.lines().findFirst().orElse(""); // the line break is not part of it
            if (line.isEmpty()) {
                throw new IllegalArgumentException("the password file " + file + " is empty");
            }
            return line;
        }
        String value = env.get(ENV);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("no MUG admin password: give --password-file FILE or set " + ENV);
        }
        return value;
    }
}
