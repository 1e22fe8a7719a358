'use strict';
// The probe's wiring in a page, with a stand-in window and Socket.IO client: the guard against loading twice, a
// connection per MUG game with the seat in its auth, the bounded queue, commands and their acknowledgements, and
// that nothing it does can throw into the page.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { page } = require('./page-state');

const probe = require(path.join(__dirname, '../../main/resources/org/rollscope/netcode/relay/probe/rollscope-probe.js'));

function fakeWindow(config) {
    const intervals = [];
    const sockets = [];
    const win = {
        RollscopeProbeConfig: config,
        subjectName: 'subject-1',
        currentPing: 21,
        setInterval: (fn, ms) => intervals.push({ fn, ms }) - 1,
        clearInterval: (id) => { intervals.splice(id, 1); },
        setTimeout: (fn) => fn(),
        io: (url, options) => {
            const handlers = {};
            const socket = {
                url, options, connected: false, emitted: [], closed: false,
                on: (event, fn) => { handlers[event] = fn; },
                emit: (event, payload) => socket.emitted.push([event, payload]),
                close: () => { socket.closed = true; },
                fire: (event, ...args) => handlers[event](...args)
            };
            sockets.push(socket);
            return socket;
        }
    };
    return { win, intervals, sockets, tick: () => intervals.forEach(i => i.fn()) };
}

const CONFIG = { relay: 'http://relay.example:8765/', key: 'k-123' };

test('one 10 Hz timer, and a second copy of the probe does nothing', () => {
    const page1 = fakeWindow(CONFIG);
    probe.boot(page1.win);
    probe.boot(page1.win);
    assert.equal(page1.intervals.length, 1);
    assert.equal(page1.intervals[0].ms, 100);
});

test('no game, no connection; a game opens /probe with the seat and subject in the auth', () => {
    const p = fakeWindow(CONFIG);
    probe.boot(p.win);
    p.tick();
    assert.equal(p.sockets.length, 0);
    p.win.game = page('mug-b46a1b0-p2p');
    p.tick();
    assert.equal(p.sockets.length, 1);
    const socket = p.sockets[0];
    assert.equal(socket.url, 'http://relay.example:8765/probe');
    assert.equal(socket.options.path, '/socket.io/');
    assert.deepEqual(socket.options.auth, { probe_key: 'k-123', game_id: 'a3f1c2d4-game', player_id: '1',
        subject_id: 'subject-1' });
    assert.equal(socket.options.forceNew, true);
    assert.deepEqual(socket.options.transports, ['websocket']);
});

test('samples wait while disconnected and go up a few per tick once connected', () => {
    const p = fakeWindow(CONFIG);
    probe.boot(p.win);
    p.win.game = page('mug-b46a1b0-p2p');
    p.tick();
    p.tick();
    const socket = p.sockets[0];
    assert.equal(socket.emitted.length, 0);
    socket.connected = true;
    socket.fire('connect');
    p.tick();
    const kinds = socket.emitted.map(e => e[0]);
    assert.ok(kinds.includes('peer_telemetry'));
    assert.ok(kinds.includes('peer_event'), 'the first P2P sample is a p2p_up event');
    const sample = socket.emitted.find(e => e[0] === 'peer_telemetry')[1];
    assert.equal(sample.seq, 1);
    assert.equal(sample.relay_rtt_ms, 21);
    assert.ok(socket.emitted.length <= 5, 'at most 5 sends per tick');
    assert.equal(p.win.__rollscopeProbe.stats.connected, true);
});

test('the queue is bounded while the relay is away: oldest dropped and counted', () => {
    const p = fakeWindow(CONFIG);
    probe.boot(p.win);
    p.win.game = page('mug-b46a1b0-p2p');
    for (let i = 0; i < 400; i++) {
        p.tick();
    }
    const stats = p.win.__rollscopeProbe.stats;
    assert.equal(stats.samples, 400);
    assert.equal(stats.dropped, 400 + 1 - 300, '400 samples + one p2p_up event into 300 places');
});

test('a new MUG game closes the old connection and opens one for the new seat', () => {
    const p = fakeWindow(CONFIG);
    probe.boot(p.win);
    p.win.game = page('mug-b46a1b0-p2p');
    p.tick();
    p.win.game = page('mug-older');
    p.tick();
    assert.equal(p.sockets.length, 2);
    assert.equal(p.sockets[0].closed, true);
    assert.equal(p.sockets[1].options.auth.game_id, 'old-1');
});

