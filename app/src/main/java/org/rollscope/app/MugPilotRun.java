package org.rollscope.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.peer.MugParticipant;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.peer.PilotRelayReporter;

/** {@code rollscope peer --mug}: one MUG participant from subject id to end scene, with progress and a summary. */
final class MugPilotRun {
    static final String NO_ENVIRONMENT = "note: this pilot partner does not run the experiment's Python environment;"
            + " it sends a bot's inputs at the scene's frame rate and records actions only (docs/mug-pilot.md)";

    private final PrintWriter out;
    private final PrintWriter err;
    private final long deadlineNanos;
    private final long timeoutSeconds;

    MugPilotRun(PrintWriter out, PrintWriter err, long deadlineNanos, long timeoutSeconds) {
        this.out = out;
        this.err = err;
        this.deadlineNanos = deadlineNanos;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** @param reporter where the pilot's telemetry also goes (a Rollscope relay), or null */
    int run(URI experiment, String subjectId, PeerConfig config, PilotRelayReporter reporter)
            throws InterruptedException {
        out.println(NO_ENVIRONMENT);
        out.flush();
        try (MugParticipant p = new MugParticipant(experiment, subjectId, config);
             PilotRelayReporter closedWithIt = reporter) { // null: nothing to close
            if (reporter != null) {
                p.onSample(reporter::report);
            }
            try {
                p.start();
            } catch (IOException | RuntimeException e) {
                err.println("peer: cannot join " + experiment + ": " + e.getMessage());
                return 1;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(p::close, "mug-peer-shutdown"));
            out.println("participant " + p.subjectId() + " at " + experiment);
            out.flush();
            while (true) {
                try {
                    MugParticipant.MugResult r = p.finished().get(2, TimeUnit.SECONDS);
                    PeerSample s = r.lastSample();
                    out.printf(Locale.ROOT, "done: subject %s, game %s player %s: %d episodes stored by MUG, inputs"
                                    + " %d by P2P / %d by Socket.IO; first P2P input after %s ms; P2P RTT %s ms,"
                                    + " ICE %s RTT %s ms; matchmaker probe RTT %s ms%n",
                            r.subjectId(), r.gameId(), r.playerId(), r.episodesStored(), r.inputsSentP2p(),
                            r.inputsSentRelay(), r.firstP2pInputMs() == null ? "-" : r.firstP2pInputMs(),
                            ms(s == null ? null : s.rttMs()), s == null || s.icePath() == null ? "-" : s.icePath(),
                            ms(s == null ? null : s.iceRttMs()), ms(r.probeRttMs()));
                    if (reporter != null) {
                        out.printf(Locale.ROOT, "reported %d samples to the relay (%d dropped while it was not"
                                + " reachable)%n", reporter.sent(), reporter.dropped());
                    }
                    out.flush();
                    return 0;
                } catch (TimeoutException stillPlaying) {
                    PeerSample s = p.latestSample();
                    err.println(s == null ? p.phase() : String.format(Locale.ROOT,
                            "%s: episode %d frame %d (confirmed %d), %s (%s), rtt %s ms", p.phase(), s.episode(),
                            s.frame(), s.confirmedFrame(), s.transport(), s.transportReason(), ms(s.rttMs())));
                    err.flush();
                    if (System.nanoTime() > deadlineNanos) {
                        err.println("peer: gave up after " + timeoutSeconds + " s (" + p.phase() + ")");
                        return 1;
                    }
                } catch (ExecutionException e) {
                    err.println("peer: " + e.getCause().getMessage());
                    return 1;
                }
            }
        }
    }

    private static String ms(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
