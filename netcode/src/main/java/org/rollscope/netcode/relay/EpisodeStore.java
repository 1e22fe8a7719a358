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
 * Stores episode CSVs as {@code <dataDir>/<game_id>/<player_id>_ep<K>.csv}, atomically: the bytes go to a temporary
 * file in the same directory, are forced to disk, and the file is then moved into place with ATOMIC_MOVE. A reader
 * sees either no file or the whole file; a retry of the same episode replaces it whole.
 *
 * <p>Writes run on the relay's single {@code relay-storage} thread, so a slow disk never stalls a connection's
 * Jetty thread; the returned future completes there. Ids must already be checked with {@link SafeIds}.
 */
final class EpisodeStore {
    private final Path dataDir;
    private final ExecutorService storageThread;

    EpisodeStore(Path dataDir, ExecutorService storageThread) {
        this.dataDir = dataDir;
        this.storageThread = storageThread;
    }

    /** The path, relative to the data dir, where an episode is stored. */
    static String relativePath(String gameId, String playerId, long episode) {
        return gameId + "/" + playerId + "_ep" + episode + ".csv";
    }

    /** Writes the episode; completes with the stored file's path, or exceptionally with the IOException. */
    CompletableFuture<Path> store(String gameId, String playerId, long episode, String csv) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return write(dataDir.resolve(relativePath(gameId, playerId, episode)),
                        csv.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, storageThread);
    }

    private static Path write(Path target, byte[] bytes) throws IOException {
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
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
