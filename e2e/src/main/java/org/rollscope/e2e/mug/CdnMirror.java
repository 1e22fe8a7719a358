package org.rollscope.e2e.mug;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Answers the CDN URLs of MUG's index.html from the npm packages run.sh installed, at the versions the page
 * names. Pyodide's files come from our overlay first (the lock file with our numpy and micropip stand-in
 * wheels), then from the npm package. Any other URL is not mirrored: the interceptor refuses it.
 */
final class CdnMirror {

    private record Prefix(String url, Path dir) {
    }

    private final List<Prefix> prefixes;

    CdnMirror(Path nodeModules, Path pyodideOverlay) {
        this.prefixes = List.of(
                new Prefix("https://ajax.googleapis.com/ajax/libs/jquery/3.7.1/", nodeModules.resolve("jquery/dist")),
                new Prefix("https://cdnjs.cloudflare.com/ajax/libs/phaser/3.80.1/", nodeModules.resolve("phaser/dist")),
                new Prefix("https://cdnjs.cloudflare.com/ajax/libs/socket.io/4.7.2/", nodeModules.resolve("socket.io-client/dist")),
                new Prefix("https://cdnjs.cloudflare.com/ajax/libs/onnxruntime-web/1.10.0/", nodeModules.resolve("onnxruntime-web/dist")),
                // jsDelivr minifies src/ua-parser.js on request; the package ships the author's minified build in dist/.
                new Prefix("https://cdn.jsdelivr.net/npm/ua-parser-js@1.0.38/src/", nodeModules.resolve("ua-parser-js/dist")),
                new Prefix("https://cdn.jsdelivr.net/pyodide/v0.26.2/full/", pyodideOverlay),
                new Prefix("https://cdn.jsdelivr.net/pyodide/v0.26.2/full/", nodeModules.resolve("pyodide")));
    }

    /** The local file for a URL, if this mirror has one (query strings and fragments ignored). */
    Optional<Path> resolve(String url) {
        String bare = url.replaceFirst("[?#].*$", "");
        for (Prefix prefix : prefixes) {
            if (!bare.startsWith(prefix.url())) continue;
            Path file = prefix.dir().resolve(bare.substring(prefix.url().length())).normalize();
            if (file.startsWith(prefix.dir()) && Files.isRegularFile(file)) return Optional.of(file);
        }
        return Optional.empty();
    }

    /** Pyodide compiles its wasm with instantiateStreaming, which insists on application/wasm. */
    static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".js") || name.endsWith(".mjs")) return "text/javascript";
        if (name.endsWith(".wasm")) return "application/wasm";
        if (name.endsWith(".json") || name.endsWith(".map")) return "application/json";
        if (name.endsWith(".zip") || name.endsWith(".whl")) return "application/zip";
        return "application/octet-stream";
    }
}
