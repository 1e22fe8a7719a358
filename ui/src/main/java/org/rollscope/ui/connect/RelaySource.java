package org.rollscope.ui.connect;

import org.rollscope.netcode.observer.ObserverClient;

/**
 * A live Rollscope relay ({@code /observer}, telemetry.md §3) as a session source: netcode's {@link ObserverClient}
 * does the connection, token, back-off reconnection and fresh snapshot after it.
 */
public final class RelaySource extends ObserverBackedSource {

    private final String url;
    private final String token;

    /** @param url the relay's URL as {@code rollscope relay} prints it; @param token the observer token */
    public RelaySource(String url, String token) {
        super("relay " + url, new ObserverClient(url, token));
        this.url = url;
        this.token = token;
    }

    /** The same relay's archive, read over connections of its own with the same token (the History view). */
    public RelayArchive archive() {
        return new RelayArchive(url, token);
    }

    /** The relay's URL, as given (a pilot peer joins the same relay). */
    public String url() {
        return url;
    }

    @Override
    String connectingText() {
        return "connecting to " + url;
    }
}
