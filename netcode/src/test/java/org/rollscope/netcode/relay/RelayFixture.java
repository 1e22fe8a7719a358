package org.rollscope.netcode.relay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.json.JSONObject;

/** A real relay on 127.0.0.1, ephemeral port, a temp data dir, and the clients opened against it; closes all. */
final class RelayFixture implements AutoCloseable {
    final RelayServer relay;
    final Path dataDir;
    private final List<AutoCloseable> clients = new ArrayList<>();

    RelayFixture(Path dataDir) throws IOException {
        this(dataDir, b -> { });
    }

    RelayFixture(Path dataDir, Consumer<RelayConfig.Builder> tweak) throws IOException {
        this.dataDir = dataDir;
        RelayConfig.Builder builder = RelayConfig.builder().port(0).dataDir(dataDir).observerToken("test-token");
        tweak.accept(builder);
        this.relay = new RelayServer(builder.build());
        relay.start();
    }

    TestPeer peer() {
        return track(TestPeer.connect(relay.url()));
    }

    /** Two peers seated in one game, both told it is ready. */
    TestPeer[] pair(String gameId) {
        TestPeer a = peer();
        TestPeer b = peer();
        a.join(new JSONObject().put("game_id", gameId));
        b.join(new JSONObject().put("game_id", gameId));
        a.await("pyodide_game_ready");
        b.await("pyodide_game_ready");
        return new TestPeer[] {a, b};
    }

    <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close a test client", e);
            }
        }
        relay.close();
    }
}
