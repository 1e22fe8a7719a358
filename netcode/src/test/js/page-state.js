'use strict';
// Turns a recorded page state (states/*.json: the fields of window.game as JSON) back into an object shaped like
// MUG's live game: predictedFrames as a Set, inputBuffer as a Map of Maps, and a health monitor whose rttTracker
// computes its average the way MUG's RTTTracker does (G ~759). Shared by the probe's tests.
const fs = require('node:fs');
const path = require('node:path');

function loadState(name) {
    return JSON.parse(fs.readFileSync(path.join(__dirname, 'states', name + '.json'), 'utf8'));
}

function gameFrom(state) {
    const game = JSON.parse(JSON.stringify(state));
    delete game._comment;
    if (Array.isArray(game.predictedFrames)) {
        game.predictedFrames = new Set(game.predictedFrames);
    }
    if (game.inputBuffer && typeof game.inputBuffer === 'object') {
        game.inputBuffer = inputBufferFrom(game.inputBuffer);
    }
    const health = game.connectionHealth;
    if (health && Array.isArray(health.rttSamples)) {
        const samples = health.rttSamples;
        delete health.rttSamples;
        health.rttTracker = {
            rttSamples: samples,
            getAverageRTT() {
                return this.rttSamples.length === 0 ? null
                    : this.rttSamples.reduce((a, b) => a + b, 0) / this.rttSamples.length;
            }
        };
    }
    return game;
}

/** MUG's inputBuffer: Map<frame number, Map<player id string, action>>, recorded as {frame: {player: action}}. */
function inputBufferFrom(recorded) {
    const buffer = new Map();
    for (const [frame, inputs] of Object.entries(recorded)) {
        buffer.set(Number(frame), new Map(Object.entries(inputs)));
    }
    return buffer;
}

function page(name) {
    return gameFrom(loadState(name));
}

module.exports = { loadState, gameFrom, page, inputBufferFrom };
