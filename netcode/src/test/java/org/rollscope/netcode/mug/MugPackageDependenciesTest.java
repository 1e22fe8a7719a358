package org.rollscope.netcode.mug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What package-info promises: the MUG side is a client of the observer shapes, never of the relay's internals (nor
 * of the embedded Socket.IO server, which only the test stand-in uses).
 */
class MugPackageDependenciesTest {

    @Test
    void mugSourcesImportNeitherTheRelayNorTheServerSide() throws IOException {
        Path sources = Path.of("src/main/java/org/rollscope/netcode/mug");
        try (Stream<Path> files = Files.list(sources)) {
            List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertTrue(java.size() > 10, "found the sources: " + java);
            List<String> offenders = java.stream().flatMap(MugPackageDependenciesTest::imports)
                    .filter(l -> l.contains("org.rollscope.netcode.relay") || l.contains("io.socket.socketio.server")
                            || l.contains("io.socket.engineio.server") || l.contains("org.eclipse.jetty")
                            || l.contains("javafx") || l.contains("org.rollscope.ui"))
                    .toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static Stream<String> imports(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("import "))
                    .map(l -> file.getFileName() + ": " + l);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
