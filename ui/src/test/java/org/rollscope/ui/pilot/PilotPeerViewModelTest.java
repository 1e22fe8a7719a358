package org.rollscope.ui.pilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.transport.LinkProfile;

/** The pilot's view-model without a Stage: what it says before anything starts. */
class PilotPeerViewModelTest {

    private final PilotPeerService service = new PilotPeerService();

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void withoutARelayItSaysWhyAndStartsNothing() {
        PilotPeerViewModel vm = new PilotPeerViewModel(service, () -> null, Runnable::run, () -> 0);
        assertFalse(vm.checkReady());
        assertEquals(PilotPeerViewModel.NEEDS_RELAY, vm.statusProperty().get());
        vm.openPilotSession("random", LinkProfile.PERFECT);
        assertFalse(vm.busyProperty().get());
        assertFalse(vm.runningProperty().get());
        assertEquals(null, service.peer());
    }

    @Test
    void aMugPilotNeedsNoRelayButAUrlAndABotThatPlaysAnyActionSpace() throws Exception {
        PilotPeerViewModel vm = new PilotPeerViewModel(service, () -> null, Runnable::run, () -> 0);
        vm.partnerMug(" ", "/", "random", LinkProfile.PERFECT);
        assertEquals("Pilot not started: a MUG pilot needs the experiment's URL", vm.statusProperty().get());
        vm.partnerMug("https://mug.lab.org", "/", "scripted", LinkProfile.PERFECT);
        assertTrue(vm.statusProperty().get().contains("bot must be one of [random, idle]"), vm.statusProperty().get());
        assertEquals(java.net.URI.create("https://mug.lab.org/study1"),
                MugPilotRequest.of("https://mug.lab.org/", "study1", "idle", null).experiment());
        vm.partnerMug("http://127.0.0.1:1", "/", "random", LinkProfile.PERFECT);
        org.rollscope.ui.testing.Await.until(java.time.Duration.ofSeconds(10),
                () -> !vm.busyProperty().get(), vm.statusProperty()::get);
        assertTrue(vm.statusProperty().get().startsWith("MUG pilot failed to start:"), vm.statusProperty().get());
        assertFalse(vm.runningProperty().get());
        assertEquals(null, service.mugPeer());
    }

    @Test
    void anUnknownBotIsRefusedWithTheChoices() {
        PilotPeerViewModel vm = new PilotPeerViewModel(service, () -> "http://127.0.0.1:1", Runnable::run, () -> 0);
        assertTrue(vm.checkReady());
        vm.joinSession("g1", "genius", LinkProfile.PERFECT);
        assertTrue(vm.statusProperty().get().startsWith("Pilot not started: bot must be one of [random, scripted, idle]"),
                vm.statusProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void pilotSessionIdsDifferOverTime() {
        long[] now = {1_763_700_000_000L};
        PilotPeerViewModel vm = new PilotPeerViewModel(service, () -> "http://x", Runnable::run, () -> now[0]);
        String first = vm.newPilotGameId();
        now[0] += 1;
        assertTrue(first.startsWith("pilot-"), first);
        assertFalse(first.equals(vm.newPilotGameId()));
    }
}
