package org.rollscope.netcode.peer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.rollscope.netcode.engine.AdvanceResult;
import org.rollscope.netcode.engine.FrameRecord;
import org.rollscope.netcode.engine.FrameRunner;
import org.rollscope.netcode.engine.RollbackSession;
import org.rollscope.netcode.engine.SessionConfig;
import org.rollscope.netcode.protocol.PeerEndpoint;
import org.rollscope.netcode.sim.ActionSource;
import org.rollscope.netcode.testgame.CounterGame;
import org.rollscope.netcode.transport.ChannelState;
import org.rollscope.netcode.transport.FallbackThresholds;
import org.rollscope.netcode.transport.HealthReading;
import org.rollscope.netcode.transport.TransportMode;
import org.rollscope.netcode.transport.TransportSelector;
import org.rollscope.netcode.wire.MalformedPacketException;
import org.rollscope.netcode.wire.Message;
import org.rollscope.netcode.wire.WireCodec;

/**
 * Peer A's real sending side (engine, {@link TransportSelector}, {@link InputRouter}, {@link PeerEndpoint}) wired to
 * peer B's real receiving side (engine, {@link RelayInputIntake}) through two paths the test controls: a peer-to-peer
 * path that delivers next tick or loses everything, and a relay path that delivers next tick (in order, like the
 * relay's TCP stream) or refuses. B's inputs reach A unimpaired. Time is a virtual 16 ms tick.
 *
 * <p>It records, per input of A (episode, frame): the tick A sampled it, the tick B's engine accepted it (an engine
 * counter moved), and whether a path that works was in use: the oracle for "every input arrives exactly once, none
 * late".
 */
final class RouterHarness {
    static final int FRAME_MS = 16;

    final SessionConfig config;
    final RollbackSession a;
    final RollbackSession b;
    private final FrameRunner runnerA;
    private final FrameRunner runnerB;
    private final ActionSource actions;
    final TransportSelector selector = new TransportSelector(FallbackThresholds.DEFAULTS);
    private final PeerEndpoint endpoint = new PeerEndpoint();
    private final RelayHealth relayHealth = new RelayHealth();
    private final ScriptedRelay relay = new ScriptedRelay();
    private final InputRouter router;
    private final RelayInputIntake intakeB;

    /** What the test changes before a tick. */
    boolean p2pDelivers = true;
    boolean relayAccepts = true;
    /** False for a MUG server: inputs only, every wire packet refused. */
    boolean relayCarriesPackets = true;
    ChannelState channel = ChannelState.UP;

    long nowMs;
    int tick;
    private List<byte[]> p2pInFlight = new ArrayList<>();
    private List<Runnable> relayInFlight = new ArrayList<>();
    private List<Message> toA = new ArrayList<>();
    private final List<RelayInbound.RemoteAction> heldByIntake = new ArrayList<>();

    final Map<Long, Integer> sampledAt = new HashMap<>();
    final Map<Long, Integer> acceptedAt = new HashMap<>();
    /** Ticks at which A's new inputs went out on a path that delivers. */
    final List<Boolean> deliveringAt = new ArrayList<>();
    final List<TransportMode> modeAt = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    final List<FrameRecord> recordsA = new ArrayList<>();
    final List<FrameRecord> recordsB = new ArrayList<>();

    RouterHarness(SessionConfig config, int framesPerEpisode, ActionSource actions) {
        this.config = config;
        this.actions = actions;
        CounterGame gameA = new CounterGame(framesPerEpisode, 0);
        CounterGame gameB = new CounterGame(framesPerEpisode, 0);
        this.a = new RollbackSession(config, 0, gameA.snapshotSize());
        this.b = new RollbackSession(config, 1, gameB.snapshotSize());
        this.runnerA = new FrameRunner(gameA, 7);
        this.runnerB = new FrameRunner(gameB, 7);
        this.router = new InputRouter(endpoint, relay, relayHealth);
        this.intakeB = new RelayInputIntake(b);
    }

    static long key(int episode, int frame) {
        return ((long) episode << 32) | frame;
    }

    /** Runs until both sessions finished or {@code maxTicks} passed; {@code script} sets the paths before each tick. */
    void run(int maxTicks, IntConsumer script) {
        while (tick < maxTicks && !(a.state() == RollbackSession.State.FINISHED
                && b.state() == RollbackSession.State.FINISHED)) {
            tick++;
            nowMs += FRAME_MS;
            script.accept(tick);
            deliver();
            stepA();
            stepB();
        }
    }

    private void deliver() {
        List<byte[]> datagrams = p2pInFlight;
        p2pInFlight = new ArrayList<>();
        for (byte[] d : datagrams) {
            toB(decode(d));
        }
        List<Runnable> relayed = relayInFlight;
        relayInFlight = new ArrayList<>();
        relayed.forEach(Runnable::run);
        List<Message> back = toA;
        toA = new ArrayList<>();
        back.forEach(m -> a.onMessage(m, nowMs));
    }

