package org.rollscope.app;

import java.util.Locale;

/**
 * Whether a JavaFX window can open here. On Linux JavaFX needs an X server (GTK); without one it fails deep inside
 * the toolkit with "Unable to open DISPLAY", so the console commands check first and say what to do instead.
 */
final class Display {

    static final String MISSING = "needs a display: run under xvfb-run, e.g. xvfb-run -a ./rollscope %s";

    private Display() {}

    /** @return null when a window can open, else the message to print (naming {@code command}) */
    static String missing(String command) {
        return missing(command, System.getenv("DISPLAY"), System.getProperty("glass.platform"),
                System.getProperty("os.name", ""));
    }

    static String missing(String command, String display, String glassPlatform, String osName) {
        if ("Monocle".equalsIgnoreCase(glassPlatform)) {
            return null; // headless Monocle renders without a display (tests, CI)
        }
        boolean linux = osName.toLowerCase(Locale.ROOT).contains("linux");
        if (linux && (display == null || display.isBlank())) {
            return String.format(Locale.ROOT, MISSING, command);
        }
        return null;
    }
}
