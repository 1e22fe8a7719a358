package org.rollscope.netcode.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.rollscope.netcode.engine.FrameRecord;
import org.rollscope.netcode.engine.FrameRunner;
import org.rollscope.netcode.engine.RollbackSession;
import org.rollscope.netcode.engine.SessionConfig;
import org.rollscope.netcode.engine.SessionEvent;
import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.transport.LinkImpairment;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.netcode.wire.MalformedPacketException;
import org.rollscope.netcode.wire.Message;
import org.rollscope.netcode.wire.WireCodec;

/**
 * Runs two {@link RollbackSession}s in-process on a virtual clock: 60 fps frame ticks per peer (each peer's clock may
 * run at its own rate, to exercise time sync), and one {@link LinkImpairment} per direction seeded from the run seed.
 * PING/PONG go through the links too, so each session gets a measured RTT. Deterministic: the same options give the
 * same run. Every message is encoded with {@link WireCodec} when sent and decoded on delivery, so the simulated link
 * carries exactly the bytes a browser peer would see (and the bandwidth model counts their real size).
 *
 * <p>Threads: single-threaded; {@link #run()} blocks until both peers finished or the virtual time limit passed.
 */
public final class Simulator {

    /** After both peers finished, keep the links running this long so trailing hashes and END messages land. */
    public static final double FINISH_GRACE_MS = 2000;

    /** Everything a run needs. Build with {@link #options}. */
    public static final class Options {
        long seed = 1;
        Long gameSeed;
        int episodes = 1;
        LinkProfile link0to1 = LinkProfile.PERFECT;
        LinkProfile link1to0 = LinkProfile.PERFECT;
        SessionConfig config = SessionConfig.builder().build();
        double clockRate0 = 1.0;
        double clockRate1 = 1.0;
        double maxVirtualMs = 3_600_000;
        Supplier<Game> games;
        ActionSource actions;
        PacketDelayer delayer = (from, m, ep, t) -> 0;
        Consumer<FrameRunner>[] runnerHooks = newHooks();
        boolean keepRecords = true;
        Consumer<String> progress = s -> { };
        java.util.function.ObjIntConsumer<RollbackSession> tickObserver = (s, p) -> { };

        @SuppressWarnings("unchecked")
        private static Consumer<FrameRunner>[] newHooks() {
            return new Consumer[] {r -> { }, r -> { }};
        }

        public Options seed(long v) { seed = v; return this; }
        /** The game seed ({@code Game.reset(seed, episode)}); defaults to the run seed. */
        public Options gameSeed(long v) { gameSeed = v; return this; }
        public Options episodes(int v) { episodes = v; return this; }
        /** The same impairment in both directions. */
        public Options link(LinkProfile v) { link0to1 = v; link1to0 = v; return this; }
        public Options links(LinkProfile from0, LinkProfile from1) { link0to1 = from0; link1to0 = from1; return this; }
        public Options config(SessionConfig v) { config = v; return this; }
        public Options clockRates(double peer0, double peer1) { clockRate0 = peer0; clockRate1 = peer1; return this; }
        /** Stop at this virtual time (ms) even if the peers have not finished (default 1 h). */
        public Options maxVirtualMs(double v) { maxVirtualMs = v; return this; }
        public Options games(Supplier<Game> v) { games = v; return this; }
        public Options actions(ActionSource v) { actions = v; return this; }
        /** Test hook: extra delay for chosen packets (e.g. a stale packet of the previous episode). */
        public Options delayer(PacketDelayer v) { delayer = v; return this; }
        /** Test hook: configure a peer's {@link FrameRunner} (e.g. {@code corruptAt}). */
        public Options runnerHook(int peer, Consumer<FrameRunner> v) { runnerHooks[peer] = v; return this; }
        /** Keep every confirmed frame for the result (default); false for very long runs. */
        public Options keepRecords(boolean v) { keepRecords = v; return this; }
        /** Test hook: called after every tick of a peer with its session and index (e.g. to watch buffer sizes). */
        public Options tickObserver(java.util.function.ObjIntConsumer<RollbackSession> v) { tickObserver = v; return this; }
        /** Receives a progress line now and then (long runs). */
        public Options progress(Consumer<String> v) { progress = v; return this; }
    }

    /** Extra delay in ms for one packet sent by peer {@code fromPeer} while in {@code senderEpisode}. */
    @FunctionalInterface
    public interface PacketDelayer {
        double extraDelayMs(int fromPeer, Message message, int senderEpisode, double virtualMs);
    }

    /** What a run produced. */
    public record Result(List<List<FrameRecord>> peer0, List<List<FrameRecord>> peer1, PeerSummary summary0,
            PeerSummary summary1, List<SessionEvent> events0, List<SessionEvent> events1, double virtualMs,
            boolean finished) {}

