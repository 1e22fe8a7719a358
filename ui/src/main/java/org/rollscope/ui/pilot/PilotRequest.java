package org.rollscope.ui.pilot;

import java.util.List;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * What the pilot peer should do.
 *
 * @param relayUrl the relay the console watches (the pilot plays through the same one)
 * @param gameId the session to join (its open seat), or a new pilot session's id
 * @param bot {@code random}, {@code scripted} or {@code idle}
 * @param link impairment of the pilot's sending side
 */
public record PilotRequest(String relayUrl, String gameId, String bot, LinkProfile link) {

    /** The bots a pilot can play with (the headless peer's built-ins; replay files need a path, so not here). */
    public static final List<String> BOTS = List.of("random", "scripted", "idle");

    public PilotRequest {
        if (relayUrl == null || relayUrl.isBlank()) throw new IllegalArgumentException("a pilot needs the relay's URL");
        if (gameId == null || gameId.isBlank()) throw new IllegalArgumentException("a pilot needs a game id");
        if (!BOTS.contains(bot)) throw new IllegalArgumentException("bot must be one of " + BOTS + ", got " + bot);
        link = link != null ? link : LinkProfile.PERFECT;
    }
}