test('commands are carried out and acknowledged; restore follows the relay\'s probe_config', () => {
    const p = fakeWindow(CONFIG);
    probe.boot(p.win);
    p.win.game = page('mug-b46a1b0-p2p');
    p.tick();
    const socket = p.sockets[0];
    const acks = [];
    socket.fire('rollscope_command', { command: 'force_fallback', args: {} }, r => acks.push(r));
    assert.deepEqual(acks.pop(), { ok: true });
    assert.equal(p.win.game.p2pMetrics.p2pFallbackTriggered, true);
    socket.fire('rollscope_command', { command: 'restore_p2p', args: {} }, r => acks.push(r));
    assert.equal(acks.pop().error, 'not_supported');
    socket.fire('probe_config', { allow_restore: true });
    socket.fire('rollscope_command', { command: 'restore_p2p', args: {} }, r => acks.push(r));
    assert.deepEqual(acks.pop(), { ok: true });
    socket.fire('rollscope_command', { command: 'set_link', args: { latency_ms: 50 } }, r => acks.push(r));
    assert.deepEqual(acks.pop(), { ok: true });
    assert.equal(Object.prototype.hasOwnProperty.call(p.win.game.webrtcManager.dataChannel, 'send'), false,
        'a recorded channel has no send to wrap; the probe leaves it alone');
});

test('nothing throws into the page: a missing client, a throwing client, a throwing game', () => {
    const noIo = fakeWindow(CONFIG);
    delete noIo.win.io;
    probe.boot(noIo.win);
    noIo.win.game = page('mug-b46a1b0-p2p');
    noIo.tick();
    assert.match(noIo.win.__rollscopeProbe.stats.lastError, /window.io/);

    const broken = fakeWindow(CONFIG);
    broken.win.io = () => { throw new Error('no network'); };
    probe.boot(broken.win);
    broken.win.game = page('mug-b46a1b0-p2p');
    assert.doesNotThrow(() => broken.tick());
    assert.equal(broken.win.__rollscopeProbe.stats.errors, 1);

    const hostile = fakeWindow(CONFIG);
    probe.boot(hostile.win);
    Object.defineProperty(hostile.win, 'game', { get() { throw new Error('getter'); } });
    assert.doesNotThrow(() => hostile.tick());
    assert.equal(hostile.win.__rollscopeProbe.stats.errors, 1);
});

test('without a configured relay the probe stays idle', () => {
    const p = fakeWindow(undefined);
    probe.boot(p.win);
    assert.equal(p.intervals.length, 0);
    assert.match(p.win.__rollscopeProbe.stats.lastError, /no relay configured/);
});

test('stop() ends sampling, closes the connection and reports the time the probe spent', () => {
    const p = fakeWindow(CONFIG);
    probe.boot(p.win);
    p.win.game = page('mug-b46a1b0-p2p');
    p.tick();
    p.tick();
    const stats = p.win.__rollscopeProbe.stats;
    assert.equal(stats.ticks, 2);
    assert.ok(stats.busyMs >= 0);
    p.win.__rollscopeProbe.stop();
    assert.equal(p.intervals.length, 0);
    assert.equal(p.sockets[0].closed, true);
    assert.equal(stats.stopped, true);
});

test('pause() stops the timer but keeps the connection; resume() restarts it once; neither revives a stopped probe', () => {
    const p = fakeWindow(CONFIG);
    probe.boot(p.win);
    p.win.game = page('mug-b46a1b0-p2p');
    p.tick();
    const api = p.win.__rollscopeProbe;
    api.pause();
    api.pause();
    assert.equal(p.intervals.length, 0);
    assert.equal(p.sockets[0].closed, false, 'paused, not disconnected');
    api.resume();
    api.resume();
    assert.equal(p.intervals.length, 1, 'one timer, however often resumed');
    p.tick();
    assert.equal(api.stats.samples, 2);
    api.stop();
    api.resume();
    assert.equal(p.intervals.length, 0, 'a stopped probe stays stopped');
});

test('a relay behind a proxy path prefix keeps /probe as the namespace and moves the prefix into the path', () => {
    assert.deepEqual(probe.endpointOf('https://lab.example.org/rollscope/'),
        { url: 'https://lab.example.org/probe', path: '/rollscope/socket.io/' });
    assert.deepEqual(probe.endpointOf('http://127.0.0.1:8765'),
        { url: 'http://127.0.0.1:8765/probe', path: '/socket.io/' });
});
