package org.rollscope.netcode.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The big rule of the module split: netcode knows nothing of JavaFX or the console. Maven already keeps JavaFX off
 * netcode's class path; this test makes the rule explicit and also catches a source that names it anyway.
 */
class NetcodeBoundaryTest {

    @Test
    void javaFxIsNotOnNetcodesClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("javafx.application.Platform"));
    }

    @Test
    void noNetcodeSourceImportsJavaFxOrTheConsole() throws IOException {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(NetcodeBoundaryTest::importsForbidden)
                    .map(Path::toString)
                    .toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static boolean importsForbidden(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .anyMatch(l -> l.startsWith("import javafx.") || l.startsWith("import org.rollscope.ui."));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
