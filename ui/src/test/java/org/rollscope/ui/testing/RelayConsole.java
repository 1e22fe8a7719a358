package org.rollscope.ui.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.connect.RelaySource;
import org.rollscope.ui.session.SessionViewModel;
import org.rollscope.ui.shell.ConsoleApp;
import org.rollscope.ui.shell.ConsoleSettings;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The console window on a real relay (port 0) with real headless peers, for TestFX tests: starts them, reads what
 * the window shows on the FX thread, and closes everything in reverse order (the console first, so it never reports
 * a relay that the test itself shut down).
 */
public final class RelayConsole implements AutoCloseable {

    private final Path dir;
    private final FxRobot robot = new FxRobot();
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private ConsoleApp app;

    /** {@code dir}: a fresh directory for the relay's data and the console's exports. */
    public RelayConsole(Path dir) {
        this.dir = dir;
    }

    /** A relay on an ephemeral port with {@code token}, storing under the fixture's directory. */
    public RelayServer relay(String token) throws Exception {
        return relay(RelayConfig.builder().observerToken(token));
    }

    /** A relay built from {@code config} (port 0 and the data directory are set here). */
    public RelayServer relay(RelayConfig.Builder config) throws Exception {
        RelayServer relay = new RelayServer(config.port(0).dataDir(dir.resolve("relay")).build());
        relay.start();
        closeLast.add(relay);
        return relay;
    }

    /** A started peer for {@code game}: one long episode on a 10±2 ms link, so the session outlives the test. */
    public HeadlessPeer peer(String url, String game) {
        HeadlessPeer p = new HeadlessPeer(PeerConfig.builder(url).gameId(game).episodes(1).framesPerEpisode(60 * 120)
                .link(new LinkProfile(10, 2, 0, 0, 0, 0)).build()).start();
        closeLast.add(p);
        return p;
    }

    /** Closes {@code resource} with the fixture (before the relays made earlier); returns it. */
    public <T extends AutoCloseable> T track(T resource) {
        closeLast.add(resource);
        return resource;
    }

    /** Opens the console window on the relay at {@code url}; {@code select} is the session to show, or null. */
    public ConsoleApp console(String url, String token, String select) throws Exception {
        FxToolkit.registerPrimaryStage();
        ConsoleSettings settings = new ConsoleSettings(() -> new RelaySource(url, token), dir.resolve("exports"), null,
                null, false, select, null);
        app = (ConsoleApp) FxToolkit.setupApplication(() -> new ConsoleApp(settings));
        return app;
    }

    public ConsoleApp app() {
        return app;
    }

    public FxRobot robot() {
        return robot;
    }

    /** The one label {@code query} names; a missing one fails the test rather than reading as text. */
    public Label label(String query) {
        Label l = robot.lookup(query).queryAs(Label.class);
        if (l == null) {
            throw new AssertionError("no label " + query);
        }
        return l;
    }

    /** The label's text, read on the FX thread. */
    public String text(String query) {
        return Fx.call(() -> label(query).getText());
    }

    /** The console's view of {@code game}, or null (FX thread). */
    public SessionViewModel session(String game) {
        return app.window().model().session(game, false);
    }

    /** True once {@code game} shows two peers whose frames are past {@code frame} (FX thread). */
    public boolean bothPast(String game, int frame) {
        SessionViewModel s = session(game);
        return s != null && s.peers().size() == 2 && s.peers().stream()
                .allMatch(p -> p.latest() != null && p.latest().frame() > frame);
    }

    /** What the console shows of {@code game}'s peers, for failure messages. */
    public String describe(String game) {
        return Fx.call(() -> {
            SessionViewModel s = session(game);
            if (s == null) {
                return "no session " + game + "; connection " + app.window().model().connectionProperty().get();
            }
            StringBuilder b = new StringBuilder(game + " peers:");
            s.peers().forEach(p -> b.append(' ').append(p.playerId()).append('@')
                    .append(p.latest() == null ? "-" : p.latest().frame() + "#" + p.latest().seq()));
            return b.toString();
        });
    }

    /** Closes the console, then the peers and relays in reverse order of creation. */
    @Override
    public void close() throws Exception {
        try {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
            }
            FxToolkit.cleanupStages();
        } finally {
            for (int i = closeLast.size() - 1; i >= 0; i--) {
                closeLast.get(i).close();
            }
        }
    }
}
