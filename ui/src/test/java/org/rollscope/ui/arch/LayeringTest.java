package org.rollscope.ui.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rules the compiler can't check, checked on the sources: view-models and models never touch controls or
 * layouts (only views do), the source seam knows nothing of JavaFX, and only views build charts.
 */
class LayeringTest {

    private static final Path MAIN = Path.of("src/main/java/org/rollscope/ui");

    private static List<Path> sources(java.util.function.Predicate<Path> which) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(which).toList();
        }
    }

    private static List<String> offending(List<Path> files, String... forbiddenImports) throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                for (String forbidden : forbiddenImports) {
                    if (line.startsWith("import " + forbidden)) bad.add(MAIN.relativize(f) + ": " + line);
                }
            }
        }
        return bad;
    }

    @Test
    void viewModelsAndModelsUseNoControlsOrLayouts() throws IOException {
        List<Path> models = sources(p -> {
            String n = p.getFileName().toString();
            return n.endsWith("ViewModel.java") || n.equals("ConsoleModel.java") || n.equals("EventLog.java")
                    || n.equals("SessionTimeline.java") || n.equals("MetricSeries.java") || n.equals("Metric.java");
        });
        assertTrue(models.size() >= 9, "found " + models);
        assertEquals(List.of(), offending(models, "javafx.scene.control", "javafx.scene.layout", "javafx.stage",
                "io.fair_acc.chartfx"));
    }

    @Test
    void theSourceSeamTheRealSourcesAndHealthRulesKnowNothingOfJavaFx() throws IOException {
        List<Path> seam = sources(p -> p.getParent().endsWith("source") || p.getParent().endsWith("health")
                || p.getParent().endsWith("connect"));
        assertTrue(seam.size() >= 12, "found " + seam);
        assertEquals(List.of(), offending(seam, "javafx", "io.fair_acc"));
    }

    @Test
    void onlyTheTimelinePaneAndIndicatorsBuildCharts() throws IOException {
        List<Path> all = sources(p -> true);
        List<String> chartUsers = offending(all, "io.fair_acc.chartfx");
        assertTrue(chartUsers.stream().allMatch(l -> l.startsWith("timeline/TimelinePane.java")
                || l.startsWith("timeline/StyledIndicators.java")), String.join("\n", chartUsers));
    }
}
