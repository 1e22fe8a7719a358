package org.rollscope.ui.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.relay.ProbeProtocol;
import org.rollscope.ui.export.ReplaySource;
import org.rollscope.ui.service.CommandService;
import org.rollscope.ui.service.SourceUpdate;
import org.rollscope.ui.service.TelemetryInbox;
import org.rollscope.ui.session.ConsoleModel;
import org.rollscope.ui.session.SessionViewModel;
import org.rollscope.ui.session.StatusMessage;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SourceCapabilities;
import org.rollscope.ui.testing.Await;
import org.rollscope.ui.testing.Fx;
import org.rollscope.ui.testing.ManualSource;
import org.rollscope.ui.testing.Samples;
import org.rollscope.ui.testing.SyntheticSession;

class ActionsViewModelTest {

    @Test
    void eachActionSaysWhyItIsUnavailable() {
        ManualSource source = new ManualSource();
        TelemetryInbox inbox = new TelemetryInbox();
        Fx.run(() -> {
            ConsoleModel model = new ConsoleModel();
            SimpleObjectProperty<SessionViewModel> selected = new SimpleObjectProperty<>();
            ActionsViewModel vm = new ActionsViewModel(model, new CommandService(() -> source, inbox), selected);
            model.reset(SourceCapabilities.everything());
            assertEquals("Not connected", vm.forceFallbackBlockedProperty().get());
            model.apply(new SourceUpdate.ConnectionChanged(ConnectionState.of(ConnectionState.Kind.CONNECTED)));
            assertEquals("Select a session first", vm.forceFallbackBlockedProperty().get());
            model.apply(new SourceUpdate.SampleReceived(Samples.running("g1", "p1", 1, 1_000, 60)));
            selected.set(model.session("g1", false));
            assertEquals("", vm.forceFallbackBlockedProperty().get());
            assertEquals("", vm.setLinkBlockedProperty().get());
            model.apply(new SourceUpdate.EventReceived(new SessionEventRecord("g1", null, 2_000, SessionEventRecord.ENDED, "")));
            assertEquals("The session has ended", vm.restoreBlockedProperty().get());
            assertThrows(IllegalStateException.class, () -> vm.forceFallback("p1"));

            model.reset(new ReplaySource(SyntheticSession.generate("g2", 1, 1, false), "x", 0, false).capabilities());
            assertEquals("Not available: " + ReplaySource.READ_ONLY_REASON, vm.forceFallbackBlockedProperty().get());
        });
    }

    @Test
    void aMugProbeSessionCanBeForcedButNotRestoredAndSaysWhy() {
        ManualSource source = new ManualSource();
        TelemetryInbox inbox = new TelemetryInbox();
        Fx.run(() -> {
            ConsoleModel model = new ConsoleModel();
            SimpleObjectProperty<SessionViewModel> selected = new SimpleObjectProperty<>();
            ActionsViewModel vm = new ActionsViewModel(model, new CommandService(() -> source, inbox), selected);
            connected(model);
            model.apply(new SourceUpdate.SampleReceived(Samples.running("relay-game", "0", 1, 1_000, 60)));
            model.apply(new SourceUpdate.SampleReceived(Samples.probe("mug-game", "1", 1, 1_000, 60)));
            selected.set(model.session("relay-game", false));
            assertEquals("", vm.restoreBlockedProperty().get(), "a Rollscope peer can return to P2P");
            selected.set(model.session("mug-game", false));
            assertEquals("", vm.forceFallbackBlockedProperty().get());
            assertEquals("", vm.setLinkBlockedProperty().get());
            assertEquals("Not available: " + ProbeProtocol.RESTORE_REFUSAL, vm.restoreBlockedProperty().get());
            assertThrows(IllegalStateException.class, () -> vm.restoreP2p("1"));
        });
    }

    @Test
    void sendingShowsPendingThenTheAcknowledgementFromTheInbox() {
        ManualSource source = new ManualSource();
        TelemetryInbox inbox = new TelemetryInbox();
        ConsoleModel model = Fx.call(ConsoleModel::new);
        SimpleObjectProperty<SessionViewModel> selected = new SimpleObjectProperty<>();
        ActionsViewModel vm = Fx.call(() -> new ActionsViewModel(model, new CommandService(() -> source, inbox), selected));
        Fx.run(() -> {
            model.reset(SourceCapabilities.everything());
            model.apply(new SourceUpdate.ConnectionChanged(ConnectionState.of(ConnectionState.Kind.CONNECTED)));
            model.apply(new SourceUpdate.SampleReceived(Samples.running("g1", "p1", 1, 1_000, 60)));
            selected.set(model.session("g1", false));
            vm.setLink(null, LinkPreset.LOSSY.profile());
            assertEquals(StatusMessage.Kind.PENDING, model.statusProperty().get().kind());
        });
        Await.until(Duration.ofSeconds(5), () -> inbox.pendingCount() == 1, () -> "pending " + inbox.pendingCount());
        Fx.run(() -> {
            inbox.drainTo(model::apply);
            assertEquals("Set link g1 (both peers): acknowledged", model.statusProperty().get().text());
        });
        assertEquals(List.of("set_link g1 null " + LinkPreset.LOSSY.profile()), source.commands);
    }

    /** A model of a relay that can do everything, connected. */
    private static void connected(ConsoleModel model) {
        model.reset(SourceCapabilities.everything());
        model.apply(new SourceUpdate.ConnectionChanged(ConnectionState.of(ConnectionState.Kind.CONNECTED)));
    }
}
