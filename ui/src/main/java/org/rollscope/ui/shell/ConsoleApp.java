package org.rollscope.ui.shell;

import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.rollscope.styles.Styles;
import org.rollscope.ui.export.ChartPng;

/**
 * The console as a JavaFX application. The app module's {@code console} command calls {@link #launch(ConsoleSettings)};
 * tests construct it with settings directly.
 */
public final class ConsoleApp extends Application {

    /** Settings handed from {@link #launch(ConsoleSettings)} to the instance JavaFX creates. */
    private static volatile ConsoleSettings pending = ConsoleSettings.defaults();

    private final ConsoleSettings settings;
    private ConsoleWindow window;

    /** Used by {@link Application#launch}: takes the settings given to {@link #launch(ConsoleSettings)}. */
    public ConsoleApp() {
        this(pending);
    }

    public ConsoleApp(ConsoleSettings settings) {
        this.settings = settings;
    }

    /** Starts the console and blocks until its window closes. Call at most once per JVM (a JavaFX rule). */
    public static void launch(ConsoleSettings settings) {
        pending = settings;
        Application.launch(ConsoleApp.class);
    }

    @Override
    public void start(Stage stage) {
        window = new ConsoleWindow(settings);
        // 1600×1000 where it fits, the whole screen where it doesn't (laptops, a small Xvfb or Monocle screen).
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(window.getNode(), Math.min(1600, screen.getWidth()), Math.min(1000, screen.getHeight()));
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setTitle("Rollscope console");
        stage.setScene(scene);
        stage.show();
        window.start();
        if (settings.screenshot() != null) {
            scheduleScreenshot(scene, settings.screenshot());
        }
    }

    private void scheduleScreenshot(Scene scene, Path file) {
        PauseTransition wait = new PauseTransition(javafx.util.Duration.millis(settings.screenshotAfter().toMillis()));
        wait.setOnFinished(e -> {
            try {
                ChartPng.write(scene.snapshot(null), file);
                System.out.println("screenshot written to " + file.toAbsolutePath());
            } catch (java.io.IOException ex) {
                System.err.println("could not write screenshot " + file + ": " + ex.getMessage());
            }
            if (settings.exitAfterScreenshot()) {
                Platform.exit();
            }
        });
        wait.play();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.stop();
        }
    }

    /** The window, once started (tests). */
    public ConsoleWindow window() {
        return window;
    }
}
