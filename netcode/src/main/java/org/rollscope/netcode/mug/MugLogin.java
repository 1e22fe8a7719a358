package org.rollscope.netcode.mug;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MUG's admin login: {@code POST {base}/admin/login} with the form field {@code password}, redirects not followed.
 * Success is a redirect that sets MUG's {@code session} and/or {@code remember_token} cookie (either alone
 * authenticates); "Invalid password" in a 200 page is a wrong password; anything else is not a MUG server.
 *
 * <p>Blocking (one HTTP round trip, at most {@link #TIMEOUT}); call it off event threads. Thread-safe. The password
 * is sent and forgotten; neither it nor the cookie is logged or put in an exception message.
 */
public final class MugLogin {

    /** Connect and response timeout of the login request. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The login form's path under the server's base URL. */
    public static final String LOGIN_PATH = "/admin/login";
    /** MUG's (Flask-Login's) cookies; either authenticates the admin namespace. */
    public static final List<String> AUTH_COOKIES = List.of("session", "remember_token");

    private final URI base;
    private final HttpClient http;

    /** @param base the server's base URL without a trailing slash, e.g. {@code http://lab:5702} */
    public MugLogin(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .build();
    }

    /**
     * Logs in and returns the {@code Cookie} header value to present on the Socket.IO handshake, e.g.
     * {@code session=...; remember_token=...}.
     *
     * @throws MugConnectException {@code WRONG_PASSWORD}, {@code NOT_MUG} or {@code UNREACHABLE}
     */
    public String login(String password) throws MugConnectException {
        URI url = URI.create(base + LOGIN_PATH);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MugConnectException(MugConnectException.Reason.UNREACHABLE,
                    "cannot reach " + base + " (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MugConnectException(MugConnectException.Reason.UNREACHABLE, "interrupted while logging in", e);
        }
        return cookieOrExplain(response.statusCode(), response.headers().allValues("set-cookie"),
                response.headers().firstValue("content-type").orElse(""), response.body());
    }

    /** The decision, separated from the HTTP call so that each answer's meaning is unit-testable. */
    String cookieOrExplain(int status, List<String> setCookies, String contentType, String body)
            throws MugConnectException {
        if (status >= 300 && status < 400) {
            Map<String, String> cookies = authCookies(setCookies);
            if (!cookies.isEmpty()) {
                return cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; "));
            }
            throw notMug("its login answered HTTP " + status + " without a session cookie");
        }
        boolean html = contentType.toLowerCase(Locale.ROOT).contains("text/html");
        if (status == 200 && body != null && body.contains("Invalid password")) {
            throw new MugConnectException(MugConnectException.Reason.WRONG_PASSWORD,
                    "wrong admin password for the MUG server at " + base, null);
        }
        if (status == 200 && html) {
            throw notMug("its login page did not accept the form (no redirect, no \"Invalid password\")");
        }
        if (status == 429) {
            throw notMug("its login refused us: too many attempts (HTTP 429); wait and retry");
        }
        return throwNotMug(status, html);
    }

    private String throwNotMug(int status, boolean html) throws MugConnectException {
        throw notMug(status == 404 ? "no " + LOGIN_PATH + " there (HTTP 404)"
                : "its login answered HTTP " + status + (html ? "" : " (not an HTML page)"));
    }

    private MugConnectException notMug(String why) {
        return new MugConnectException(MugConnectException.Reason.NOT_MUG,
                base + " does not look like a MUG server: " + why, null);
    }

    /** The values of MUG's auth cookies among Set-Cookie headers (attributes dropped; empty values ignored). */
    static Map<String, String> authCookies(List<String> setCookies) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0].trim();
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (AUTH_COOKIES.contains(name) && !value.isEmpty() && !value.equals("\"\"")) {
                found.put(name, value);
            }
        }
        return found;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        return message != null ? message : e.getClass().getSimpleName();
    }
}
