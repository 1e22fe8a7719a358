'use strict';
// Unit tests of the MUG probe's pure parts against recorded page states (node --test; run by ProbeScriptNodeTest).
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const { page, inputBufferFrom } = require('./page-state');

const probe = require(path.join(__dirname, '../../main/resources/org/rollscope/netcode/relay/probe/rollscope-probe.js'));

function sampleAt(game, tMs, memory, extra) {
    return probe.sampleOf(game, Object.assign({ seq: 1, tMs, forced: false, link: null, serverPingMs: 48 }, extra),
        memory || probe.newMemory());
}

test('a MUG b46a1b0 page on P2P gives every field it has', () => {
    const s = sampleAt(page('mug-b46a1b0-p2p'), 1000);
    assert.equal(s.state, 'running');
    assert.equal(s.episode, 1);
    assert.equal(s.frame, 412);
    assert.equal(s.confirmed_frame, 405);
    assert.equal(s.verified_frame, 400);
    assert.equal(s.remote_frame, 409, 'lastReceivedFrame 411 - INPUT_DELAY 2');
    assert.equal(s.frame_advantage, 3, 'no fps yet, so uncorrected');
    assert.equal(s.rollbacks, 9, 'session count, not the per-episode rollbackCount');
    assert.equal(s.rollback_frames, 24);
    assert.equal(s.last_rollback_depth, 3);
    assert.equal(s.max_rollback_depth, 4);
    assert.equal(s.predicted_frames, 6);
    assert.equal(s.rtt_ms, 33);
    assert.equal(s.relay_rtt_ms, 48);
    assert.equal(s.buffered_amount, 96);
    assert.equal(s.transport, 'p2p');
    assert.equal(s.transport_reason, 'ok');
    assert.deepEqual([s.inputs_sent_p2p, s.inputs_sent_relay, s.inputs_recv_p2p, s.inputs_recv_relay],
        [410, 0, 380, 0]);
    assert.equal(s.desyncs, 0);
    assert.equal(s.last_desync_frame, null);
    assert.equal(s.ice_path, 'direct');
    assert.equal(s.focused, true);
    assert.equal(s.stalls, null, 'MUG does not count stalls');
    assert.equal(s.step_ms, null, 'MUG does not time its steps');
    assert.equal(s.gap_rate, null, 'one reading is no window yet');
});

test('gap rate, fps and the corrected advantage come from consecutive samples', () => {
    const game = page('mug-b46a1b0-p2p');
    const memory = probe.newMemory();
    sampleAt(game, 1000, memory);
    game.frameNumber = 422;
    game.connectionHealth.gapCount = 6;
    game.connectionHealth.packetsReceived = 400;
    const s = sampleAt(game, 1500, memory);
    assert.equal(s.fps, 20);
    assert.equal(s.gap_rate, 0.1, '2 gaps over 20 packets');
    assert.equal(s.frame_advantage, 422 - 409 - 33 / 2 * 20 / 1000);
    // Six seconds later the first readings have left the 5 s window.
    game.connectionHealth.packetsReceived = 500;
    const later = sampleAt(game, 7600, memory);
    assert.equal(later.gap_rate, 0, 'no new gaps in the last 5 s');
});

test('rollback frames are summed incrementally and restart with a new game object', () => {
    const game = page('mug-b46a1b0-p2p');
    const memory = probe.newMemory();
    assert.equal(sampleAt(game, 0, memory).rollback_frames, 24);
    game.sessionMetrics.rollbacks.events.push({ rollbackFrames: 5 });
    game.sessionMetrics.rollbacks.count = 10;
    const s = sampleAt(game, 100, memory);
    assert.equal(s.rollback_frames, 29);
    assert.equal(s.last_rollback_depth, 5);
    game.sessionMetrics.rollbacks.events = [{ rollbackFrames: 1 }];
    assert.equal(sampleAt(game, 200, memory).rollback_frames, 1);
});

