package org.rollscope.netcode.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The episode CSV header as README.md documents it (the column table under "Episode CSV"), read from the file
 * itself: the export is pinned against what users are told, not against the constant that produces it.
 */
public final class DocumentedEpisodeCsv {
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    private DocumentedEpisodeCsv() {}

    /** Column names in documented order. */
    public static List<String> columns() throws IOException {
        List<String> lines = Files.readAllLines(readme());
        int section = indexOfPrefix(lines, 0, "### Episode CSV");
        int table = indexOfPrefix(lines, section, "| column |");
        List<String> columns = new ArrayList<>();
        for (int i = table + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String firstCell = lines.get(i).split("\\|")[1];
            Matcher m = NAME.matcher(firstCell);
            while (m.find()) {
                columns.add(m.group(1));
            }
        }
        if (columns.isEmpty()) {
            throw new AssertionError("no columns in README's Episode CSV table");
        }
        return columns;
    }

    /** The documented header row. */
    public static String header() throws IOException {
        return String.join(",", columns());
    }

    /** README.md at the repository root; tests run in a module's directory. */
    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("README.md");
            if (Files.exists(candidate) && Files.exists(dir.resolve("pom.xml")) && Files.exists(dir.resolve("netcode"))) {
                return candidate;
            }
        }
        throw new AssertionError("README.md of the repository not found above " + Path.of("").toAbsolutePath());
    }

    private static int indexOfPrefix(List<String> lines, int from, String prefix) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("README.md has no line starting with '" + prefix + "'");
    }
}
