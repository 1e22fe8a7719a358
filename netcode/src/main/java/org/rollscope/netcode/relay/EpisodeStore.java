package org.rollscope.netcode.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Stores episode CSVs as {@code <dataDir>/<game_id>/<player_id>_ep<K>.csv} (a partial episode, cut short because the
 * partner was gone, as {@code <player_id>_ep<K>.partial.csv}), atomically and immutably: the bytes go
 * to a temporary file in the same directory, are forced to disk, and are then linked into place only if no file is
 * there yet (a hard link fails if the name exists, atomically). A reader sees either no file or the whole file. A
 * stored episode is never replaced: the same bytes again are acknowledged as already stored, different bytes are a
 * {@link Result#CONFLICT} (logged and refused by the caller). {@link #sweepTemporaryFiles()} removes temporary files
 * a crash left behind.
 *
 * <p>Writes run on the relay's single {@code relay-storage} thread, so a slow disk never stalls a connection's
 * Jetty thread; the returned future completes there. Ids must already be checked with {@link SafeIds}.
 */
final class EpisodeStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EpisodeStore.class);

    /** What a store did. */
    enum Result {
        /** Written now. */
        WRITTEN,
        /** Already stored with exactly these bytes: nothing written, acknowledged again. */
        SAME_BYTES,
        /** Already stored with other bytes: refused, the stored file is unchanged. */
        CONFLICT
    }

    private final Path dataDir;
    private final ExecutorService storageThread;

    EpisodeStore(Path dataDir, ExecutorService storageThread) {
        this.dataDir = dataDir;
        this.storageThread = storageThread;
    }

    /** The path, relative to the data dir, where an episode is stored. */
    static String relativePath(String gameId, String playerId, long episode) {
        return relativePath(gameId, playerId, episode, false);
    }

    /** The path of a whole ({@code partial} false) or partial episode: the two never share a name. */
    static String relativePath(String gameId, String playerId, long episode, boolean partial) {
        return gameId + "/" + playerId + "_ep" + episode + (partial ? ".partial.csv" : ".csv");
    }

    /** Stores the episode; completes with what happened, or exceptionally with the IOException. */
    CompletableFuture<Result> store(String gameId, String playerId, long episode, String csv) {
        return store(gameId, playerId, episode, false, csv);
    }

    /** Stores a whole or partial episode; completes with what happened, or exceptionally with the IOException. */
    CompletableFuture<Result> store(String gameId, String playerId, long episode, boolean partial, String csv) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return write(dataDir.resolve(relativePath(gameId, playerId, episode, partial)),
                        csv.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, storageThread);
    }

    /**
     * Deletes the temporary files ({@code .*.tmp}) a crash left in game directories. Call before serving: nothing
     * is being written then. Returns how many were removed.
     */
    int sweepTemporaryFiles() throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return 0;
        }
        int removed = 0;
        try (java.util.stream.Stream<Path> files = Files.find(dataDir, 2, (path, attrs) -> attrs.isRegularFile()
                && path.getFileName().toString().startsWith(".") && path.getFileName().toString().endsWith(".tmp"))) {
            for (Path orphan : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(orphan);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("removed {} temporary file(s) left by an earlier crash", removed);
        }
        return removed;
    }

    private static Result write(Path target, byte[] bytes) throws IOException {
        if (Files.exists(target)) {
            return sameAsStored(target, bytes);
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.createLink(target, temp); // atomic, and never replaces a stored episode
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                return sameAsStored(target, bytes);
            }
            return Result.WRITTEN;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Result sameAsStored(Path target, byte[] bytes) throws IOException {
        if (Files.size(target) == bytes.length && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
            return Result.SAME_BYTES;
        }
        return Result.CONFLICT;
    }
}
