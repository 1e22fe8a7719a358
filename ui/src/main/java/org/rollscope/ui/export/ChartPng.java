package org.rollscope.ui.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import org.rollscope.ui.fx.FxThread;

/** Saves a node (a chart, the timelines, the whole window) as a PNG image, exactly as it is drawn. */
public final class ChartPng {

    private ChartPng() {}

    /** FX thread: snapshots {@code node} and writes it to {@code file}; blocks for the write (a few ms). */
    public static void write(Node node, Path file) throws IOException {
        FxThread.assertFxThread();
        WritableImage image = node.snapshot(new SnapshotParameters(), null);
        write(image, file);
    }

    public static void write(WritableImage image, Path file) throws IOException {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        if (!javax.imageio.ImageIO.write(buffered, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
