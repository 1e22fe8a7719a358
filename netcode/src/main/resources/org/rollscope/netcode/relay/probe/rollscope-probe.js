/*
 * Rollscope MUG probe: runs in a participant's MUG page, samples the page's rollback session (window.game) at
 * 10 Hz into Rollscope telemetry samples (shared/spec/telemetry.md §1), streams them to a Rollscope relay on its own
 * Socket.IO namespace (/probe) and obeys the relay's commands for this page's seat. Lab guide: docs/mug-probe.md.
 *
 * Rules it keeps, because it runs in someone else's experiment:
 *  - one file, no dependencies beyond what a MUG page already loads (window.io, the Socket.IO 4.7.2 client);
 *  - reads the page's objects and writes them only through its commands (MUG's own fallback latch, and a wrapper
 *    on the DataChannel's send that exists only while a link condition is set);
 *  - every timer and handler is wrapped: an exception is counted, never thrown into the page;
 *  - bounded: a fixed queue while the relay is away (oldest dropped and counted), a fixed number of delayed
 *    messages, Socket.IO's own back-off when the relay cannot be reached, and nothing logged to the console;
 *  - loaded twice, the second copy does nothing (window.__rollscopeProbe is the one namespace object);
 *  - a field the page does not have (older or newer MUG) is sent as null, never as 0.
 *
 * The pure parts (sampleOf, eventsBetween, handleCommand, createShaper, sha256Hex) are exported when the file is
 * loaded by Node, so that unit tests can feed them recorded page states (netcode/src/test/js).
 */