    private void stepA() {
        selector.update(new HealthReading(channel, 20.0, 0.0, 0), nowMs);
        selector.onRelayConfirmed(relayHealth.newestAckedSendMs());
        if (p2pDelivers && channel == ChannelState.UP) {
            selector.onP2pConfirmed(nowMs - FRAME_MS); // a PONG for last tick's PING
        }
        int episodeBefore = a.episode();
        int frameBefore = a.frame();
        int inputFrame = a.localInputFrame();
        if (a.state() == RollbackSession.State.RUNNING) {
            a.addLocalInput(actions.action(0, episodeBefore, inputFrame));
        }
        AdvanceResult r = a.advanceFrame(nowMs);
        if (a.episode() == episodeBefore && a.frame() == frameBefore + 1) {
            sampledAt.putIfAbsent(key(episodeBefore, inputFrame), tick); // the engine took this tick's input
        }
        runnerA.run(r, a, nowMs);
        TransportMode mode = selector.mode();
        a.drainOutgoing(m -> router.route(m, mode, channel, a.episode(), nowMs));
        router.endTick(mode, a.episode(), nowMs); // as SeatedSession does
        modeAt.add(mode);
        deliveringAt.add((mode.usesP2p() && p2pDelivers) || (mode.usesRelay() && relayAccepts));
        endpoint.drainOutgoing(d -> {
            if (p2pDelivers) {
                p2pInFlight.add(d);
            }
        });
        a.drainConfirmed(recordsA::add);
        a.drainEvents(e -> { });
    }

    private void stepB() {
        releaseHeldToB();
        if (b.state() == RollbackSession.State.RUNNING) {
            b.addLocalInput(actions.action(1, b.episode(), b.localInputFrame()));
        }
        AdvanceResult r = b.advanceFrame(nowMs);
        runnerB.run(r, b, nowMs);
        b.drainOutgoing(toA::add);
        b.drainConfirmed(recordsB::add);
        b.drainEvents(e -> { });
    }

    /** A message of A reaching B's engine, with the inputs B accepted from it recorded. */
    private void toB(Message m) {
        List<Message.FrameAction> carried = m instanceof Message.Input in ? in.inputs()
                : m instanceof Message.InputResponse r ? r.inputs() : List.of();
        int episode = b.episode();
        List<Integer> fresh = new ArrayList<>();
        for (Message.FrameAction fa : carried) {
            if (fa.frame() >= config.inputDelay() && !acceptedAt.containsKey(key(episode, fa.frame()))
                    && !fresh.contains(fa.frame())) {
                fresh.add(fa.frame());
            }
        }
        long before = acceptedCount();
        b.onMessage(m, nowMs);
        long accepted = acceptedCount() - before;
        if (accepted == fresh.size()) {
            fresh.forEach(f -> acceptedAt.put(key(episode, f), tick));
        } else if (accepted != 0) {
            violations.add("tick " + tick + ": B took " + accepted + " inputs of a packet carrying " + fresh.size()
                    + " it did not have yet: " + m);
        }
    }

    private void relayedActionToB(RelayInbound.RemoteAction action) {
        long before = acceptedCount();
        int episode = b.episode();
        intakeB.onInput(action, nowMs);
        if (action.syncEpoch() > episode) {
            heldByIntake.add(action); // the intake keeps it for the next episode
        } else if (acceptedCount() - before == 1 && acceptedAt.putIfAbsent(key(episode, action.frame()), tick) != null) {
            violations.add("tick " + tick + ": B took frame " + action.frame() + " of episode " + episode
                    + " a second time");
        }
    }

    /** The intake hands held inputs over once B runs their episode; record which of them B's engine took. */
    private void releaseHeldToB() {
        long before = acceptedCount();
        intakeB.releaseHeld(nowMs);
        long accepted = acceptedCount() - before;
        if (b.state() != RollbackSession.State.RUNNING) {
            return;
        }
        int episode = b.episode();
        List<Integer> fresh = new ArrayList<>();
        for (var it = heldByIntake.iterator(); it.hasNext(); ) {
            RelayInbound.RemoteAction held = it.next();
            if (held.syncEpoch() <= episode) {
                it.remove();
                if (held.syncEpoch() == episode && held.frame() >= config.inputDelay()
                        && !acceptedAt.containsKey(key(episode, held.frame())) && !fresh.contains(held.frame())) {
                    fresh.add(held.frame());
                }
            }
        }
        if (accepted == fresh.size()) {
            fresh.forEach(f -> acceptedAt.put(key(episode, f), tick));
        } else if (accepted != 0) {
            violations.add("tick " + tick + ": B took " + accepted + " held relay inputs of " + fresh.size() + " new");
        }
    }

    /** Inputs B's engine accepted in all (each distinct input once, whatever path it came by). */
    long acceptedCount() {
        return b.inputsRecvP2p() + b.inputsRecvRelay();
    }

    /** True when A sent new inputs on a working path at some tick in [from, to]. */
    int firstDeliveringTickFrom(int from) {
        for (int t = from; t <= deliveringAt.size(); t++) {
            if (deliveringAt.get(t - 1)) {
                return t;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static Message decode(byte[] d) {
        try {
            return WireCodec.decode(d);
        } catch (MalformedPacketException e) {
            throw new AssertionError("A sent a packet it cannot decode", e);
        }
    }

    /** The relay path: in order, next tick; refuses (returns false) while {@link #relayAccepts} is off. */
    private final class ScriptedRelay implements RelayPath {
        @Override
        public boolean sendAction(int frame, int action, int syncEpoch, Runnable onAcked) {
            if (!relayAccepts) {
                return false;
            }
            relayInFlight.add(() -> {
                onAcked.run();
                relayedActionToB(new RelayInbound.RemoteAction("0", frame, action, syncEpoch));
            });
            return true;
        }

        @Override
        public boolean sendP2pPacket(byte[] packet) {
            if (!relayAccepts || !relayCarriesPackets) {
                return false;
            }
            relayInFlight.add(() -> toB(decode(packet)));
            return true;
        }
    }
}
