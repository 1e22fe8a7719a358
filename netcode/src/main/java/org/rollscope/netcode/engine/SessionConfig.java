package org.rollscope.netcode.engine;

import java.time.Duration;
import java.util.Objects;
import org.rollscope.netcode.input.InputPredictor;
import org.rollscope.netcode.input.InputQueue;

/**
 * Settings of a {@link RollbackSession}; both peers of a session must use the same input delay, hash interval and
 * action count. Immutable; build with {@link #builder()}. Every setter of the builder validates its value and throws
 * {@link IllegalArgumentException} naming it.
 *
 * @param inputDelay frames between sampling a local input and the frame it applies to (default 2)
 * @param predictionWindow frames a peer may simulate past the last frame with the other's input (default 8); past it
 *     the peer stalls
 * @param predictor what to assume for inputs not yet arrived (default: repeat the last confirmed, else action 0)
 * @param defaultAction action of the first {@code inputDelay} frames of every episode, which no one samples (default 0)
 * @param actionCount valid actions are {@code 0..actionCount-1}; others from the wire are dropped (default 8)
 * @param inputRedundancy inputs per INPUT packet, newest last (default 10, as browsers)
 * @param hashInterval a STATE_HASH for every confirmed frame that is a multiple of this, and for the episode's last
 *     frame (default 1)
 * @param hashResendInterval how often an unanswered hash is sent again (default 100 ms)
 * @param inputRequestInterval how long the other's inputs may stop progressing, while this peer needs them, before an
 *     INPUT_REQUEST (and the minimum time between two requests) (default 150 ms)
 * @param episodeEndConfirmTimeout how long to wait for the inputs that confirm a speculative episode end before its
 *     frames are promoted unconfirmed (flagged and logged) (default 5 s)
 * @param episodeStartTimeout how long to wait for the other peer's EPISODE_READY before starting an episode without it;
 *     zero waits for ever (default). A MUG page waits 5 s and then starts anyway (its {@code waitForP2PEpisodeStart}),
 *     so a peer partnering a page must do the same or be left an episode behind
 * @param episodes episodes to play, after which the session is finished; 0 for no limit (default 0)
 * @param fps frame rate, for time sync's RTT correction (default 60)
 * @param timeSync whether the peer that runs ahead waits now and then (default true)
 * @param eventCapacity session events kept until drained; older ones are dropped and counted (default 1024)
 */
