package org.rollscope.styles;

import java.net.URL;

/** Where the console's stylesheet is. */
public final class Styles {

    /** Class-path location of the theme. */
    public static final String RESOURCE = "/org/rollscope/styles/rollscope.css";

    private Styles() {}

    /** URL of the theme for {@code scene.getStylesheets().add(...)}. */
    public static String stylesheet() {
        URL url = Styles.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("theme missing from the class path: " + RESOURCE);
        }
        return url.toExternalForm();
    }
}
