package org.rollscope.ui.testing;

import java.nio.file.Path;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.rollscope.styles.Styles;
import org.rollscope.ui.shell.ConsoleSettings;
import org.rollscope.ui.shell.ConsoleWindow;

/**
 * Load check of the console (not a test): N live sessions at 10 Hz for S seconds in a real window, printing every
 * 10 s the JavaFX pulse rate, the FX-thread time spent applying updates, inbox drops and the heap after a GC.
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1000x24" java -Xmx1g -cp ... org.rollscope.ui.testing.LoadCheck 100 60 [shot.png]
 * </pre>
 */
public final class LoadCheck {

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path shot = args.length > 2 ? Path.of(args[2]) : null;
        Platform.startup(() -> {
            ConsoleWindow window = new ConsoleWindow(ConsoleSettings.defaults()
                    .withSource(() -> new LiveSyntheticSource(sessions)));
            Stage stage = new Stage();
            stage.setScene(new Scene(window.getNode(), 1600, 1000));
            stage.getScene().getStylesheets().add(Styles.stylesheet());
            stage.show();
            window.start();
            long[] pulses = {0};
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulses[0]++;
                }
            }.start();
            long start = System.nanoTime();
            long[] last = {start, 0, 0};
            javafx.animation.Timeline report = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                    javafx.util.Duration.seconds(10), e -> {
                        long now = System.nanoTime();
                        long busy = window.controller().pump().busyNanos();
                        double secs = (now - last[0]) / 1e9;
                        System.gc();
                        Runtime rt = Runtime.getRuntime();
                        System.out.printf(Locale.ROOT, "t=%3.0fs pulses/s=%.1f fx-apply=%.1f%% samples=%d dropped=%d heap=%d MB%n",
                                (now - start) / 1e9, (pulses[0] - last[1]) / secs, (busy - last[2]) / 1e9 / secs * 100,
                                window.model().samplesReceivedProperty().get(), window.controller().inbox().droppedCount(),
                                (rt.totalMemory() - rt.freeMemory()) >> 20);
                        last[0] = now;
                        last[1] = pulses[0];
                        last[2] = busy;
                    }));
            report.setCycleCount(seconds / 10);
            report.setOnFinished(e -> {
                if (shot != null) {
                    try {
                        org.rollscope.ui.export.ChartPng.write(stage.getScene().snapshot(null), shot);
                    } catch (java.io.IOException ex) {
                        System.err.println(ex);
                    }
                }
                window.stop();
                Platform.exit();
            });
            report.play();
        });
    }
}
