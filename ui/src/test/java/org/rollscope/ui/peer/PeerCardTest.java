package org.rollscope.ui.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Parent;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.fx.Css;
import org.rollscope.ui.testing.Fx;
import org.rollscope.ui.testing.Samples;

/** The card's bindings, without a window: threshold colours, unknown styling, transport chip, badge. */
class PeerCardTest {

    private static Label find(Parent root, String id) {
        return (Label) root.lookup("#" + id);
    }

    @Test
    void figuresTakeTheirGradeColourAndUnknownIsStyledAsUnknown() {
        Fx.run(() -> {
            PeerCardViewModel vm = new PeerCardViewModel("g", "p1", f -> true);
            Parent card = (Parent) new PeerCard(vm).getNode();
            Label rtt = find(card, "figure-p1-rtt_ms");
            Label gap = find(card, "figure-p1-gap_rate");
            Label badge = (Label) card.lookup("." + Css.BADGE);
            assertEquals("—", rtt.getText());
            assertTrue(rtt.getStyleClass().contains(Css.UNKNOWN));
            assertEquals("no report", badge.getText());

            vm.apply(Samples.health("g", "p1", 1, 400.0, 0.08, 100L, 0));
            assertEquals("400 ms", rtt.getText());
            assertTrue(rtt.getStyleClass().contains(Css.grade(org.rollscope.ui.health.HealthGrade.CRITICAL)));
            assertFalse(rtt.getStyleClass().contains(Css.UNKNOWN));
            assertTrue(gap.getStyleClass().contains(Css.grade(org.rollscope.ui.health.HealthGrade.DEGRADED)));
            assertEquals("critical", badge.getText());
            assertTrue(badge.getStyleClass().contains(Css.grade(org.rollscope.ui.health.HealthGrade.CRITICAL)));

            assertEquals("400 ms", rtt.getTooltip().getText(), "the whole value, for cells too narrow for it");

            vm.apply(Samples.health("g", "p1", 2, 40.0, 0.0, 100L, 0));
            assertTrue(rtt.getStyleClass().contains(Css.grade(org.rollscope.ui.health.HealthGrade.HEALTHY)));
            assertFalse(rtt.getStyleClass().contains(Css.grade(org.rollscope.ui.health.HealthGrade.CRITICAL)));
        });
    }

    @Test
    void aSilentPeerIsDimmedWithHowLongItHasBeenSilent() {
        Fx.run(() -> {
            PeerCardViewModel vm = new PeerCardViewModel("g", "p1", f -> true);
            Parent card = (Parent) new PeerCard(vm).getNode();
            Label note = find(card, "stale-p1");
            vm.apply(Samples.running("g", "p1", 1, 1_000, 60));
            vm.markReceived(1_000);
            assertFalse(note.isVisible());
            vm.updateStale(true, 5_200, 3_000);
            assertTrue(note.isVisible());
            assertEquals("no data for 4 s", note.getText());
            assertTrue(card.getStyleClass().contains(Css.STALE));
            vm.markReceived(5_300);
            assertFalse(note.isVisible());
            assertFalse(card.getStyleClass().contains(Css.STALE));
        });
    }

    @Test
    void transportChipTakesTheTransportColourClass() {
        Fx.run(() -> {
            PeerCardViewModel vm = new PeerCardViewModel("g", "p1", f -> true);
            Parent card = (Parent) new PeerCard(vm).getNode();
            Label chip = find(card, "transport-p1");
            assertTrue(chip.getStyleClass().contains(Css.TRANSPORT_NONE));
            PeerSample s = Samples.running("g", "p1", 1, 1_000, 60);
            vm.apply(Samples.withTransport(s, 1, 1_000, PeerSample.TRANSPORT_BOTH, "rtt"));
            assertEquals("p2p+relay · rtt", chip.getText());
            assertTrue(chip.getStyleClass().contains(Css.TRANSPORT_BOTH));
            assertEquals(1, chip.getStyleClass().stream().filter(c -> c.startsWith("transport-") && !c.equals(Css.CHIP)).count());
        });
    }
}
