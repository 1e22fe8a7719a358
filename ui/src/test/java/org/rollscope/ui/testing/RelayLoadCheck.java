package org.rollscope.ui.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.rollscope.styles.Styles;
import org.rollscope.ui.connect.RelaySource;
import org.rollscope.ui.shell.ConsoleSettings;
import org.rollscope.ui.shell.ConsoleWindow;

/**
 * Load check of the console on a real relay (not a test): the real window connected as an observer to a relay that
 * {@code rollscope load --server URL --token T} drives, printing every 10 s the JavaFX pulse rate, the FX thread's
 * CPU time (everything it does: applying updates, layout, CSS, rendering), the part spent applying updates
 * ({@code InboxPump.busyNanos}), samples received, inbox drops and the heap after a GC.
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1000x24" java -Xmx1g -cp ... org.rollscope.ui.testing.RelayLoadCheck URL TOKEN 600
 * </pre>
 */
public final class RelayLoadCheck {

    public static void main(String[] args) {
        String url = args[0];
        String token = args[1];
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 600;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Platform.startup(() -> {
            ConsoleWindow window = new ConsoleWindow(ConsoleSettings.defaults()
                    .withSource(() -> new RelaySource(url, token)));
            Stage stage = new Stage();
            stage.setScene(new Scene(window.getNode(), 1600, 1000));
            stage.getScene().getStylesheets().add(Styles.stylesheet());
            stage.show();
            window.start();
            long fxThread = Thread.currentThread().getId();
            long[] pulses = {0};
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulses[0]++;
                }
            }.start();
            long start = System.nanoTime();
            // last: wall time, pulses, apply nanos, FX CPU nanos
            long[] last = {start, 0, 0, threads.getThreadCpuTime(fxThread)};
            System.out.println("t, pulses/s, fx-cpu %, fx-apply %, samples, dropped, heap MB");
            javafx.animation.Timeline report = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                    javafx.util.Duration.seconds(10), e -> {
                        long now = System.nanoTime();
                        long busy = window.controller().pump().busyNanos();
                        long cpu = threads.getThreadCpuTime(fxThread);
                        double secs = (now - last[0]) / 1e9;
                        System.gc();
                        Runtime rt = Runtime.getRuntime();
                        System.out.printf(Locale.ROOT, "t=%3.0fs pulses/s=%.1f fx-cpu=%.1f%% fx-apply=%.1f%% samples=%d dropped=%d heap=%d MB sessions=%d%n",
                                (now - start) / 1e9, (pulses[0] - last[1]) / secs, (cpu - last[3]) / 1e9 / secs * 100,
                                (busy - last[2]) / 1e9 / secs * 100,
                                window.model().samplesReceivedProperty().get(), window.controller().inbox().droppedCount(),
                                (rt.totalMemory() - rt.freeMemory()) >> 20, window.model().sessions().size());
                        last[0] = now;
                        last[1] = pulses[0];
                        last[2] = busy;
                        last[3] = cpu;
                    }));
            report.setCycleCount(seconds / 10);
            report.setOnFinished(e -> {
                window.stop();
                Platform.exit();
            });
            report.play();
        });
    }
}
