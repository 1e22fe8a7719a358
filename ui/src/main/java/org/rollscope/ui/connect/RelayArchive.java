package org.rollscope.ui.connect;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rollscope.netcode.archive.RemoteArchive;
import org.rollscope.netcode.observer.ObserverClient;

/**
 * A relay's archive, read over an observer connection of its own with the observer token (the console's History).
 * Each read opens a connection, runs and closes it: the History must keep working after the console has switched to
 * a past session (which closes the live {@link RelaySource}), and an idle History should not receive telemetry.
 *
 * <p>Blocks: any thread but the FX thread.
 */
public final class RelayArchive {

    /** How long to wait for the relay to accept the connection before a read gives up. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    /** One read of the archive; the connection is open while it runs. */
    @FunctionalInterface
    public interface Read<T> {
        T run(RemoteArchive archive) throws IOException;
    }

    private final String url;
    private final String token;

    public RelayArchive(String url, String token) {
        this.url = url;
        this.token = token;
    }

    /** The relay's URL, as the console was given it. */
    public String url() {
        return url;
    }

    /** A fresh live source for the same relay: the History's way back to watching it. */
    public RelaySource liveSource() {
        return new RelaySource(url, token);
    }

    /**
     * Connects, runs {@code read}, disconnects.
     *
     * @throws IOException when the relay cannot be reached, refuses the token, keeps no archive or fails the read
     */
    public <T> T read(Read<T> read) throws IOException {
        ObserverClient client = new ObserverClient(url, token);
        try {
            client.connect().get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return read.run(new RemoteArchive(client));
        } catch (ExecutionException e) {
            throw new IOException("could not connect to " + url + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("could not connect to " + url + " within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the archive of " + url, e);
        } finally {
            client.close();
        }
    }
}