    private record Event(double timeMs, long seq, int peer, byte[] packet) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Double.compare(timeMs, o.timeMs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final Options o;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final SimPeer[] peers = new SimPeer[2];
    private final List<Message> sendBuffer = new ArrayList<>();
    private long seq;
    private double now;

    public static Options options() {
        return new Options();
    }

    public Simulator(Options options) {
        this.o = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(o.games, "games");
        Objects.requireNonNull(o.actions, "actions");
        SessionConfig config = o.config.toBuilder().episodes(o.episodes).build();
        SplittableRandom seeds = new SplittableRandom(o.seed);
        LinkProfile[] links = {o.link0to1, o.link1to0};
        double[] rates = {o.clockRate0, o.clockRate1};
        for (int p = 0; p < 2; p++) {
            Game game = o.games.get();
            RollbackSession s = new RollbackSession(config, p, game.snapshotSize());
            peers[p] = new SimPeer(p, s, game, o.gameSeed != null ? o.gameSeed : o.seed,
                    new LinkImpairment<>(links[p], seeds.nextLong()),
                    rates[p]);
            peers[p].dropConfirmed = !o.keepRecords;
            o.runnerHooks[p].accept(peers[p].runner);
        }
    }

    /** Runs to the end (both peers finished every episode) or to the virtual time limit. */
    public Result run() {
        double frameMs = peers[0].session.config().frameMs();
        // Ticks are events with a null message; the second peer starts half a frame later (arbitrary phase).
        schedule(0, 0, null);
        schedule(frameMs / 2 / peers[1].clockRate, 1, null);
        double nextProgress = 60_000;
        boolean finished = false;
        double stopAtMs = Double.POSITIVE_INFINITY;
        while (!queue.isEmpty()) {
            Event e = queue.poll();
            now = e.timeMs;
            if (now > o.maxVirtualMs || now > stopAtMs) {
                break;
            }
            SimPeer p = peers[e.peer];
            if (e.packet == null) {
                sendBuffer.clear();
                p.tick(now, o.actions, sendBuffer);
                o.tickObserver.accept(p.session, p.player);
                for (Message m : sendBuffer) {
                    send(p, m);
                }
                LinkImpairment.Delivery<byte[]> held = p.out.releaseHeld(now);
                if (held != null) {
                    schedule(held.deliverAtMs(), 1 - p.player, held.packet());
                }
                if (!finished && bothFinished()) {
                    finished = true;
                    stopAtMs = now + FINISH_GRACE_MS;
                }
                schedule(now + frameMs / p.clockRate, p.player, null);
            } else {
                deliver(p, e.packet);
            }
            if (now >= nextProgress) {
                nextProgress += 60_000;
                o.progress.accept(String.format("  %.0f s simulated: peer0 episode %d frame %d, peer1 episode %d frame %d",
                        now / 1000, peers[0].session.episode(), peers[0].session.frame(),
                        peers[1].session.episode(), peers[1].session.frame()));
            }
        }
        return new Result(peers[0].episodes, peers[1].episodes, peers[0].summary(), peers[1].summary(),
                peers[0].events, peers[1].events, now, finished);
    }

    private boolean bothFinished() {
        return peers[0].session.state() == RollbackSession.State.FINISHED
                && peers[1].session.state() == RollbackSession.State.FINISHED;
    }

    private void send(SimPeer from, Message m) {
        double extra = o.delayer.extraDelayMs(from.player, m, from.session.episode(), now);
        byte[] bytes = WireCodec.encode(m);
        for (LinkImpairment.Delivery<byte[]> d : from.out.send(bytes, now, bytes.length)) {
            schedule(d.deliverAtMs() + extra, 1 - from.player, d.packet());
        }
    }

    private void deliver(SimPeer to, byte[] packet) {
        Message m;
        try {
            m = WireCodec.decode(packet);
        } catch (MalformedPacketException e) {
            // Our own encoder produced it: a codec bug, not wire garbage.
            throw new IllegalStateException("simulated packet failed to decode: " + e.getMessage(), e);
        }
        if (m instanceof Message.Ping ping) {
            send(to, new Message.Pong(ping.timestampMs()));
        } else if (m instanceof Message.Pong pong) {
            to.onPong(pong, now);
        } else {
            to.session.onMessage(m, (long) to.localMs(now));
        }
    }

    private void schedule(double timeMs, int peer, byte[] packet) {
        queue.add(new Event(timeMs, seq++, peer, packet));
    }

    /** The session of peer {@code p} (for tests that inspect buffers mid-run). */
    public RollbackSession session(int p) {
        return peers[p].session;
    }
}
