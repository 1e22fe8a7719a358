package org.rollscope.netcode.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One append-only file of whole lines. An append writes the whole record or nothing: if the disk fills (or any
 * write fails) part-way, the file is cut back to where the record began, so no partial line is left for the next
 * record to be glued onto. A file found ending in a cut line (a crash mid-append, or a disk that failed before this
 * relay could cut it back) is repaired on first use: the cut tail is removed, and its size logged.
 *
 * <p>Not thread-safe: one writer at a time (the journal calls it under the observer hub's event lock).
 */
final class JournalFile {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);

    private final Path path;
    private boolean checked;

    JournalFile(Path path) {
        this.path = path;
    }

    /** Current size in bytes (0 when the file does not exist). */
    long size() throws IOException {
        return java.nio.file.Files.exists(path) ? java.nio.file.Files.size(path) : 0;
    }

    /**
     * Appends {@code record} (which ends with a newline) whole, forced to the disk.
     *
     * @throws IOException when it could not be written; the file is then as it was before
     */
    void append(byte[] record) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long start = channel.size();
            if (!checked) {
                start = repair(channel, start);
                checked = true;
            }
            ByteBuffer buffer = ByteBuffer.wrap(record);
            try {
                long at = start;
                while (buffer.hasRemaining()) {
                    at += channel.write(buffer, at);
                }
                channel.force(false);
            } catch (IOException e) {
                cutBack(channel, start);
                throw e;
            }
        }
    }

    /** Cuts a trailing partial line; returns the new size. */
    private long repair(FileChannel channel, long size) throws IOException {
        if (size == 0) {
            return 0;
        }
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            channel.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < size) {
            channel.truncate(end);
            LOG.warn("{} ended in a cut record ({} bytes without a line end); removed it", path, size - end);
        }
        return end;
    }

    private void cutBack(FileChannel channel, long start) {
        try {
            channel.truncate(start);
        } catch (IOException e) {
            checked = false; // the next append repairs the cut line before writing
            LOG.warn("could not cut {} back to {} bytes after a failed append: {}", path, start, e.toString());
        }
    }
}
