package org.rollscope.ui.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.mug.MugStandIn;
import org.rollscope.ui.fx.Formats;
import org.rollscope.ui.peer.Metric;
import org.rollscope.ui.peer.PeerCardViewModel;
import org.rollscope.ui.service.TelemetryInbox;
import org.rollscope.ui.session.ConsoleModel;
import org.rollscope.ui.session.SessionViewModel;
import org.rollscope.ui.source.Capability;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.testing.Await;
import org.rollscope.ui.testing.Fx;

/** The console's MUG source against the MUG stand-in (real Socket.IO over loopback) with MUG's real sample payload. */
class MugAdminSourceTest {

    static final String GAME = "cd8f6b4e-a3fe-4de0-aeb5-d987bbc182ea";

    private MugStandIn mug;
    private MugAdminSource source;

    @AfterEach
    void stop() {
        if (source != null) source.close();
        if (mug != null) mug.close();
    }

    @Test
    void aMugGameShowsTransportAndLatencyAndEverythingElseAsUnknown() throws Exception {
        mug = new MugStandIn(MugStandIn.Cookies.BOTH, MugStandIn.sample("mug-state-update-game.json")).start();
        source = new MugAdminSource(mug.url(), MugStandIn.PASSWORD);
        ConsoleModel model = Fx.call(ConsoleModel::new);
        TelemetryInbox inbox = new TelemetryInbox();
        Fx.run(() -> model.reset(source.capabilities()));
        source.connect(inbox);
        Await.until(Duration.ofSeconds(15), () -> {
            Fx.run(() -> inbox.drainTo(model::apply));
            SessionViewModel s = Fx.call(() -> model.session(GAME, false));
            return s != null && Fx.call(() -> s.peers().size() == 2 && s.peers().stream().allMatch(p -> p.latest() != null));
        }, () -> "connection " + Fx.call(() -> model.connectionProperty().get()) + ", sessions " + Fx.call(() -> model.sessions().size()));

        Fx.run(() -> {
            assertTrue(model.connectionProperty().get().isConnected(), model.connectionProperty().get().toString());
            SessionViewModel s = model.session(GAME, false);
            PeerCardViewModel relayed = s.peers().stream().filter(p -> p.playerId().equals("1")).findFirst().orElseThrow();
            assertEquals("61 ms", relayed.text(Metric.RTT_MS));
            assertEquals(Formats.UNKNOWN, relayed.text(Metric.FRAME));
            assertEquals(Formats.UNKNOWN, relayed.text(Metric.CONFIRMED_FRAME));
            assertEquals(Formats.UNKNOWN, relayed.text(Metric.ROLLBACKS));
            assertEquals(Formats.UNKNOWN, relayed.text(Metric.GAP_RATE));
            assertEquals(Formats.UNKNOWN, relayed.text(Metric.BUFFERED_AMOUNT));
            assertEquals(Formats.UNKNOWN, relayed.text(Metric.DESYNCS));
            assertEquals(Formats.UNKNOWN, s.driftTextProperty().get(), "no frames, no drift");
            assertTrue(relayed.transportTextProperty().get().startsWith("p2p"), relayed.transportTextProperty().get());
        });
    }

    @Test
    void commandsMugCannotDoAreUnavailableWithItsReason() throws Exception {
        mug = new MugStandIn(MugStandIn.Cookies.BOTH, MugStandIn.sample("mug-state-update-game.json")).start();
        source = new MugAdminSource(mug.url(), MugStandIn.PASSWORD);
        assertFalse(source.capabilities().supports(Capability.FORCE_FALLBACK));
        assertFalse(source.capabilities().supports(Capability.SET_LINK));
        assertTrue(source.capabilities().supports(Capability.REQUEST_SNAPSHOT));
        assertTrue(source.capabilities().whyNot(Capability.FORCE_FALLBACK).contains("MUG"));
        assertFalse(source.capabilities().reports("gap_rate"));
        CommandResult r = source.forceFallback(GAME, "0").get(5, TimeUnit.SECONDS);
        assertFalse(r.ok());
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        mug = new MugStandIn(MugStandIn.Cookies.BOTH, MugStandIn.sample("mug-state-update-game.json")).start();
        source = new MugAdminSource(mug.url(), "not-the-password");
        RelaySourceTest.Seen seen = new RelaySourceTest.Seen();
        source.connect(seen);
        Await.until(Duration.ofSeconds(15), () -> seen.states.stream().anyMatch(s -> s.kind() == ConnectionState.Kind.REFUSED),
                () -> "states " + seen.states);
    }
}
