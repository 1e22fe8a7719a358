package org.rollscope.netcode.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rollscope.netcode.Frames;

class InputQueueTest {

    private final InputQueue q = new InputQueue(InputPredictor.repeatLast(0));

    @Test
    void firstValueWinsAndDuplicatesAreIgnored() {
        assertEquals(InputQueue.AddResult.ACCEPTED, q.addConfirmed(0, 3));
        assertEquals(InputQueue.AddResult.DUPLICATE, q.addConfirmed(0, 5));
        assertEquals(3, q.confirmedAction(0));
    }

    @Test
    void contiguousFrameAdvancesOnlyOverFilledGaps() {
        q.addConfirmed(0, 1);
        q.addConfirmed(2, 1);
        assertEquals(0, q.lastContiguousFrame());
        assertEquals(2, q.newestFrame());
        q.addConfirmed(1, 1);
        assertEquals(2, q.lastContiguousFrame());
    }

    @Test
    void predictionRepeatsLastContiguousInputButUsesOutOfOrderConfirmedOnes() {
        assertEquals(0, q.actionFor(0), "default before any input");
        q.addConfirmed(0, 4);
        q.addConfirmed(3, 2);
        assertEquals(4, q.actionFor(1));
        assertEquals(2, q.actionFor(3));
        InputQueue constant = new InputQueue(InputPredictor.constant(1));
        constant.addConfirmed(0, 4);
        assertEquals(1, constant.actionFor(1));
    }

    @Test
    void lateInputContradictingAPredictionMarksTheEarliestIncorrectFrame() {
        for (int f = 0; f < 6; f++) {
            q.markUsed(f, 0);
        }
        q.addConfirmed(4, 2);
        assertEquals(4, q.firstIncorrectFrame());
        q.addConfirmed(2, 1);
        assertEquals(2, q.firstIncorrectFrame());
        q.addConfirmed(3, 0); // agrees with what was used
        assertEquals(2, q.firstIncorrectFrame());
        q.clearFirstIncorrectFrame();
        assertEquals(Frames.NULL_FRAME, q.firstIncorrectFrame());
    }

    @Test
    void correctPredictionOrUnsimulatedFrameNeedsNoRollback() {
        q.markUsed(0, 2);
        q.addConfirmed(0, 2);
        q.addConfirmed(5, 1);
        assertEquals(Frames.NULL_FRAME, q.firstIncorrectFrame());
    }

    @Test
    void discardingUsedFramesForgetsTheirPredictions() {
        for (int f = 0; f < 5; f++) {
            q.markUsed(f, 0);
        }
        q.discardUsedFrom(3);
        q.addConfirmed(4, 5);
        assertEquals(Frames.NULL_FRAME, q.firstIncorrectFrame());
    }

    @Test
    void inputsFarAheadAreRefusedAndOldOnesReportedOld() {
        assertEquals(InputQueue.AddResult.TOO_NEW, q.addConfirmed(InputQueue.CAPACITY, 1));
        assertEquals(InputQueue.AddResult.TOO_OLD, q.addConfirmed(-1, 1));
        for (int f = 0; f < 1000; f++) {
            q.addConfirmed(f, f % 5);
        }
        assertEquals(InputQueue.AddResult.TOO_OLD, q.addConfirmed(500, 1));
        assertFalse(q.isConfirmed(500), "ring no longer holds frame 500");
        assertTrue(q.isConfirmed(990));
        assertEquals(990 % 5, q.confirmedAction(990));
        assertThrows(IllegalStateException.class, () -> q.confirmedAction(2000));
    }

    @Test
    void resetForgetsTheEpisode() {
        q.addConfirmed(0, 1);
        q.markUsed(1, 0);
        q.reset();
        assertEquals(Frames.NULL_FRAME, q.lastContiguousFrame());
        assertFalse(q.isConfirmed(0));
        q.addConfirmed(1, 3);
        assertEquals(Frames.NULL_FRAME, q.firstIncorrectFrame());
    }
}
