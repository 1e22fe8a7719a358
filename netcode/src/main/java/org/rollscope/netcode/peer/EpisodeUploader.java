package org.rollscope.netcode.peer;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.rollscope.netcode.engine.EpisodeCsv;
import org.rollscope.netcode.engine.FrameRecord;

/**
 * Confirmed-only export (wire.md §3): collects the confirmed frames of each episode, writes the episode's CSV locally
 * when an export directory is set, and sends it to the relay with {@code emit_episode_data} until the relay
 * acknowledges that it stored it. Only then is the episode's data released: nothing is lost to a relay that is down
 * or refuses.
 *
 * <p>Threads: the peer loop only (acknowledgements arrive as completed futures that the loop polls).
 */
final class EpisodeUploader {
    /** Retry an unacknowledged upload this often: well above the relay's own write time, low enough to catch up fast. */
    static final long RETRY_MS = 1_000;

    private final SeatServer relay;
    private final Path exportDir;
    private final String peerName;
    private final Map<Integer, List<FrameRecord>> collecting = new TreeMap<>();
    private final Map<Integer, Pending> pending = new TreeMap<>();
    private int stored;

    private static final class Pending {
        final List<FrameRecord> rows;
        final String csv;
        final boolean partial;
        CompletableFuture<Boolean> inFlight;
        long nextAttemptMs;
        int attempts;

        Pending(List<FrameRecord> rows, String csv, boolean partial) {
            this.rows = rows;
            this.csv = csv;
            this.partial = partial;
        }
    }

    /**
     * @param exportDir where to write {@code <peerName>_ep<K>.csv} as well, or null for none
     * @param peerName file name prefix for the local copy
     */
    EpisodeUploader(SeatServer relay, Path exportDir, String peerName) {
        this.relay = relay;
        this.exportDir = exportDir;
        this.peerName = peerName;
    }

    /** One confirmed frame, in order. */
    void onConfirmed(FrameRecord record) {
        collecting.computeIfAbsent(record.episode(), e -> new ArrayList<>()).add(record);
    }

    /** Episode {@code episode} is over: its CSV is fixed now; write it locally and start uploading. */
    void onEpisodeEnded(int episode, long nowMs) {
        onEpisodeEnded(episode, nowMs, false);
    }

    /**
     * Episode {@code episode} ends here, whole or ({@code partial}) cut short because the partner is gone: what was
     * confirmed so far is all there is; write it locally ({@code _ep<K>.partial.csv}) and start uploading.
     */
    void onEpisodeEnded(int episode, long nowMs, boolean partial) {
        List<FrameRecord> collected = collecting.remove(episode);
        List<FrameRecord> rows = collected == null ? List.of() : collected;
        StringWriter csv = new StringWriter();
        try {
            EpisodeCsv.write(csv, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        if (exportDir != null) {
            writeLocal(episode, csv.toString(), partial);
        }
        pending.put(episode, new Pending(rows, csv.toString(), partial));
        poll(nowMs);
    }

    /** Checks acknowledgements and retries what is due. Call every tick. */
    void poll(long nowMs) {
        var it = pending.entrySet().iterator();
        while (it.hasNext()) {
            var entry = it.next();
            Pending p = entry.getValue();
            if (p.inFlight != null && p.inFlight.isDone()) {
                if (Boolean.TRUE.equals(p.inFlight.getNow(false))) {
                    it.remove();
                    stored++;
                    continue;
                }
                p.inFlight = null;
            }
            if (p.inFlight == null && nowMs >= p.nextAttemptMs) {
                p.nextAttemptMs = nowMs + RETRY_MS;
                p.attempts++;
                p.inFlight = relay.sendEpisodeData(entry.getKey(), p.rows, p.csv, p.partial);
            }
        }
    }

    /** Episodes the relay has acknowledged. */
    int storedCount() {
        return stored;
    }

    /** Episodes ended but not yet acknowledged. */
    int pendingCount() {
        return pending.size();
    }

    /** Frames held for episodes still being played (bounded by one episode's length). */
    int collectingFrames() {
        return collecting.values().stream().mapToInt(List::size).sum();
    }

    private void writeLocal(int episode, String csv, boolean partial) {
        try {
            Files.createDirectories(exportDir);
            Path target = exportDir.resolve(peerName + "_ep" + episode + (partial ? ".partial.csv" : ".csv"));
            Path tmp = Files.createTempFile(exportDir, peerName + "_ep" + episode, ".tmp");
            Files.writeString(tmp, csv, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write episode " + episode + " to " + exportDir + ": "
                    + e.getMessage(), e);
        }
    }
}
