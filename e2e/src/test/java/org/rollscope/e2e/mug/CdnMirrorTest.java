package org.rollscope.e2e.mug;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CDN URLs of MUG's index.html map to the npm packages; the Pyodide overlay wins; nothing escapes a package. */
class CdnMirrorTest {

    @TempDir
    Path root;

    private Path file(String relative) throws Exception {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, relative);
        return p;
    }

    @Test
    void eachCdnUrlOfMugsPageHasItsPackageFile() throws Exception {
        Path modules = root.resolve("node_modules");
        CdnMirror mirror = new CdnMirror(modules, root.resolve("overlay"));
        Path jquery = file("node_modules/jquery/dist/jquery.min.js");
        Path ua = file("node_modules/ua-parser-js/dist/ua-parser.min.js");
        Path socketIo = file("node_modules/socket.io-client/dist/socket.io.js");
        assertEquals(Optional.of(jquery), mirror.resolve("https://ajax.googleapis.com/ajax/libs/jquery/3.7.1/jquery.min.js"));
        assertEquals(Optional.of(ua), mirror.resolve("https://cdn.jsdelivr.net/npm/ua-parser-js@1.0.38/src/ua-parser.min.js"));
        assertEquals(Optional.of(socketIo), mirror.resolve("https://cdnjs.cloudflare.com/ajax/libs/socket.io/4.7.2/socket.io.js?v=1"));
    }

    @Test
    void pyodideFilesComeFromTheOverlayFirst() throws Exception {
        CdnMirror mirror = new CdnMirror(root.resolve("node_modules"), root.resolve("overlay"));
        Path overlayLock = file("overlay/pyodide-lock.json");
        file("node_modules/pyodide/pyodide-lock.json");
        Path wasm = file("node_modules/pyodide/pyodide.asm.wasm");
        assertEquals(Optional.of(overlayLock), mirror.resolve("https://cdn.jsdelivr.net/pyodide/v0.26.2/full/pyodide-lock.json"));
        assertEquals(Optional.of(wasm), mirror.resolve("https://cdn.jsdelivr.net/pyodide/v0.26.2/full/pyodide.asm.wasm"));
        assertEquals("application/wasm", CdnMirror.contentType(wasm));
    }

    @Test
    void otherVersionsHostsAndEscapesAreNotMirrored() throws Exception {
        CdnMirror mirror = new CdnMirror(root.resolve("node_modules"), root.resolve("overlay"));
        file("node_modules/jquery/dist/jquery.min.js");
        file("secret.txt");
        assertEquals(Optional.empty(), mirror.resolve("https://ajax.googleapis.com/ajax/libs/jquery/3.6.0/jquery.min.js"));
        assertEquals(Optional.empty(), mirror.resolve("https://fonts.googleapis.com/css2?family=Roboto"));
        assertEquals(Optional.empty(), mirror.resolve("https://ajax.googleapis.com/ajax/libs/jquery/3.7.1/../../../../../secret.txt"));
    }
}
