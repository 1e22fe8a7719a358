package org.rollscope.e2e.mug;

import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Answers a page's https requests from the {@link CdnMirror} through the DevTools protocol's Fetch domain, so
 * MUG's index.html loads its CDN scripts offline and unchanged. Only https is intercepted: the MUG server (http
 * on the namespace's loopback) is reached as usual. A URL the mirror lacks gets a 404, at once and recorded in
 * {@link #refused()}, instead of a DNS wait that would stall the page (the fonts stylesheet is the one expected).
 *
 * <p>Commands are sent by name rather than through a version's generated classes, so a Chromium newer than the
 * devtools module on the class path still works. Answers go out on this class's own thread: sending a command
 * from inside Selenium's event callback would wait on the thread that delivers the reply.
 */
final class CdnInterceptor implements AutoCloseable {

    private static final Event<Map<String, Object>> REQUEST_PAUSED =
            new Event<>("Fetch.requestPaused", input -> input.read(Json.MAP_TYPE));

    private final DevTools devTools;
    private final CdnMirror mirror;
    private final ExecutorService responder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cdn-mirror");
        t.setDaemon(true);
        return t;
    });
    private final List<String> served = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    CdnInterceptor(DevTools devTools, CdnMirror mirror) {
        this.devTools = devTools;
        this.mirror = mirror;
    }

    void start() {
        devTools.createSessionIfThereIsNotOne();
        devTools.addListener(REQUEST_PAUSED, event -> responder.submit(() -> answer(event)));
        devTools.send(new Command<Void>("Fetch.enable", Map.of("patterns",
                List.of(Map.of("urlPattern", "https://*", "requestStage", "Request")))));
    }

    @SuppressWarnings("unchecked")
    private void answer(Map<String, Object> event) {
        String requestId = (String) event.get("requestId");
        String url = (String) ((Map<String, Object>) event.get("request")).get("url");
        try {
            Optional<Path> file = mirror.resolve(url);
            if (file.isPresent()) {
                fulfil(requestId, 200, CdnMirror.contentType(file.get()), Files.readAllBytes(file.get()));
                served.add(url);
            } else {
                fulfil(requestId, 404, "text/plain", ("not mirrored for the offline e2e tests: " + url).getBytes());
                refused.add(url);
            }
        } catch (IOException | RuntimeException e) {
            refused.add(url + " (" + e + ")");
        }
    }

    private void fulfil(String requestId, int status, String contentType, byte[] body) {
        devTools.send(new Command<Void>("Fetch.fulfillRequest", Map.of(
                "requestId", requestId,
                "responseCode", status,
                "responseHeaders", List.of(
                        Map.of("name", "Content-Type", "value", contentType),
                        // Pyodide fetches its lock file and wheels cross-origin from the MUG page.
                        Map.of("name", "Access-Control-Allow-Origin", "value", "*"),
                        Map.of("name", "Cache-Control", "value", "no-store")),
                "body", Base64.getEncoder().encodeToString(body))));
    }

    /** The URLs answered from local copies, in order. */
    List<String> served() {
        return List.copyOf(served);
    }

    /** The https URLs answered with 404 because no local copy exists (or failed, with the reason). */
    List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    public void close() {
        responder.shutdownNow();
        try {
            responder.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
