package org.rollscope.ui.pilot;

import java.net.URI;
import java.util.List;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * A pilot that partners a real MUG experiment (docs/mug-pilot.md): the experiment's URL, the bot and the link.
 *
 * @param experiment the MUG server's URL plus the path the experiment is served under
 * @param bot {@code random} or {@code idle} (the scripted bot knows only the reference game's actions)
 * @param link impairment of the pilot's sending side
 */
public record MugPilotRequest(URI experiment, String bot, LinkProfile link) {

    /** Bots that can play any discrete action space. */
    public static final List<String> BOTS = List.of("random", "idle");

    public MugPilotRequest {
        if (experiment == null || experiment.getScheme() == null || experiment.getHost() == null) {
            throw new IllegalArgumentException("a MUG pilot needs the experiment's URL, e.g. https://mug.lab.org");
        }
        if (!BOTS.contains(bot)) throw new IllegalArgumentException("bot must be one of " + BOTS + ", got " + bot);
        link = link != null ? link : LinkProfile.PERFECT;
    }

    /**
     * The request for a URL and path as typed in the dialog.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static MugPilotRequest of(String url, String path, String bot, LinkProfile link) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("a MUG pilot needs the experiment's URL");
        String p = path == null || path.isBlank() ? "/" : path.startsWith("/") ? path : "/" + path;
        return new MugPilotRequest(URI.create(url.trim().replaceAll("/+$", "") + p), bot, link);
    }
}
