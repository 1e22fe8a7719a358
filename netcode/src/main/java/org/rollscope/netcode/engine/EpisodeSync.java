package org.rollscope.netcode.engine;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Episode-boundary bookkeeping of one session: the EPISODE_END frames of both peers (compared once both are known),
 * and the other peer's latest EPISODE_READY. Package-private collaborator of {@link RollbackSession}.
 *
 * <p>Threads: the session loop only.
 */
final class EpisodeSync {

    private int localEndEpisode = -1;
    private int localEndFrames;
    private int remoteEndEpisode = -1;
    private int remoteEndFrames;
    private int comparedEpisode = -1;
    private int remoteReadyEpisode1;
    private String remoteReadyHash;

    /** The 8-character initial-state hash of EPISODE_READY: the low 32 bits in lowercase hex. */
    static String readyHash(long stateHash) {
        return String.format(Locale.ROOT, "%08x", (int) stateHash);
    }

    void onLocalEnd(int episode, int frames, Consumer<SessionEvent> events) {
        localEndEpisode = episode;
        localEndFrames = frames;
        compare(events);
    }

    void onRemoteEnd(int episode, int frames, Consumer<SessionEvent> events) {
        if (episode < remoteEndEpisode) {
            return; // a stale repeat of an older episode's end
        }
        remoteEndEpisode = episode;
        remoteEndFrames = frames;
        compare(events);
    }

    /** True once the other peer said its episode {@code episode} (0-based) ended. */
    boolean remoteEnded(int episode) {
        return remoteEndEpisode >= episode;
    }

    void onRemoteReady(int episode1, String hash) {
        if (episode1 >= remoteReadyEpisode1) {
            remoteReadyEpisode1 = episode1;
            remoteReadyHash = hash;
        }
    }

    /** The other peer's EPISODE_READY hash for 0-based {@code episode}, or null if not (yet) received. */
    String remoteReadyHash(int episode) {
        return remoteReadyEpisode1 == episode + 1 ? remoteReadyHash : null;
    }

    private void compare(Consumer<SessionEvent> events) {
        if (localEndEpisode >= 0 && localEndEpisode == remoteEndEpisode && comparedEpisode != localEndEpisode) {
            comparedEpisode = localEndEpisode;
            if (localEndFrames != remoteEndFrames) {
                events.accept(new SessionEvent.EpisodeEndMismatch(localEndEpisode, localEndFrames, remoteEndFrames));
            }
        }
    }
}
