package org.rollscope.netcode.archive;

/**
 * The archive's counters since the relay started.
 *
 * @param samplesWritten samples committed
 * @param eventsWritten events committed
 * @param queued samples and events waiting for the database now
 * @param dropped samples and events not kept because the buffer was full (each reported in an
 *     {@code archive_dropped} event)
 * @param writeFailures failed write attempts (retried)
 */
public record ArchiveStats(long samplesWritten, long eventsWritten, int queued, long dropped, long writeFailures) {
}
