package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.engine.FrameRecord;
import org.rollscope.netcode.engine.FrameRunner;
import org.rollscope.netcode.engine.RollbackSession;
import org.rollscope.netcode.engine.SessionConfig;
import org.rollscope.netcode.testgame.CounterGame;
import org.rollscope.netcode.wire.Message;

/**
 * A MUG page's relayed inputs carry no episode: they come in order, one per frame, frames restarting at 0 each
 * episode, and are never sent again. None of the next episode may be lost because it came before this peer started
 * that episode, and none of the last episode may be taken for the next. The real engine (player 1) on one side; the
 * other player's relay inputs and EPISODE_READY are written by the test.
 */
class RelayInputIntakeTest {
    private static final int FRAMES = 20;
    private static final int DELAY = 2;
    private static final SessionConfig CONFIG = SessionConfig.builder().actionCount(4).inputDelay(DELAY).episodes(2)
            .timeSync(false).build();

    private final RollbackSession session = new RollbackSession(CONFIG, 1, CounterGame.SNAPSHOT_SIZE);
    private final FrameRunner runner = new FrameRunner(new CounterGame(FRAMES, 0), 3);
    private final RelayInputIntake intake = new RelayInputIntake(session);
    private final List<FrameRecord> confirmed = new ArrayList<>();
    private long nowMs;

    @Test
    void inputsOfTheNextEpisodeThatComeBeforeItsStartAreHeldAndTakenThen() {
        playEpisodeZero();
        relay(1, DELAY, DELAY + 4); // the page runs episode 1 already; its READY is still on the way
        ticks(3);
        ready(2);
        ticks(FRAMES);
        assertEquals(actions(1, DELAY, DELAY + 4), confirmedActions(1, DELAY, DELAY + 4));
        assertEquals(0, intake.staleCount());
    }

    @Test
    void aLateInputOfTheLastEpisodeIsNotTakenForTheNext() {
        playEpisodeZero();
        relay(0, FRAMES + DELAY - 1, FRAMES + DELAY - 1); // beyond the episode's end: a late repeat of the last frame
        relay(1, DELAY, DELAY + 4);
        ready(2);
        ticks(FRAMES);
        assertEquals(actions(1, DELAY, DELAY + 4), confirmedActions(1, DELAY, DELAY + 4));
        assertEquals(1, intake.staleCount());
    }

    @Test
    void theNextEpisodesInputsArrivingWhileThisOneStillRunsWaitForIt() {
        ready(1);
        ticks(1);
        inPace(0, DELAY, FRAMES - 1); // all of episode 0, this peer a frame or two behind
        relay(1, DELAY, DELAY + 4); // and the page's first of episode 1 before this peer ended 0: frames restart
        ticks(FRAMES + 5);
        assertEquals(RollbackSession.State.WAITING_FOR_PEER, session.state(), "episode 0 ended");
        assertEquals(FRAMES, confirmed.size());
        ready(2);
        ticks(FRAMES);
        assertEquals(actions(0, DELAY, FRAMES - 1), confirmedActions(0, DELAY, FRAMES - 1));
        assertEquals(actions(1, DELAY, DELAY + 4), confirmedActions(1, DELAY, DELAY + 4));
    }

    private void playEpisodeZero() {
        ready(1);
        ticks(1);
        inPace(0, DELAY, FRAMES - 1);
        ticks(FRAMES + 5);
        assertEquals(RollbackSession.State.WAITING_FOR_PEER, session.state(), "episode 0 ended");
        assertEquals(FRAMES, confirmed.size());
    }

    /** The other player's action at {@code frame} of {@code episode}: distinct per episode, so a mix-up shows. */
    private static int action(int episode, int frame) {
        return (frame + episode * 3) % 4;
    }

    private static List<Integer> actions(int episode, int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int f = from; f <= to; f++) {
            out.add(action(episode, f));
        }
        return out;
    }

    private List<Integer> confirmedActions(int episode, int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (FrameRecord r : confirmed) {
            if (r.episode() == episode && r.frame() >= from && r.frame() <= to) {
                out.add(r.action0());
            }
        }
        return out;
    }

    /** The page's inputs of {@code episode} for frames {@code from..to}, as MUG relays them: no episode (-1). */
    private void relay(int episode, int from, int to) {
        for (int f = from; f <= to; f++) {
            intake.onInput(new RelayInbound.RemoteAction("0", f, action(episode, f), -1), nowMs);
        }
    }

    /** One input per tick, as a page at the same pace sends them. */
    private void inPace(int episode, int from, int to) {
        for (int f = from; f <= to; f++) {
            relay(episode, f, f);
            ticks(1);
        }
    }

    private void ready(int episode1) {
        session.onMessage(new Message.EpisodeReady(episode1, "00000000"), nowMs);
    }

    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            nowMs += 16;
            intake.releaseHeld(nowMs);
            if (session.state() == RollbackSession.State.RUNNING) {
                session.addLocalInput(1);
            }
            runner.run(session.advanceFrame(nowMs), session, nowMs);
            session.drainOutgoing(m -> { });
            session.drainEvents(e -> { });
            session.drainConfirmed(confirmed::add);
        }
    }
}
