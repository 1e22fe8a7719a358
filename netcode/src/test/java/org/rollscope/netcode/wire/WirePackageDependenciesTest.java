package org.rollscope.netcode.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** package-info's rule, enforced: the wire package is a leaf that imports only java.* (no engine, no I/O libraries). */
class WirePackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/org/rollscope/netcode/wire");

    @Test
    void wireSourcesImportOnlyJava() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the netcode module directory; missing " + SOURCES.toAbsolutePath());
        List<String> offending = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.list(SOURCES)) {
            for (Path p : (Iterable<Path>) paths.filter(f -> f.toString().endsWith(".java"))::iterator) {
                files++;
                for (String line : Files.readAllLines(p)) {
                    String t = line.strip();
                    if (t.startsWith("import ") && !t.startsWith("import java.")
                            && !t.startsWith("import static java.")
                            && !t.startsWith("import static org.rollscope.netcode.wire.")) {
                        offending.add(p.getFileName() + ": " + t);
                    }
                }
            }
        }
        assertTrue(files >= 8, "expected the wire sources, found " + files + " files");
        assertEquals(List.of(), offending, "the wire package may import only java.*");
    }
}
