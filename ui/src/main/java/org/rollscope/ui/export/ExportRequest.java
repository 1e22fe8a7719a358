package org.rollscope.ui.export;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to export.
 *
 * @param directory where the files go (created if missing)
 * @param baseName file name stem, e.g. {@code rollscope-g1-20261121-0512}; files are {@code <base>-samples.csv},
 *     {@code <base>-events.csv}, {@code <base>.json}
 * @param gameId one session, or {@code null} for every session
 * @param csv write the two CSV files
 * @param json write the JSON timeline
 */
public record ExportRequest(Path directory, String baseName, String gameId, boolean csv, boolean json) {

    public ExportRequest {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(baseName, "baseName");
        if (baseName.isBlank() || baseName.contains("/") || baseName.contains("\\")) {
            throw new IllegalArgumentException("base name must be a plain file name, got \"" + baseName + "\"");
        }
        if (!csv && !json) {
            throw new IllegalArgumentException("choose CSV, JSON or both");
        }
    }

    /** A base name from the scope and the time, safe on every file system. */
    public static String defaultBaseName(String gameId, long nowMs) {
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneId.systemDefault()).format(java.time.Instant.ofEpochMilli(nowMs));
        String scope = gameId == null ? "all" : gameId.replaceAll("[^A-Za-z0-9._-]", "_");
        return "rollscope-" + scope + "-" + stamp;
    }
}
