package org.rollscope.netcode.game.bot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One player's recorded actions, read from a text file (UTF-8):
 *
 * <pre>
 * # rollscope-actions v1
 * # any further line starting with '#' is a comment; blank lines are ignored
 * episode,frame,action          one frame
 * episode,frame,action,count    the action held for count frames from frame on (run-length form)
 * </pre>
 *
 * The first line must be the header {@value #HEADER} exactly. Fields are decimal: episode and frame ≥ 0 (0-based),
 * action in [0, 255] (a wire byte), count ≥ 1. Lines may come in any order, but the frames of one episode must not
 * overlap. Frames the file does not mention are action 0. {@link ActionFileWriter} writes this format.
 *
 * <p>Immutable once read and thread-safe; {@link #action} is a binary search, O(log runs).
 */
public final class ActionFile {

    /** The header line that starts every action file. */
    public static final String HEADER = "# rollscope-actions v1";

    private static final int MAX_ACTION = 255;

    /** Runs of one episode, sorted by first frame, non-overlapping; ends are exclusive. */
    private record EpisodeRuns(int[] firstFrames, long[] endFrames, int[] actions) {}

    private record Run(int firstFrame, long endFrame, int action, int lineNumber) {}

    private final Map<Integer, EpisodeRuns> episodes;
    private final long framesCovered;
    private final int maxAction;
    private final int maxActionLine;

    private ActionFile(Map<Integer, EpisodeRuns> episodes, long framesCovered, int maxAction, int maxActionLine) {
        this.episodes = episodes;
        this.framesCovered = framesCovered;
        this.maxAction = maxAction;
        this.maxActionLine = maxActionLine;
    }

    /**
     * Reads an action file.
     *
     * @throws MalformedActionFileException naming the file and line, if the content breaks the format
     * @throws IOException if the file cannot be read
     */
    public static ActionFile read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString());
        }
    }

    /**
     * Parses action-file text.
     *
     * @param source a name for error messages, e.g. the file name
     * @throws MalformedActionFileException naming {@code source} and the line, if the content breaks the format
     * @throws IOException if reading fails
     */
    public static ActionFile parse(Reader text, String source) throws IOException {
        BufferedReader in = text instanceof BufferedReader b ? b : new BufferedReader(text);
        String header = in.readLine();
        if (header == null || !header.strip().equals(HEADER)) {
            throw new MalformedActionFileException(source, 1, "expected the header '" + HEADER + "', found "
                    + (header == null ? "an empty file" : "'" + abbreviate(header) + "'"));
        }
        Map<Integer, List<Run>> runsByEpisode = new HashMap<>();
        int maxAction = 0;
        int maxActionLine = 0;
        int lineNumber = 1;
        for (String line; (line = in.readLine()) != null; ) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split(",", -1);
            if (fields.length != 3 && fields.length != 4) {
                throw new MalformedActionFileException(source, lineNumber,
                        "expected episode,frame,action[,count], found '" + abbreviate(trimmed) + "'");
            }
            int episode = field(fields[0], "episode", 0, Integer.MAX_VALUE, source, lineNumber);
            int frame = field(fields[1], "frame", 0, Integer.MAX_VALUE, source, lineNumber);
            int action = field(fields[2], "action", 0, MAX_ACTION, source, lineNumber);
            int count = fields.length == 4 ? field(fields[3], "count", 1, Integer.MAX_VALUE, source, lineNumber) : 1;
            if (action > maxAction) {
                maxAction = action;
                maxActionLine = lineNumber;
            }
            runsByEpisode.computeIfAbsent(episode, e -> new ArrayList<>())
                    .add(new Run(frame, (long) frame + count, action, lineNumber));
        }
        Map<Integer, EpisodeRuns> episodes = new HashMap<>();
        long covered = 0;
        for (Map.Entry<Integer, List<Run>> e : runsByEpisode.entrySet()) {
            List<Run> runs = e.getValue();
            runs.sort((a, b) -> Integer.compare(a.firstFrame(), b.firstFrame()));
            int n = runs.size();
            int[] firsts = new int[n];
            long[] ends = new long[n];
            int[] actions = new int[n];
            for (int i = 0; i < n; i++) {
                Run r = runs.get(i);
                if (i > 0 && r.firstFrame() < ends[i - 1]) {
                    Run previous = runs.get(i - 1);
                    int later = Math.max(r.lineNumber(), previous.lineNumber());
                    int earlier = Math.min(r.lineNumber(), previous.lineNumber());
                    throw new MalformedActionFileException(source, later, "episode " + e.getKey() + " frame "
                            + r.firstFrame() + " overlaps the frames given on line " + earlier);
                }
                firsts[i] = r.firstFrame();
                ends[i] = r.endFrame();
                actions[i] = r.action();
                covered += r.endFrame() - r.firstFrame();
            }
            episodes.put(e.getKey(), new EpisodeRuns(firsts, ends, actions));
        }
        return new ActionFile(Map.copyOf(episodes), covered, maxAction, maxActionLine);
    }

    /** The recorded action of (episode, frame), or 0 if the file does not mention that frame. */
    public int action(int episode, int frame) {
        EpisodeRuns runs = episodes.get(episode);
        if (runs == null) {
            return 0;
        }
        int i = Arrays.binarySearch(runs.firstFrames(), frame);
        if (i < 0) {
            i = -i - 2;                          // the last run starting before frame
        }
        return i >= 0 && frame < runs.endFrames()[i] ? runs.actions()[i] : 0;
    }

    /** Number of (episode, frame) pairs the file gives an action for. */
    public long framesCovered() {
        return framesCovered;
    }

    /** The largest action in the file (0 for a file without frames). */
    public int maxAction() {
        return maxAction;
    }

    /** The 1-based line that first gives {@link #maxAction()}, or 0 for a file without frames. */
    public int maxActionLine() {
        return maxActionLine;
    }

    /** Number of distinct episodes in the file. */
    public int episodeCount() {
        return episodes.size();
    }

    private static int field(String text, String name, int min, int max, String source, int lineNumber)
            throws MalformedActionFileException {
        String t = text.strip();
        long value;
        try {
            value = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new MalformedActionFileException(source, lineNumber, name + " '" + abbreviate(t)
                    + "' is not a decimal integer");
        }
        if (value < min || value > max) {
            throw new MalformedActionFileException(source, lineNumber, name + " " + value + " outside ["
                    + min + ", " + max + "]");
        }
        return (int) value;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