test('MUG\'s own RTT latch reads as relay for reason rtt; the probe\'s own as forced', () => {
    const game = page('mug-b46a1b0-rtt-fallback');
    const s = sampleAt(game, 0);
    assert.equal(s.transport, 'relay');
    assert.equal(s.transport_reason, 'rtt');
    assert.equal(s.desyncs, 2, 'earlier episodes plus this one');
    assert.equal(s.last_desync_frame, 861);
    assert.equal(s.focused, false);
    assert.equal(s.ice_path, 'relay');
    assert.equal(sampleAt(game, 0, null, { forced: true }).transport_reason, 'forced');
    game.webrtcManager.dataChannel.readyState = 'closed';
    assert.equal(sampleAt(game, 0).transport_reason, 'closed');
    game.webrtcManager.peerConnection.iceConnectionState = 'failed';
    assert.equal(sampleAt(game, 0).transport_reason, 'failed');
});

test('the partner\'s frame comes from its newest input on either path, not the P2P-only counter', () => {
    const game = page('mug-b46a1b0-p2p');
    // The partner fell back at frame 122: its inputs now arrive over Socket.IO, so MUG's P2P health monitor stays
    // at 122 while the input buffer keeps filling (the console once showed an advantage of +378 here).
    game.frameNumber = 500;
    game.connectionHealth.lastReceivedFrame = 122;
    game.inputBuffer = inputBufferFrom({ 496: { 0: 1, 1: 2 }, 497: { 0: 1, 1: 2 }, 498: { 1: 0 }, 502: { 1: 3 } });
    const s = sampleAt(game, 0);
    assert.equal(s.remote_frame, 497 - 2, 'newest partner input 497 less INPUT_DELAY 2; our own 502 is not the partner');
    assert.equal(s.frame_advantage, 500 - 495);
    // A new episode: MUG clears the buffer but never resets lastReceivedFrame, so nothing received yet is -1.
    game.frameNumber = 3;
    game.inputBuffer = inputBufferFrom({ 5: { 1: 0 } });
    const fresh = sampleAt(game, 0);
    assert.equal(fresh.remote_frame, -1);
    assert.equal(fresh.frame_advantage, null);
});

test('between episodes the ended episode\'s settled frames are held and nothing is a rate or a partner frame', () => {
    const game = page('mug-b46a1b0-p2p');
    const memory = probe.newMemory();
    sampleAt(game, 1000, memory);
    game.frameNumber = 432;
    assert.equal(sampleAt(game, 2000, memory).fps, 20);
    // MUG's episode end (clearGGPOState): rollback state cleared, frame counter not yet reset.
    game.episodeComplete = true;
    game.confirmedFrame = -1;
    game.verifiedFrame = -1;
    game.inputBuffer = new Map();
    const between = sampleAt(game, 2100, memory);
    assert.equal(between.state, 'episode_transition');
    assert.equal(between.frame, 432);
    assert.equal(between.confirmed_frame, 405, 'the episode\'s final confirmed frame, not "none"');
    assert.equal(between.verified_frame, 400);
    assert.equal(between.fps, null, 'a pause is not a frame rate of 0');
    assert.equal(between.remote_frame, null);
    assert.equal(between.frame_advantage, null);
    // The frame counter restarts: from then on the page's own values stand.
    game.frameNumber = 0;
    const reset = sampleAt(game, 2200, memory);
    assert.equal(reset.confirmed_frame, -1);
    game.episodeComplete = false;
    game.frameNumber = 10;
    const running = sampleAt(game, 2300, memory);
    assert.equal(running.state, 'running');
    assert.equal(running.confirmed_frame, -1, 'nothing confirmed yet in the new episode');
    assert.equal(running.fps, null, 'one reading since the pause is no window yet');
});

test('an older MUG page: what it lacks is null, never 0', () => {
    const s = sampleAt(page('mug-older'), 0);
    assert.equal(s.frame, 120);
    assert.equal(s.confirmed_frame, 117);
    assert.equal(s.remote_frame, 116);
    assert.equal(s.verified_frame, null);
    assert.equal(s.rollbacks, null, 'only a per-episode count exists there');
    assert.equal(s.rollback_frames, null);
    assert.equal(s.max_rollback_depth, 3);
    assert.equal(s.predicted_frames, null);
    assert.equal(s.rtt_ms, null);
    assert.equal(s.buffered_amount, null);
    assert.equal(s.inputs_sent_p2p, null);
    assert.equal(s.desyncs, null);
    assert.equal(s.episode, null);
    assert.equal(s.focused, null);
    assert.equal(s.ice_path, null);
    assert.equal(s.transport, 'p2p', 'connected, with a sender and no latch field');
});