public record SessionConfig(int inputDelay, int predictionWindow, InputPredictor predictor, int defaultAction,
        int actionCount, int inputRedundancy, int hashInterval, Duration hashResendInterval,
        Duration inputRequestInterval, Duration episodeEndConfirmTimeout, Duration episodeStartTimeout, int episodes, int fps, boolean timeSync,
        int eventCapacity) {

    /** Upper bound of delay + window: both, plus an INPUT packet's redundancy, must fit well inside the input ring. */
    public static final int MAX_DELAY_PLUS_WINDOW = InputQueue.CAPACITY / 4;

    public SessionConfig {
        Objects.requireNonNull(predictor, "predictor");
        requireRange("inputDelay", inputDelay, 0, MAX_DELAY_PLUS_WINDOW);
        requireRange("predictionWindow", predictionWindow, 1, MAX_DELAY_PLUS_WINDOW);
        if (inputDelay + predictionWindow > MAX_DELAY_PLUS_WINDOW) {
            throw new IllegalArgumentException("inputDelay + predictionWindow must be <= " + MAX_DELAY_PLUS_WINDOW
                    + ", got " + inputDelay + " + " + predictionWindow);
        }
        requireRange("actionCount", actionCount, 1, 256);
        requireRange("defaultAction", defaultAction, 0, actionCount - 1);
        requireRange("inputRedundancy", inputRedundancy, 1, 15);
        requireRange("hashInterval", hashInterval, 1, 3600);
        requirePositive("hashResendInterval", hashResendInterval);
        requirePositive("inputRequestInterval", inputRequestInterval);
        requirePositive("episodeEndConfirmTimeout", episodeEndConfirmTimeout);
        Objects.requireNonNull(episodeStartTimeout, "episodeStartTimeout");
        if (episodeStartTimeout.isNegative()) {
            throw new IllegalArgumentException("episodeStartTimeout must be zero (wait for ever) or positive, got "
                    + episodeStartTimeout);
        }
        requireRange("episodes", episodes, 0, Integer.MAX_VALUE);
        requireRange("fps", fps, 1, 1000);
        requireRange("eventCapacity", eventCapacity, 1, 1_000_000);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Duration of one frame in ms. */
    public double frameMs() {
        return 1000.0 / fps;
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, got " + d);
        }
    }

    /** Builder with the defaults listed on {@link SessionConfig}. Validation happens in {@link #build()}. */
    public static final class Builder {
        private int inputDelay = 2;
        private int predictionWindow = 8;
        private InputPredictor predictor = InputPredictor.repeatLast(0);
        private int defaultAction = 0;
        private int actionCount = 8;
        private int inputRedundancy = 10;
        private int hashInterval = 1;
        private Duration hashResendInterval = Duration.ofMillis(100);
        private Duration inputRequestInterval = Duration.ofMillis(150);
        private Duration episodeEndConfirmTimeout = Duration.ofSeconds(5);
        private Duration episodeStartTimeout = Duration.ZERO;
        private int episodes = 0;
        private int fps = 60;
        private boolean timeSync = true;
        private int eventCapacity = 1024;

        private Builder() {}

        private Builder(SessionConfig c) {
            inputDelay = c.inputDelay;
            predictionWindow = c.predictionWindow;
            predictor = c.predictor;
            defaultAction = c.defaultAction;
            actionCount = c.actionCount;
            inputRedundancy = c.inputRedundancy;
            hashInterval = c.hashInterval;
            hashResendInterval = c.hashResendInterval;
            inputRequestInterval = c.inputRequestInterval;
            episodeEndConfirmTimeout = c.episodeEndConfirmTimeout;
            episodeStartTimeout = c.episodeStartTimeout;
            episodes = c.episodes;
            fps = c.fps;
            timeSync = c.timeSync;
            eventCapacity = c.eventCapacity;
        }

        public Builder inputDelay(int v) { inputDelay = v; return this; }
        public Builder predictionWindow(int v) { predictionWindow = v; return this; }
        public Builder predictor(InputPredictor v) { predictor = v; return this; }
        public Builder defaultAction(int v) { defaultAction = v; return this; }
        public Builder actionCount(int v) { actionCount = v; return this; }
        public Builder inputRedundancy(int v) { inputRedundancy = v; return this; }
        public Builder hashInterval(int v) { hashInterval = v; return this; }
        public Builder hashResendInterval(Duration v) { hashResendInterval = v; return this; }
        public Builder inputRequestInterval(Duration v) { inputRequestInterval = v; return this; }
        public Builder episodeEndConfirmTimeout(Duration v) { episodeEndConfirmTimeout = v; return this; }
        public Builder episodeStartTimeout(Duration v) { episodeStartTimeout = v; return this; }
        public Builder episodes(int v) { episodes = v; return this; }
        public Builder fps(int v) { fps = v; return this; }
        public Builder timeSync(boolean v) { timeSync = v; return this; }
        public Builder eventCapacity(int v) { eventCapacity = v; return this; }

        /** @throws IllegalArgumentException naming the first invalid value */
        public SessionConfig build() {
            return new SessionConfig(inputDelay, predictionWindow, predictor, defaultAction, actionCount,
                    inputRedundancy, hashInterval, hashResendInterval, inputRequestInterval,
                    episodeEndConfirmTimeout, episodeStartTimeout, episodes, fps, timeSync, eventCapacity);
        }
    }
}