(function (factory) {
    'use strict';
    var api = factory();
    if (typeof window === 'undefined') {
        if (typeof module === 'object' && module && module.exports) {
            module.exports = api;
        }
        return;
    }
    try {
        api.boot(window);
    } catch (e) {
        // A probe that cannot start leaves the page alone.
    }
})(function () {
    'use strict';

    var SAMPLE_INTERVAL_MS = 100;
    /** 30 s of samples at 10 Hz: enough to bridge a relay restart, small enough to never matter to the page. */
    var QUEUE_CAPACITY = 300;
    /** At most this many queued samples go up per tick, so a reconnect drains the queue without a burst. */
    var SENDS_PER_TICK = 5;
    /** telemetry.md §1: gap_rate is measured over the last 5 s. */
    var GAP_WINDOW_MS = 5000;
    /** fps is measured over the last second of frames. */
    var FPS_WINDOW_MS = 1000;
    /** Messages held back by a link condition at one time; beyond it a message is dropped (and counted). */
    var MAX_DELAYED_MESSAGES = 2000;
    var NAMESPACE = '/probe';
    /** The name of the relay option that allows restore_p2p, quoted in the refusal so a lab can find it. */
    var RESTORE_OPT_IN = '--probe-restore-resets-mug-fallback-latch';

    // ---------------------------------------------------------------- reading the page

    /** A finite number, or null: a page field that is missing, NaN or of the wrong type is unknown. */
    function num(value) {
        return typeof value === 'number' && isFinite(value) ? value : null;
    }

    /** Reads obj.a.b.c without throwing (MUG's getters and proxies may throw); undefined when any step is absent. */
    function read(obj, path) {
        try {
            var cur = obj;
            for (var i = 0; i < path.length; i++) {
                if (cur === null || cur === undefined) {
                    return undefined;
                }
                cur = cur[path[i]];
            }
            return cur;
        } catch (e) {
            return undefined;
        }
    }

    /** Calls obj.a.b.method() without throwing; undefined when absent or when it throws. */
    function call(obj, path, method) {
        try {
            var target = read(obj, path);
            return target && typeof target[method] === 'function' ? target[method]() : undefined;
        } catch (e) {
            return undefined;
        }
    }

    function sizeOf(collection) {
        if (collection && typeof collection.size === 'number') {
            return collection.size; // a Set or Map (MUG's predictedFrames is a Set)
        }
        if (Array.isArray(collection)) {
            return collection.length;
        }
        return null;
    }

    function lengthOf(list) {
        return Array.isArray(list) ? list.length : null;
    }

    /**
     * Fresh sampling memory: windows for gap rate and fps, the running sum of rollback depths, and the confirmed and
     * verified frames of the last running sample (held over an episode transition, see settledFramesOf).
     */
    function newMemory() {
        return { gapHistory: [], frameHistory: [], rollbackIndex: 0, rollbackFrames: 0, settled: null };
    }

    /** Keeps the entries of a time-ordered history newer than windowMs (plus the one just before, as a base). */
    function trim(history, nowMs, windowMs) {
        while (history.length > 2 && history[1].t <= nowMs - windowMs) {
            history.shift();
        }
    }

    /**
     * On P2P when MUG itself would send inputs peer to peer (G ~2038: p2pConnected && p2pInputSender &&
     * !p2pFallbackTriggered); the reason otherwise. forced = the probe set the latch itself.
     */
    function transportOf(game, forced) {
        var triggered = read(game, ['p2pMetrics', 'p2pFallbackTriggered']);
        var connected = read(game, ['p2pConnected']);
        var sender = read(game, ['p2pInputSender']);
        var channelState = read(game, ['webrtcManager', 'dataChannel', 'readyState']);
        var iceState = read(game, ['webrtcManager', 'peerConnection', 'iceConnectionState']);
        if (triggered === undefined && connected === undefined) {
            return { transport: null, reason: null };
        }
        if (connected && sender && !triggered) {
            return { transport: 'p2p', reason: 'ok' };
        }
        var reason;
        if (triggered && forced) {
            reason = 'forced';
        } else if (iceState === 'failed') {
            reason = 'failed';
        } else if (channelState === 'closed' || channelState === 'closing') {
            reason = 'closed';
        } else if (triggered) {
            reason = 'rtt'; // MUG's other latch (G ~8052): latency over 300 ms or a "critical" health status
        } else {
            reason = 'not_connected';
        }
        return { transport: 'relay', reason: reason };
    }

    function stateOf(game) {
        if (game === null || game === undefined) {
            return 'connecting';
        }
        if (read(game, ['state']) === 'done') {
            return 'done';
        }
        if (read(game, ['reconnectionState', 'isPaused']) === true) {
            return 'paused';
        }
        if (read(game, ['episodeComplete']) === true || read(game, ['shouldReset']) === true) {
            return 'episode_transition';
        }
        var gate = read(game, ['p2pReadyGate', 'resolved']);
        if (gate === false) {
            return 'connecting';
        }
        return 'running';
    }

    /** Sum of MUG's rollback event depths, kept incrementally (MUG's event list only grows within a game). */
    function rollbackFramesOf(events, memory) {
        if (!Array.isArray(events)) {
            return null;
        }
        if (events.length < memory.rollbackIndex) { // a new game object: start over
            memory.rollbackIndex = 0;
            memory.rollbackFrames = 0;
        }
        for (var i = memory.rollbackIndex; i < events.length; i++) {
            memory.rollbackFrames += num(read(events[i], ['rollbackFrames'])) || 0;
        }
        memory.rollbackIndex = events.length;
        return memory.rollbackFrames;
    }

    function gapRateOf(game, nowMs, memory) {
        var gaps = num(read(game, ['connectionHealth', 'gapCount']));
        var packets = num(read(game, ['connectionHealth', 'packetsReceived']));
        if (gaps === null || packets === null) {
            return null;
        }
        var history = memory.gapHistory;
        var last = history[history.length - 1];
        if (last && (packets < last.packets || gaps < last.gaps)) {
            history.length = 0; // counters restarted (new game object)
        }
        history.push({ t: nowMs, gaps: gaps, packets: packets });
        trim(history, nowMs, GAP_WINDOW_MS);
        var base = history[0];
        var received = packets - base.packets;
        return received > 0 ? Math.min(1, (gaps - base.gaps) / received) : null;
    }

    /** Frames per second over the last second while the page runs; unknown while it waits, pauses or resets. */
    function fpsOf(frame, state, nowMs, memory) {
        if (frame === null || state !== 'running') {
            memory.frameHistory.length = 0; // a pause is not a frame rate: start over when the game runs again
            return null;
        }
        var history = memory.frameHistory;
        var last = history[history.length - 1];
        if (last && frame < last.frame) {
            history.length = 0; // episode reset
        }
        history.push({ t: nowMs, frame: frame });
        trim(history, nowMs, FPS_WINDOW_MS);
        var base = history[0];
        var seconds = (nowMs - base.t) / 1000;
        return seconds > 0 ? (frame - base.frame) / seconds : null;
    }

    function desyncsOf(game) {
        var current = lengthOf(read(game, ['desyncEvents']));
        var earlier = lengthOf(read(game, ['cumulativeValidation', 'allDesyncEvents']));
        if (current === null && earlier === null) {
            return { count: null, last: null };
        }
        var events = read(game, ['desyncEvents']) || [];
        var lastEvent = events.length > 0 ? events[events.length - 1] : null;
        return { count: (current || 0) + (earlier || 0), last: num(read(lastEvent, ['frame'])) };
    }

    /**
     * The highest frame for which the page holds its partner's input, whichever path brought it: MUG's inputBuffer
     * (Map<frame, Map<playerId, action>>, G ~4104) is cleared every episode and pruned behind the confirmed frame,
     * so it stays small. -1 when it holds none yet; undefined when the page has no such buffer (then the caller
     * falls back to the P2P-only connectionHealth.lastReceivedFrame, which goes stale after a fallback and across
     * episodes, since MUG never resets it).
     */
    function partnerInputFrameOf(game) {
        var buffer = read(game, ['inputBuffer']);
        if (!buffer || typeof buffer.forEach !== 'function') {
            return undefined;
        }
        var me = String(read(game, ['myPlayerId']));
        var highest = -1;
        try {
            buffer.forEach(function (inputs, frame) {
                if (typeof frame !== 'number' || frame <= highest || !inputs || typeof inputs.forEach !== 'function') {
                    return;
                }
                inputs.forEach(function (action, player) {
                    if (String(player) !== me) {
                        highest = frame;
                    }
                });
            });
        } catch (e) {
            return undefined;
        }
        return highest;
    }

    /** The partner's current frame as the page knows it: its newest input, less the input delay; null if unknown. */
    function remoteFrameOf(game) {
        var newest = partnerInputFrameOf(game);
        if (newest === undefined) {
            newest = num(read(game, ['connectionHealth', 'lastReceivedFrame']));
        }
        if (newest === null) {
            return null;
        }
        return newest < 0 ? -1 : newest - (num(read(game, ['INPUT_DELAY'])) || 0);
    }

    /**
     * Confirmed and verified frames. When an episode ends MUG clears its rollback state (confirmedFrame = -1,
     * G ~5300) a moment before it resets frameNumber, so a raw reading shows the old episode's last frame with
     * nothing confirmed. Until the frame counter restarts, the probe reports the episode's final confirmed and
     * verified frames instead, which is what the page had settled on.
     */
    function settledFramesOf(game, state, frame, memory) {
        var confirmed = num(read(game, ['confirmedFrame']));
        var verified = num(read(game, ['verifiedFrame']));
        var held = memory.settled;
        if (state === 'running') {
            memory.settled = { confirmed: confirmed, verified: verified };
        } else if (state === 'episode_transition' && held && (confirmed === null || confirmed < 0)
                && frame !== null && held.confirmed !== null && frame >= held.confirmed) {
            return held;
        }
        return { confirmed: confirmed, verified: verified };
    }

    /**
     * One telemetry.md §1 sample of a MUG page. Pure apart from {@code memory} (windows kept between samples).
     *
     * @param game the page's window.game (may be undefined, or an older/newer MUG lacking fields)
     * @param ctx {seq, tMs, forced, link, serverPingMs}: what the probe knows itself
     * @param memory from newMemory(), the same object for every sample of a page
     */
    function sampleOf(game, ctx, memory) {
        var frame = num(read(game, ['frameNumber']));
        var state = stateOf(game);
        var settled = settledFramesOf(game, state, frame, memory);
        var remote = state === 'running' ? remoteFrameOf(game) : null; // between episodes there is no partner frame
        var rtt = num(call(game, ['connectionHealth', 'rttTracker'], 'getAverageRTT'));
        var fps = fpsOf(frame, state, ctx.tMs, memory);
        var advantage = null;
        if (frame !== null && remote !== null && remote >= 0) {
            advantage = frame - remote;
            if (rtt !== null && fps !== null) {
                advantage -= (rtt / 2) * fps / 1000; // frames the other peer ran during half a round trip
            }
        }
        var events = read(game, ['sessionMetrics', 'rollbacks', 'events']);
        var lastEvent = Array.isArray(events) && events.length > 0 ? events[events.length - 1] : null;
        var rollbacks = num(read(game, ['sessionMetrics', 'rollbacks', 'count']));
        var path = transportOf(game, ctx.forced);
        var desyncs = desyncsOf(game);
        var episode = num(read(game, ['num_episodes']));
        if (episode === null) {
            episode = lengthOf(read(game, ['cumulativeValidation', 'episodes']));
        }
        var backgrounded = read(game, ['focusManager', 'isBackgrounded']);
        return {
            seq: ctx.seq,
            t_ms: ctx.tMs,
            state: state,
            episode: episode,
            frame: frame,
            confirmed_frame: settled.confirmed,
            verified_frame: settled.verified,
            remote_frame: remote,
            frame_advantage: advantage,
            rollbacks: rollbacks,
            rollback_frames: rollbackFramesOf(events, memory),
            last_rollback_depth: rollbacks === 0 ? 0 : num(read(lastEvent, ['rollbackFrames'])),
            max_rollback_depth: num(read(game, ['maxRollbackFrames'])),
            predicted_frames: sizeOf(read(game, ['predictedFrames'])),
            stalls: null, // MUG does not count them
            rtt_ms: rtt,
            relay_rtt_ms: num(ctx.serverPingMs),
            gap_rate: gapRateOf(game, ctx.tMs, memory),
            buffered_amount: num(read(game, ['webrtcManager', 'dataChannel', 'bufferedAmount'])),
            transport: path.transport,
            transport_reason: path.reason,
            inputs_sent_p2p: num(read(game, ['p2pMetrics', 'inputsSentViaP2P'])),
            inputs_sent_relay: num(read(game, ['p2pMetrics', 'inputsSentViaSocketIO'])),
            inputs_recv_p2p: num(read(game, ['p2pMetrics', 'inputsReceivedViaP2P'])),
            inputs_recv_relay: num(read(game, ['p2pMetrics', 'inputsReceivedViaSocketIO'])),
            desyncs: desyncs.count,
            last_desync_frame: desyncs.last,
            fps: fps,
            step_ms: null, // MUG does not time its steps
            link: ctx.link || null,
            ice_path: stringOrNull(read(game, ['webrtcManager', 'connectionType', 'connectionType'])),
            focused: typeof backgrounded === 'boolean' ? !backgrounded : null
        };
    }

    function stringOrNull(value) {
        return typeof value === 'string' ? value : null;
    }

    /**
     * Session events implied by two consecutive samples of one seat (docs/relay-protocol.md peer_event kinds), so
     * that the console's markers show switches, desyncs and episode ends as they would for a Rollscope peer.
     */
    function eventsBetween(prev, cur) {
        var out = [];
        if (!cur) {
            return out;
        }
        var before = prev ? prev.transport : null;
        if (cur.transport === 'p2p' && before !== 'p2p') {
            out.push({ kind: before === 'relay' ? 'p2p_restored' : 'p2p_up', detail: { reason: 'ok' } });
        } else if (cur.transport === 'relay' && before === 'p2p') {
            out.push({ kind: 'fallback', detail: { reason: cur.transport_reason, frame: cur.frame } });
        }
        if (prev && cur.desyncs !== null && prev.desyncs !== null && cur.desyncs > prev.desyncs) {
            out.push({ kind: 'desync', detail: { frame: cur.last_desync_frame } });
        }
        if (prev && cur.episode !== null && prev.episode !== null && cur.episode > prev.episode) {
            out.push({ kind: 'episode_end', detail: { episode: prev.episode } });
        }
        if (cur.state === 'done' && (!prev || prev.state !== 'done')) {
            out.push({ kind: 'ended', detail: { reason: 'mug_game_done' } });
        }
        return out;
    }

    // ---------------------------------------------------------------- commands

    function refused(error, message) {
        return { ok: false, error: error, message: message };
    }

    var LINK_LIMITS = { latency_ms: 10000, jitter_ms: 10000, loss: 1, duplicate: 1 };

    /** A set_link args object as a shaper profile, or a refusal. All-zero means "no condition" (null). */
    function linkOf(args) {
        var profile = {};
        var any = false;
        for (var key in LINK_LIMITS) {
            var value = args && args[key] !== undefined && args[key] !== null ? args[key] : 0;
            if (typeof value !== 'number' || !isFinite(value) || value < 0 || value > LINK_LIMITS[key]) {
                return { error: refused('invalid_link', key + ' must be a number in [0, ' + LINK_LIMITS[key]
                        + '], got ' + value) };
            }
            profile[key] = value;
            any = any || value > 0;
        }
        var reorder = args && args.reorder ? args.reorder : 0;
        var bandwidth = args && args.bandwidth_kbps ? args.bandwidth_kbps : 0;
        if (reorder !== 0 || bandwidth !== 0) {
            return { error: refused('not_supported', 'the MUG probe shapes latency, jitter, loss and duplication; '
                    + 'it cannot limit bandwidth or hold packets back for reordering (jitter reorders them)') };
        }
        return { profile: any ? profile : null };
    }

    /**
     * Carries out one relay command on the page. Pure apart from what the command is meant to change: MUG's
     * fallback latch on {@code game} and {@code state} (forced, link, via the shaper).
     *
     * @param cmd {command, args} as the relay sends it (rollscope_command)
     * @param game window.game
     * @param state {forced, allowRestore, shaper}: the probe's own state
     * @return the acknowledgement: {ok: true} or {ok: false, error, message}
     */
    function handleCommand(cmd, game, state) {
        var command = cmd && cmd.command;
        var metrics = read(game, ['p2pMetrics']);
        if (command === 'set_link') {
            var link = linkOf(cmd.args);
            if (link.error) {
                return link.error;
            }
            state.shaper.setProfile(link.profile);
            return { ok: true };
        }
        if (command !== 'force_fallback' && command !== 'restore_p2p') {
            return refused('unknown_command', 'the MUG probe does not know the command ' + command);
        }
        if (!metrics || typeof metrics !== 'object') {
            return refused('no_game', 'this MUG page has no running P2P game (window.game.p2pMetrics is missing)');
        }
        if (command === 'force_fallback') {
            if (!metrics.p2pFallbackTriggered) {
                // Exactly what MUG's own RTT trigger does (G ~8052): inputs go by Socket.IO from the next frame on.
                metrics.p2pFallbackTriggered = true;
                metrics.p2pFallbackFrame = num(read(game, ['frameNumber']));
                state.forced = true;
            }
            return { ok: true };
        }
        if (!state.allowRestore) {
            return refused('not_supported', 'MUG cannot return to P2P: its fallback latches for the rest of the game '
                    + '(p2pMetrics.p2pFallbackTriggered is never reset). Restoring means resetting that MUG internal; '
                    + 'start the relay with ' + RESTORE_OPT_IN + ' to allow it');
        }
        if (read(game, ['webrtcManager', 'dataChannel', 'readyState']) !== 'open') {
            return refused('not_connected', 'the page\'s DataChannel is not open; MUG would not send by P2P');
        }
        metrics.p2pFallbackTriggered = false;
        metrics.p2pFallbackFrame = null;
        state.forced = false;
        return { ok: true };
    }

    // ---------------------------------------------------------------- link conditions

    /** A copy of outgoing data whose buffer the page may reuse before a delayed send goes out. */
    function copyOf(data) {
        if (typeof ArrayBuffer !== 'undefined') {
            if (data instanceof ArrayBuffer) {
                return data.slice(0);
            }
            if (ArrayBuffer.isView(data)) {
                return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
            }
        }
        return data; // strings and Blobs are immutable
    }

    /**
     * Link conditions on the page's outbound DataChannel messages: latency + uniform jitter, loss, duplication.
     * While no condition is set the channel is not touched at all; with one, its send is wrapped (an own property
     * shadowing RTCDataChannel.prototype.send) and removed again when the condition is cleared.
     *
     * @param random () => [0, 1)
     * @param schedule (fn, ms) => void, e.g. setTimeout
     */
    function createShaper(random, schedule) {
        var profile = null;
        var wrapped = null; // the channel whose send we replaced
        var delayed = 0;
        var counters = { shaped: 0, dropped: 0, duplicated: 0, overflow: 0, sendErrors: 0 };

        /** Delays (ms) for one message: none = lost, two = duplicated. */
        function plan() {
            if (profile.loss > 0 && random() < profile.loss) {
                counters.dropped++;
                return [];
            }
            var delays = [profile.latency_ms + random() * profile.jitter_ms];
            if (profile.duplicate > 0 && random() < profile.duplicate) {
                counters.duplicated++;
                delays.push(profile.latency_ms + random() * profile.jitter_ms);
            }
            return delays;
        }

        function unwrap() {
            if (wrapped) {
                try {
                    delete wrapped.send;
                } catch (e) {
                    counters.sendErrors++;
                }
                wrapped = null;
            }
        }

        function wrap(channel) {
            var original = channel.send;
            var sendNow = function (data) {
                if (channel.readyState !== 'open') {
                    return; // the channel closed while the message was held back: lost, as on a real link
                }
                try {
                    original.call(channel, data);
                } catch (e) {
                    counters.sendErrors++;
                }
            };
            channel.send = function (data) {
                if (!profile) {
                    return original.call(channel, data);
                }
                counters.shaped++;
                var delays = plan();
                for (var i = 0; i < delays.length; i++) {
                    if (delayed >= MAX_DELAYED_MESSAGES) {
                        counters.overflow++;
                        continue;
                    }
                    delayed++;
                    var copy = copyOf(data);
                    schedule(function (payload) {
                        return function () {
                            delayed--;
                            sendNow(payload);
                        };
                    }(copy), delays[i]);
                }
            };
            wrapped = channel;
        }

        return {
            /** Sets (or with null clears) the condition; applied to the channel at the next attach(). */
            setProfile: function (next) {
                profile = next;
                if (!profile) {
                    unwrap();
                }
            },
            profile: function () {
                return profile;
            },
            /** Wraps the page's current channel while a condition is set; follows a replaced channel. */
            attach: function (channel) {
                if (!profile || !channel || typeof channel.send !== 'function') {
                    return;
                }
                if (wrapped !== channel) {
                    unwrap();
                    wrap(channel);
                }
            },
            pending: function () {
                return delayed;
            },
            counters: counters
        };
    }

    // ---------------------------------------------------------------- subject id hashing

    /** SHA-256 of a string (UTF-8) as hex. Plain JS because crypto.subtle exists only on HTTPS pages. */
    function sha256Hex(text) {
        var bytes = [];
        var utf8 = unescape(encodeURIComponent(String(text)));
        for (var c = 0; c < utf8.length; c++) {
            bytes.push(utf8.charCodeAt(c));
        }
        var k = [];
        var h = [];
        var n = 2;
        var found = 0;
        function frac(x) {
            return ((x - Math.floor(x)) * 4294967296) | 0;
        }
        while (found < 64) { // the first 64 primes give the constants
            var prime = true;
            for (var d = 2; d * d <= n; d++) {
                if (n % d === 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                if (found < 8) {
                    h[found] = frac(Math.pow(n, 1 / 2));
                }
                k[found] = frac(Math.pow(n, 1 / 3));
                found++;
            }
            n++;
        }
        var bitLength = bytes.length * 8;
        bytes.push(0x80);
        while (bytes.length % 64 !== 56) {
            bytes.push(0);
        }
        for (var s = 7; s >= 0; s--) {
            bytes.push(s >= 4 ? 0 : (bitLength >>> (s * 8)) & 0xff);
        }
        function rotr(x, r) {
            return (x >>> r) | (x << (32 - r));
        }
        for (var block = 0; block < bytes.length; block += 64) {
            var w = [];
            for (var i = 0; i < 64; i++) {
                if (i < 16) {
                    var j = block + i * 4;
                    w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
                } else {
                    var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
                    var s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
                    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
                }
            }
            var a = h[0], b = h[1], cc = h[2], dd = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
            for (var t = 0; t < 64; t++) {
                var t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[t] + w[t]) | 0;
                var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc))) | 0;
                hh = g;
                g = f;
                f = e;
                e = (dd + t1) | 0;
                dd = cc;
                cc = b;
                b = a;
                a = (t1 + t2) | 0;
            }
            h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + cc) | 0; h[3] = (h[3] + dd) | 0;
            h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + hh) | 0;
        }
        var hex = '';
        for (var x = 0; x < 8; x++) {
            hex += ('00000000' + (h[x] >>> 0).toString(16)).slice(-8);
        }
        return hex;
    }

    /** The subject id as sent: MUG's pseudonymous id, or "sha256:<hex>" of it when the lab asked for hashing. */
    function subjectOf(win, config) {
        var raw = read(win, ['subjectName']);
        if (typeof raw !== 'string') {
            raw = read(win, ['mugGlobals', 'subjectName']);
        }
        if (typeof raw !== 'string' || raw === '') {
            return null;
        }
        return config.hash_subject ? 'sha256:' + sha256Hex((config.hash_salt || '') + raw) : raw;
    }

    // ---------------------------------------------------------------- the live probe

    /**
     * Where Socket.IO must connect for a relay URL, which may carry a path prefix behind a proxy
     * ("https://lab.example.org/rollscope"): the origin + the namespace, and the prefix + /socket.io/ as the path
     * (the client would otherwise take the prefix for a namespace).
     */
    function endpointOf(relayUrl) {
        var match = /^(https?:\/\/[^\/?#]+)(\/[^?#]*)?/.exec(String(relayUrl));
        var origin = match ? match[1] : String(relayUrl);
        var prefix = match && match[2] ? match[2].replace(/\/+$/, '') : '';
        return { url: origin + NAMESPACE, path: prefix + '/socket.io/' };
    }

    /**
     * Starts the probe in a page: a guarded namespace object, one 10 Hz timer, and a Socket.IO connection to the
     * relay per MUG game (auth {probe_key, game_id, player_id, subject_id}), opened once the page has a game.
     */
    function boot(win) {
        if (win.__rollscopeProbe) {
            return; // loaded twice: the first copy keeps running
        }
        var config = win.RollscopeProbeConfig || {};
        var stats = { samples: 0, sent: 0, dropped: 0, errors: 0, commands: 0, connected: false, lastError: null,
            busyMs: 0, ticks: 0 };
        var probe = { version: 1, stats: stats, config: { relay: config.relay || null } };
        win.__rollscopeProbe = probe;
        if (typeof config.relay !== 'string' || typeof config.key !== 'string') {
            stats.lastError = 'no relay configured (window.RollscopeProbeConfig)';
            return;
        }
        var state = {
            forced: false,
            allowRestore: false,
            shaper: createShaper(Math.random, function (fn, ms) { win.setTimeout(guard(fn), ms); })
        };
        var memory = newMemory();
        var queue = [];
        var seq = 0;
        var previous = null;
        var socket = null;
        var seat = null;

        function guard(fn) {
            return function () {
                try {
                    return fn.apply(this, arguments);
                } catch (e) {
                    stats.errors++;
                    stats.lastError = String(e && e.message || e);
                    return undefined;
                }
            };
        }

        function enqueue(event, payload) {
            if (queue.length >= QUEUE_CAPACITY) {
                queue.shift();
                stats.dropped++;
            }
            queue.push([event, payload]);
        }

        function close() {
            if (socket) {
                try {
                    socket.close();
                } catch (e) {
                    stats.errors++;
                }
            }
            socket = null;
            stats.connected = false;
        }

        function open(game) {
            var io = win.io;
            if (typeof io !== 'function') {
                stats.lastError = 'window.io (the Socket.IO client) is missing';
                return;
            }
            var auth = {
                probe_key: config.key,
                game_id: String(game.gameId),
                player_id: String(game.myPlayerId),
                subject_id: subjectOf(win, config)
            };
            var endpoint = endpointOf(config.relay);
            socket = io(endpoint.url, {
                path: endpoint.path,
                auth: auth,
                forceNew: true, // never share a connection with the page's own socket
                transports: ['websocket'],
                reconnectionDelay: 1000,
                reconnectionDelayMax: 30000,
                timeout: 5000
            });
            socket.on('connect', guard(function () { stats.connected = true; }));
            socket.on('disconnect', guard(function () { stats.connected = false; }));
            socket.on('connect_error', guard(function (err) {
                stats.connected = false;
                stats.lastError = String(err && err.message || err); // silent: Socket.IO backs off and retries
            }));
            socket.on('probe_config', guard(function (cfg) {
                state.allowRestore = !!(cfg && cfg.allow_restore === true);
            }));
            socket.on('rollscope_command', guard(function (cmd, ack) {
                stats.commands++;
                var result;
                try {
                    result = handleCommand(cmd, win.game, state);
                    state.shaper.attach(read(win.game, ['webrtcManager', 'dataChannel']));
                } catch (e) {
                    result = refused('probe_error', String(e && e.message || e));
                }
                if (typeof ack === 'function') {
                    ack(result);
                }
            }));
        }

        function flush() {
            if (!socket || !socket.connected) {
                return;
            }
            for (var i = 0; i < SENDS_PER_TICK && queue.length > 0; i++) {
                var item = queue.shift();
                socket.emit(item[0], item[1]);
                stats.sent++;
            }
        }

        function tick() {
            var game = win.game;
            var gameId = read(game, ['gameId']);
            var playerId = read(game, ['myPlayerId']);
            if (gameId === undefined || gameId === null || playerId === undefined || playerId === null) {
                return; // no game yet (or between scenes): nothing to report
            }
            var nextSeat = String(gameId) + '\u0000' + String(playerId);
            if (nextSeat !== seat) {
                close();
                queue.length = 0;
                memory = newMemory();
                previous = null;
                state.forced = false;
                state.shaper.setProfile(null);
                seat = nextSeat;
                open(game);
            }
            state.shaper.attach(read(game, ['webrtcManager', 'dataChannel']));
            seq++;
            var sample = sampleOf(game, { seq: seq, tMs: Date.now(), forced: state.forced,
                link: state.shaper.profile(), serverPingMs: read(win, ['currentPing']) }, memory);
            stats.samples++;
            enqueue('peer_telemetry', sample);
            var events = eventsBetween(previous, sample);
            for (var i = 0; i < events.length; i++) {
                enqueue('peer_event', events[i]);
            }
            previous = sample;
            flush();
        }

        var clock = win.performance && typeof win.performance.now === 'function'
            ? function () { return win.performance.now(); } : function () { return Date.now(); };
        /** The probe's own cost: time spent in its ticks (stats.busyMs over stats.ticks), for docs/mug-probe.md. */
        function timedTick() {
            var started = clock();
            try {
                tick();
            } finally {
                stats.ticks++;
                stats.busyMs += clock() - started;
            }
        }

        var timer = win.setInterval(guard(timedTick), SAMPLE_INTERVAL_MS);
        /** Stops sampling and closes the relay connection; the page is left as if the probe had never run. */
        probe.stop = guard(function () {
            win.clearInterval(timer);
            timer = null;
            state.shaper.setProfile(null);
            close();
            stats.stopped = true;
        });
        /**
         * Pause and resume sampling, keeping the connection and any link condition: for measuring what the probe
         * costs a page by alternating windows with and without it in the same page and game phase.
         */
        probe.pause = guard(function () {
            if (timer !== null) {
                win.clearInterval(timer);
                timer = null;
            }
        });
        probe.resume = guard(function () {
            if (timer === null && !stats.stopped) {
                timer = win.setInterval(guard(timedTick), SAMPLE_INTERVAL_MS);
            }
        });
    }

    return {
        boot: boot,
        sampleOf: sampleOf,
        newMemory: newMemory,
        eventsBetween: eventsBetween,
        handleCommand: handleCommand,
        createShaper: createShaper,
        sha256Hex: sha256Hex,
        subjectOf: subjectOf,
        endpointOf: endpointOf,
        constants: { SAMPLE_INTERVAL_MS: SAMPLE_INTERVAL_MS, QUEUE_CAPACITY: QUEUE_CAPACITY,
            RESTORE_OPT_IN: RESTORE_OPT_IN, NAMESPACE: NAMESPACE }
    };
});
