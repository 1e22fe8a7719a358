package org.rollscope.netcode.archive;

/**
 * The archive's counters since the relay started.
 *
 * @param samplesWritten samples committed
 * @param eventsWritten events committed
 * @param queued samples and events waiting for the database now
 * @param droppedSamples samples not kept because the buffer was full (each reported in an {@code archive_dropped}
 *     event)
 * @param droppedEvents events not kept, likewise
 * @param writeFailures failed write attempts (retried)
 */
public record ArchiveStats(long samplesWritten, long eventsWritten, int queued, long droppedSamples,
                           long droppedEvents, long writeFailures) {
}