test('a newer MUG page that renamed its internals: only the frames survive, the rest is null', () => {
    const s = sampleAt(page('mug-newer'), 0);
    assert.deepEqual([s.frame, s.confirmed_frame, s.verified_frame, s.predicted_frames], [64, 60, 58, 3]);
    assert.equal(s.episode, null, 'a string where a number was expected is unknown');
    for (const field of ['remote_frame', 'frame_advantage', 'rollbacks', 'rtt_ms', 'gap_rate', 'buffered_amount',
        'transport', 'transport_reason', 'inputs_sent_relay', 'desyncs']) {
        assert.equal(s[field], null, field);
    }
});

test('a page whose getters throw or that has no game yet never throws into the probe', () => {
    const game = page('mug-b46a1b0-p2p');
    Object.defineProperty(game, 'frameNumber', { get() { throw new Error('boom'); } });
    game.connectionHealth.rttTracker.getAverageRTT = () => { throw new Error('boom'); };
    const s = sampleAt(game, 0);
    assert.equal(s.frame, null);
    assert.equal(s.rtt_ms, null);
    assert.equal(s.confirmed_frame, 405);
    const none = sampleAt(undefined, 0);
    assert.equal(none.state, 'connecting');
    assert.equal(none.frame, null);
});

test('page states map to MUG\'s states', () => {
    const game = page('mug-b46a1b0-p2p');
    game.shouldReset = true;
    assert.equal(sampleAt(game, 0).state, 'episode_transition');
    game.reconnectionState.isPaused = true;
    assert.equal(sampleAt(game, 0).state, 'paused');
    game.state = 'done';
    assert.equal(sampleAt(game, 0).state, 'done');
    const waiting = page('mug-b46a1b0-p2p');
    waiting.p2pReadyGate.resolved = false;
    assert.equal(sampleAt(waiting, 0).state, 'connecting');
});

test('events follow the samples: p2p up, fallback with its reason, restore, desync, episode end, ended', () => {
    const up = probe.eventsBetween(null, { transport: 'p2p', desyncs: 0, episode: 0, state: 'running' });
    assert.deepEqual(up.map(e => e.kind), ['p2p_up']);
    const fallback = probe.eventsBetween({ transport: 'p2p', desyncs: 0, episode: 0 },
        { transport: 'relay', transport_reason: 'forced', frame: 77, desyncs: 1, last_desync_frame: 70, episode: 1,
            state: 'running' });
    assert.deepEqual(fallback.map(e => e.kind), ['fallback', 'desync', 'episode_end']);
    assert.deepEqual(fallback[0].detail, { reason: 'forced', frame: 77 });
    assert.deepEqual(fallback[2].detail, { episode: 0 });
    const back = probe.eventsBetween({ transport: 'relay' }, { transport: 'p2p', state: 'running' });
    assert.deepEqual(back.map(e => e.kind), ['p2p_restored']);
    const done = probe.eventsBetween({ transport: 'p2p', state: 'running' }, { transport: 'p2p', state: 'done' });
    assert.deepEqual(done.map(e => e.kind), ['ended']);
    assert.deepEqual(probe.eventsBetween({ transport: 'p2p', state: 'done' }, { transport: 'p2p', state: 'done' }),
        []);
});

function commandState(options) {
    return Object.assign({ forced: false, allowRestore: false,
        shaper: probe.createShaper(() => 0.5, () => {}) }, options);
}

test('force fallback sets MUG\'s own latch at the current frame, once', () => {
    const game = page('mug-b46a1b0-p2p');
    const state = commandState();
    assert.deepEqual(probe.handleCommand({ command: 'force_fallback', args: {} }, game, state), { ok: true });
    assert.equal(game.p2pMetrics.p2pFallbackTriggered, true);
    assert.equal(game.p2pMetrics.p2pFallbackFrame, 412);
    assert.equal(state.forced, true);
    const s = probe.sampleOf(game, { seq: 2, tMs: 0, forced: state.forced }, probe.newMemory());
    assert.deepEqual([s.transport, s.transport_reason], ['relay', 'forced']);
    game.frameNumber = 500;
    assert.deepEqual(probe.handleCommand({ command: 'force_fallback' }, game, state), { ok: true });
    assert.equal(game.p2pMetrics.p2pFallbackFrame, 412, 'an already latched fallback keeps its frame');
});

