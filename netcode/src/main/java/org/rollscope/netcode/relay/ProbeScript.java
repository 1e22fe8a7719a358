package org.rollscope.netcode.relay;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.json.JSONObject;

/**
 * The MUG probe as the relay serves it ({@link ProbeProtocol#SCRIPT_PATH}), and the snippet a lab pastes into a MUG
 * scene's {@code scene_body}. The snippet is one inline script: it sets {@code window.RollscopeProbeConfig} and adds
 * a script element for the probe. Inline, because MUG inserts scene bodies with jQuery {@code .html()}, which runs
 * inline scripts but fetches {@code <script src>} through its own loader, where the element's attributes are lost.
 */
final class ProbeScript {
    private static final String RESOURCE = "probe/rollscope-probe.js";

    private final byte[] script;

    ProbeScript() {
        try (InputStream in = ProbeScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the probe script " + RESOURCE + " is missing from the class path");
            }
            script = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The HTML to paste into a MUG scene's {@code scene_body}.
     *
     * @param relayUrl the relay's URL as participants' browsers reach it (no trailing slash needed)
     * @param probeKey the relay's probe key
     */
    static String snippet(String relayUrl, String probeKey) {
        String base = relayUrl.replaceAll("/+$", "");
        JSONObject config = new JSONObject().put("relay", base).put("key", probeKey).put("hash_subject", false);
        // '<' escaped so that no value can close the script element early.
        String json = config.toString().replace("<", "\\u003c");
        String src = JSONObject.quote(base + ProbeProtocol.SCRIPT_PATH).replace("<", "\\u003c");
        return "<script>window.RollscopeProbeConfig=" + json + ";(function(d){var s=d.createElement(\"script\");"
                + "s.src=" + src + ";s.async=true;(d.head||d.documentElement).appendChild(s);})(document);</script>";
    }

    /** Serves the script: no caching, so a relay upgrade reaches the next page load. */
    HttpServlet servlet() {
        byte[] body = script;
        return new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType("text/javascript; charset=utf-8");
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            }
        };
    }
}
