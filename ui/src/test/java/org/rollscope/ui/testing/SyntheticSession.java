package org.rollscope.ui.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.netcode.timeline.TimelineColumns;
import org.rollscope.ui.export.TimelineFile;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;

/**
 * A deterministic two-peer session timeline for tests and screenshots, shaped like a real one: 10 Hz samples of two
 * peers running at 60 fps with mild impairment, a congestion spell that pushes RTT, gap rate and send buffer over
 * the fallback triggers (p1 falls back to the relay for "rtt", then returns to P2P), rollbacks whose rate and depth
 * follow the RTT, 45 s episodes, and the events a relay reports.
 *
 * <p>Until the headless peer is merged, this stands in for a recording of real peers; the numbers follow
 * telemetry.md's definitions (confirmed frame lags by about RTT/2 in frames, rollbacks happen when inputs arrive
 * late, the send buffer grows when the link is slower than the sending rate).
 */
public final class SyntheticSession {

    public static final long START_MS = 1_763_700_000_000L;
    private static final int FPS = 60;
    private static final double EPISODE_SECONDS = 45;

    private SyntheticSession() {}

    /** {@code seconds} of session {@code gameId}; {@code ended} adds the end events and final "done" samples. */
    public static TimelineFile generate(String gameId, double seconds, long seed, boolean ended) {
        Random random = new Random(seed);
        List<PeerSample> samples = new ArrayList<>();
        List<SessionEventRecord> events = new ArrayList<>();
        String[] players = {"p1", "p2"};
        events.add(new SessionEventRecord(gameId, null, START_MS - 2_000, SessionEventRecord.CREATED, "reference game, 2 seats"));
        events.add(new SessionEventRecord(gameId, "p1", START_MS - 1_500, SessionEventRecord.JOINED, "subject s-104"));
        events.add(new SessionEventRecord(gameId, "p2", START_MS - 900, SessionEventRecord.JOINED, "subject s-117"));
        events.add(new SessionEventRecord(gameId, null, START_MS - 300, SessionEventRecord.P2P_UP, "data channel open"));
        double congestStart = seconds * 0.30;
        double congestEnd = seconds * 0.48;
        double relayStart = congestStart + 2.5;
        double relayEnd = congestEnd + 5.5;
        long[] rollbacks = new long[2];
        long[] rollbackFrames = new long[2];
        int[] maxDepth = new int[2];
        long[] sent = new long[4];
        int episode = 0;
        int steps = (int) (seconds * 10);
        for (int i = 0; i <= steps; i++) {
            double t = i / 10.0;
            int newEpisode = (int) (t / EPISODE_SECONDS);
            if (newEpisode != episode) {
                events.add(new SessionEventRecord(gameId, null, START_MS + (long) (t * 1000) - 5,
                        SessionEventRecord.EPISODE_END, "episode " + episode + " confirmed by both peers"));
                episode = newEpisode;
                maxDepth[0] = maxDepth[1] = 0;
            }
            boolean congested = t >= congestStart && t < congestEnd;
            for (int seat = 0; seat < 2; seat++) {
                long tMs = START_MS + (long) (t * 1000) + seat * 37; // the peers sample 37 ms apart
                double baseRtt = 38 + 6 * Math.sin(t / 7.0) + random.nextGaussian() * 3;
                double rtt = congested ? 180 + 200 * Math.min(1, (t - congestStart) / 3) + random.nextGaussian() * 25 : baseRtt;
                double gap = congested ? 0.18 + 0.1 * random.nextDouble() : Math.max(0, 0.004 + random.nextGaussian() * 0.004);
                long buffered = congested && seat == 0 ? (long) (20_000 + 25_000 * random.nextDouble()) : (long) (random.nextDouble() * 600);
                boolean relay = seat == 0 && t >= relayStart && t < relayEnd;
                boolean both = seat == 0 && t >= relayEnd && t < relayEnd + 1.5;
                String transport = both ? PeerSample.TRANSPORT_BOTH : relay ? PeerSample.TRANSPORT_RELAY : PeerSample.TRANSPORT_P2P;
                String reason = relay || both ? "rtt" : "ok";
                int frame = (int) (t * FPS) + seat * 2 + (int) (tMs % 2);
                int lag = (int) Math.round(rtt / 2 / (1000.0 / FPS)) + 1 + random.nextInt(2);
                int confirmed = Math.max(-1, frame - lag);
                int depth = Math.min(8, Math.max(0, lag - 1 + random.nextInt(2)));
                double rollbackChance = Math.min(0.95, rtt / 250);
                if (random.nextDouble() < rollbackChance) {
                    int n = 1 + random.nextInt(congested ? 6 : 2);
                    rollbacks[seat] += n;
                    rollbackFrames[seat] += (long) n * depth;
                    maxDepth[seat] = Math.max(maxDepth[seat], depth);
                }
                sent[seat * 2] += relay ? 0 : 6;
                sent[seat * 2 + 1] += relay || both ? 6 : 0;
                LinkProfile link = seat == 0 ? new LinkProfile(15, 10, 0.01, 0, 0.005, 0) : null;
                samples.add(new PeerSample(gameId, players[seat], i, tMs, PeerSample.STATE_RUNNING, episode, frame,
                        confirmed, Math.max(-1, confirmed - 3), frame - 1 - lag, (seat == 0 ? 0.6 : -0.6) + random.nextGaussian() * 0.3,
                        rollbacks[seat], rollbackFrames[seat], depth, maxDepth[seat], frame - confirmed, congested ? i / 40 : 0,
                        relay ? null : Math.max(1, rtt), 61 + random.nextGaussian() * 4, relay ? null : Math.min(1, gap),
                        relay ? null : buffered, transport, reason, sent[seat * 2], sent[seat * 2 + 1],
                        sent[(1 - seat) * 2], sent[(1 - seat) * 2 + 1], 0, null, 59.6 + random.nextGaussian() * 0.3,
                        1.8 + random.nextDouble() * 0.6, link));
            }
            if (Math.abs(t - relayStart) < 0.05) {
                events.add(new SessionEventRecord(gameId, "p1", START_MS + (long) (t * 1000) + 40, SessionEventRecord.FALLBACK,
                        "rtt_ms > 300 for 1.5 s"));
            }
            if (Math.abs(t - relayEnd) < 0.05) {
                events.add(new SessionEventRecord(gameId, "p1", START_MS + (long) (t * 1000) + 40, SessionEventRecord.P2P_RESTORED,
                        "healthy for 5 s"));
            }
            if (Math.abs(t - seconds * 0.15) < 0.05) {
                events.add(new SessionEventRecord(gameId, "p2", START_MS + (long) (t * 1000) + 12, SessionEventRecord.COMMAND,
                        "set_link latency 15 ms jitter 10 ms: ok"));
            }
        }
        if (ended) {
            long endMs = START_MS + (long) (seconds * 1000) + 200;
            PeerSample[] lastOfSeat = {samples.get(samples.size() - 2), samples.get(samples.size() - 1)};
            for (int seat = 0; seat < 2; seat++) {
                PeerSample last = lastOfSeat[seat];
                samples.add(new PeerSample(gameId, players[seat], last.seq() + 1, endMs + seat, PeerSample.STATE_DONE,
                        last.episode(), last.frame() + 12, last.frame() + 12, last.frame() + 12, last.frame() + 12, 0,
                        last.rollbacks(), last.rollbackFrames(), 0, last.maxRollbackDepth(), 0, last.stalls(), last.rttMs(),
                        last.relayRttMs(), last.gapRate(), last.bufferedAmount(), last.transport(), last.transportReason(),
                        last.inputsSentP2p(), last.inputsSentRelay(), last.inputsRecvP2p(), last.inputsRecvRelay(), 0, null,
                        last.fps(), last.stepMs(), last.link()));
            }
            events.add(new SessionEventRecord(gameId, null, endMs + 10, SessionEventRecord.EPISODE_END, "final episode confirmed"));
            events.add(new SessionEventRecord(gameId, null, endMs + 20, SessionEventRecord.ENDED, "all episodes done"));
        }
        SessionInfo info = new SessionInfo(gameId, List.of(players), ended ? "ended" : "running", ended, START_MS - 2_000, null, null);
        long first = events.get(0).tMs();
        long last = Math.max(samples.get(samples.size() - 1).tMs(), events.get(events.size() - 1).tMs());
        TimelineFile.Meta meta = new TimelineFile.Meta(TimelineFile.FORMAT, TimelineFile.VERSION, "synthetic", last,
                List.of(info), first, last, 0, 0, TimelineColumns.SAMPLE_COLUMNS, null);
        events.sort(java.util.Comparator.comparingLong(SessionEventRecord::tMs));
        return new TimelineFile(meta, samples, events);
    }

    /** Several sessions in one file (the list view, screenshots). */
    public static TimelineFile merge(TimelineFile... files) {
        List<PeerSample> samples = new ArrayList<>();
        List<SessionEventRecord> events = new ArrayList<>();
        List<SessionInfo> sessions = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = 0;
        for (TimelineFile f : files) {
            samples.addAll(f.samples());
            events.addAll(f.events());
            sessions.addAll(f.meta().sessions());
            first = Math.min(first, f.meta().firstTMs());
            last = Math.max(last, f.meta().lastTMs());
        }
        samples.sort(java.util.Comparator.comparingLong(PeerSample::tMs));
        events.sort(java.util.Comparator.comparingLong(SessionEventRecord::tMs));
        return new TimelineFile(new TimelineFile.Meta(TimelineFile.FORMAT, TimelineFile.VERSION, "synthetic", last,
                sessions, first, last, 0, 0, TimelineColumns.SAMPLE_COLUMNS, null), samples, events);
    }
}