test('a fallback MUG latched itself is not reported as forced by a later force_fallback', () => {
    const game = page('mug-b46a1b0-rtt-fallback');
    const state = commandState();
    probe.handleCommand({ command: 'force_fallback' }, game, state);
    assert.equal(state.forced, false);
    assert.equal(game.p2pMetrics.p2pFallbackFrame, 850);
});

test('restore P2P is refused with MUG\'s reason unless the relay opted in', () => {
    const game = page('mug-b46a1b0-rtt-fallback');
    const refused = probe.handleCommand({ command: 'restore_p2p' }, game, commandState());
    assert.equal(refused.ok, false);
    assert.equal(refused.error, 'not_supported');
    assert.match(refused.message, /latches for the rest of the game/);
    assert.match(refused.message, new RegExp(probe.constants.RESTORE_OPT_IN));
    assert.equal(game.p2pMetrics.p2pFallbackTriggered, true, 'untouched');

    const state = commandState({ allowRestore: true, forced: true });
    assert.deepEqual(probe.handleCommand({ command: 'restore_p2p' }, game, state), { ok: true });
    assert.equal(game.p2pMetrics.p2pFallbackTriggered, false);
    assert.equal(state.forced, false);
    game.webrtcManager.dataChannel.readyState = 'closed';
    assert.equal(probe.handleCommand({ command: 'restore_p2p' }, game, state).error, 'not_connected');
});

test('commands on a page without a game, or unknown commands, are refused with a reason', () => {
    assert.equal(probe.handleCommand({ command: 'force_fallback' }, undefined, commandState()).error, 'no_game');
    assert.equal(probe.handleCommand({ command: 'force_fallback' }, page('mug-newer'), commandState()).error,
        'no_game');
    assert.equal(probe.handleCommand({ command: 'reboot' }, page('mug-b46a1b0-p2p'), commandState()).error,
        'unknown_command');
});

test('set_link validates its arguments and refuses what the probe cannot shape', () => {
    const state = commandState();
    const game = page('mug-b46a1b0-p2p');
    assert.deepEqual(probe.handleCommand({ command: 'set_link', args: { latency_ms: 80, jitter_ms: 20, loss: 0.1,
        duplicate: 0, reorder: 0, bandwidth_kbps: 0 } }, game, state), { ok: true });
    assert.deepEqual(state.shaper.profile(), { latency_ms: 80, jitter_ms: 20, loss: 0.1, duplicate: 0 });
    assert.equal(probe.handleCommand({ command: 'set_link', args: { loss: 1.5 } }, game, state).error,
        'invalid_link');
    assert.equal(probe.handleCommand({ command: 'set_link', args: { latency_ms: 'x' } }, game, state).error,
        'invalid_link');
    assert.equal(probe.handleCommand({ command: 'set_link', args: { bandwidth_kbps: 64 } }, game, state).error,
        'not_supported');
    assert.deepEqual(probe.handleCommand({ command: 'set_link', args: {} }, game, state), { ok: true });
    assert.equal(state.shaper.profile(), null, 'all zeros clears the condition');
});

/** A stand-in RTCDataChannel whose prototype send records what went on the wire. */
function fakeChannel() {
    const wire = [];
    class Channel {
        constructor() { this.readyState = 'open'; }
        send(data) { wire.push(data); }
    }
    return { channel: new Channel(), wire, Channel };
}

function manualClock() {
    const timers = [];
    return {
        schedule: (fn, ms) => timers.push({ fn, ms }),
        timers,
        runAll() { timers.sort((a, b) => a.ms - b.ms).splice(0).forEach(t => t.fn()); }
    };
}

test('with no link condition the page\'s channel is never touched', () => {
    const { channel, wire } = fakeChannel();
    const shaper = probe.createShaper(() => 0, () => { throw new Error('nothing may be delayed'); });
    shaper.attach(channel);
    assert.equal(Object.prototype.hasOwnProperty.call(channel, 'send'), false);
    channel.send('a');
    assert.deepEqual(wire, ['a']);
});

