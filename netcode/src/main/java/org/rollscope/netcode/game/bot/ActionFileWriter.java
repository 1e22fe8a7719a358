package org.rollscope.netcode.game.bot;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records one player's actions in {@link ActionFile}'s format, frame by frame, as run-length lines: a held action
 * costs one line, and memory stays constant however long the recording. Frames must be recorded in increasing order
 * within an episode (gaps are allowed: they read back as action 0).
 *
 * <p>Threads: not thread-safe; one recorder per player loop. {@link #record} may block on the underlying writer.
 */
public final class ActionFileWriter implements Closeable {

    private final Writer out;
    private boolean open;
    private int runEpisode = -1;
    private int runFirstFrame;
    private int runFrames;      // 0 when no run is pending
    private int runAction;

    /** Writes to {@code out} (taking ownership: {@link #close} closes it) and emits the header at once. */
    public ActionFileWriter(Writer out) throws IOException {
        this.out = out;
        out.write(ActionFile.HEADER);
        out.write("\n# episode,frame,action[,count]\n");
        this.open = true;
    }

    /** Creates or truncates {@code file} (UTF-8) and writes the header. */
    public static ActionFileWriter create(Path file) throws IOException {
        return new ActionFileWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /**
     * Records that the player took {@code action} at (episode, frame).
     *
     * @throws IllegalArgumentException if a value is out of the format's range, or the frame does not come after the
     *     last recorded frame of the same episode
     * @throws IllegalStateException after {@link #close}
     * @throws IOException if writing a finished run fails
     */
    public void record(int episode, int frame, int action) throws IOException {
        if (!open) {
            throw new IllegalStateException("recorder already closed");
        }
        if (episode < 0 || frame < 0 || action < 0 || action > 255) {
            throw new IllegalArgumentException("episode " + episode + ", frame " + frame + ", action " + action
                    + ": episode and frame must be >= 0, action in [0, 255]");
        }
        if (runFrames > 0 && episode == runEpisode && frame < runFirstFrame + runFrames) {
            throw new IllegalArgumentException("episode " + episode + " frame " + frame
                    + " recorded out of order: frames up to " + (runFirstFrame + runFrames - 1) + " already recorded");
        }
        if (runFrames > 0 && episode == runEpisode && action == runAction && frame == runFirstFrame + runFrames) {
            runFrames++;
            return;
        }
        flushRun();
        runEpisode = episode;
        runFirstFrame = frame;
        runAction = action;
        runFrames = 1;
    }

    /** Writes the pending run and closes the underlying writer. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!open) {
            return;
        }
        open = false;
        try {
            flushRun();
        } finally {
            out.close();
        }
    }

    private void flushRun() throws IOException {
        if (runFrames == 0) {
            return;
        }
        out.write(runEpisode + "," + runFirstFrame + "," + runAction
                + (runFrames > 1 ? "," + runFrames : "") + "\n");
        runFrames = 0;
    }
}