test('latency and jitter delay each message by latency + r * jitter, on a copy of its bytes', () => {
    const { channel, wire } = fakeChannel();
    const clock = manualClock();
    const shaper = probe.createShaper(() => 0.25, clock.schedule);
    shaper.setProfile({ latency_ms: 80, jitter_ms: 40, loss: 0, duplicate: 0 });
    shaper.attach(channel);
    const bytes = new Uint8Array([1, 2, 3]);
    channel.send(bytes.buffer);
    bytes[0] = 9; // MUG reusing its buffer must not change what was sent
    assert.equal(wire.length, 0);
    assert.deepEqual(clock.timers.map(t => t.ms), [90]);
    assert.equal(shaper.pending(), 1);
    clock.runAll();
    assert.deepEqual([...new Uint8Array(wire[0])], [1, 2, 3]);
    assert.equal(shaper.pending(), 0);
});

test('loss drops and duplication doubles, each counted', () => {
    const { channel, wire } = fakeChannel();
    const clock = manualClock();
    let r = 0;
    const shaper = probe.createShaper(() => r, clock.schedule);
    shaper.setProfile({ latency_ms: 0, jitter_ms: 0, loss: 0.5, duplicate: 0.5 });
    shaper.attach(channel);
    r = 0.1; // below loss: dropped
    channel.send('lost');
    r = 0.9; // above loss, above duplicate: one copy
    channel.send('once');
    shaper.setProfile({ latency_ms: 0, jitter_ms: 0, loss: 0, duplicate: 1 });
    shaper.attach(channel);
    channel.send('twice');
    clock.runAll();
    assert.deepEqual(wire, ['once', 'twice', 'twice']);
    assert.equal(shaper.counters.dropped, 1);
    assert.equal(shaper.counters.duplicated, 1);
});

test('clearing the condition removes the wrapper; a closed channel loses held messages without throwing', () => {
    const { channel, wire } = fakeChannel();
    const clock = manualClock();
    const shaper = probe.createShaper(() => 0, clock.schedule);
    shaper.setProfile({ latency_ms: 50, jitter_ms: 0, loss: 0, duplicate: 0 });
    shaper.attach(channel);
    channel.send('held');
    channel.readyState = 'closed';
    clock.runAll();
    assert.deepEqual(wire, []);
    shaper.setProfile(null);
    assert.equal(Object.prototype.hasOwnProperty.call(channel, 'send'), false);
    channel.readyState = 'open';
    channel.send('direct');
    assert.deepEqual(wire, ['direct']);
});

test('a replaced channel is followed, and held messages are bounded', () => {
    const first = fakeChannel();
    const clock = manualClock();
    const shaper = probe.createShaper(() => 0, clock.schedule);
    shaper.setProfile({ latency_ms: 10, jitter_ms: 0, loss: 0, duplicate: 0 });
    shaper.attach(first.channel);
    const second = new first.Channel();
    shaper.attach(second);
    assert.equal(Object.prototype.hasOwnProperty.call(first.channel, 'send'), false, 'old channel unwrapped');
    for (let i = 0; i < 2100; i++) {
        second.send('m' + i);
    }
    assert.equal(shaper.pending(), 2000);
    assert.equal(shaper.counters.overflow, 100);
});

test('sha256Hex matches node\'s crypto, including multi-block and non-ASCII input', () => {
    for (const text of ['', 'abc', 'subject-4711', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'Jürgen 東京 😀']) {
        assert.equal(probe.sha256Hex(text), crypto.createHash('sha256').update(text, 'utf8').digest('hex'), text);
    }
});

test('the subject id is MUG\'s pseudonym, hashed (with a salt) when the lab asks', () => {
    assert.equal(probe.subjectOf({ subjectName: 'p-17' }, {}), 'p-17');
    assert.equal(probe.subjectOf({ mugGlobals: { subjectName: 'p-18' } }, {}), 'p-18');
    assert.equal(probe.subjectOf({}, {}), null);
    const hashed = probe.subjectOf({ subjectName: 'p-17' }, { hash_subject: true, hash_salt: 'lab7' });
    assert.equal(hashed, 'sha256:' + crypto.createHash('sha256').update('lab7p-17').digest('hex'));
});
