"""Two collectors on a small grid: the deterministic test environment of Rollscope's MUG e2e tests.

MUG runs this file in each participant's page (Pyodide) as the scene's environment
initialisation code; it must leave an ``env`` object behind. Everything is integer
arithmetic on plain Python values, so two pages given the same inputs reach the same
state, and ``get_state``/``set_state`` round-trip exactly (MUG's rollback saves and
restores states with them and hashes ``get_state()``). Episodes end only by MUG's
``max_steps``. It needs nothing but numpy's ``np.array`` (the e2e stand-in or real numpy).
"""
from __future__ import annotations

import numpy as np

WIDTH, HEIGHT = 12, 8
MOVES = {0: (0, -1), 1: (0, 1), 2: (-1, 0), 3: (1, 0), 4: (0, 0)}  # up, down, left, right, noop
NOOP = 4
STARTS = {0: (1, 1), 1: (WIDTH - 2, HEIGHT - 2)}
COLORS = {0: "#d9534f", 1: "#337ab7"}


def _lcg(value: int) -> int:
    """Numerical Recipes' 32-bit LCG: the coin's next place, the same on every page."""
    return (1664525 * value + 1013904223) & 0xFFFFFFFF


class TwoCollectors:
    def __init__(self):
        self.agents = [0, 1]
        self.t = 0
        self.rng = 1
        self.pos = {a: list(STARTS[a]) for a in self.agents}
        self.coin = [WIDTH // 2, HEIGHT // 2]
        self.score = {a: 0 for a in self.agents}

    # -- MUG's environment interface ----------------------------------------
    def reset(self, seed=None):
        self.t = 0
        self.rng = (int(seed) if seed is not None else 1) & 0xFFFFFFFF
        self.pos = {a: list(STARTS[a]) for a in self.agents}
        self.score = {a: 0 for a in self.agents}
        self._place_coin()
        return self._obs(), {a: {} for a in self.agents}

    def step(self, actions):
        rewards = {}
        for a in self.agents:
            dx, dy = MOVES.get(int(actions.get(a, NOOP)), MOVES[NOOP])
            x, y = self.pos[a]
            self.pos[a] = [min(max(x + dx, 0), WIDTH - 1), min(max(y + dy, 0), HEIGHT - 1)]
        for a in self.agents:  # seat order decides a tie, on every page alike
            rewards[a] = 0
            if self.pos[a] == self.coin:
                rewards[a] = 1
                self.score[a] += 1
                self._place_coin()
        self.t += 1
        done = {a: False for a in self.agents}
        return self._obs(), rewards, done, dict(done), {a: {} for a in self.agents}

    def render(self):
        objects = [self._circle("coin", self.coin, "#f0ad4e", 0.025)]
        objects += [self._circle(f"player_{a}", self.pos[a], COLORS[a], 0.035) for a in self.agents]
        return {"game_state_objects": objects, "removed": []}

    def get_state(self):
        return {"t": self.t, "rng": self.rng, "coin": list(self.coin),
                "pos": {str(a): list(self.pos[a]) for a in self.agents},
                "score": {str(a): self.score[a] for a in self.agents}}

    def set_state(self, state):
        self.t = int(state["t"])
        self.rng = int(state["rng"])
        self.coin = [int(v) for v in state["coin"]]
        self.pos = {a: [int(v) for v in state["pos"][str(a)]] for a in self.agents}
        self.score = {a: int(state["score"][str(a)]) for a in self.agents}

    # -- helpers -------------------------------------------------------------
    def _place_coin(self):
        while True:
            self.rng = _lcg(self.rng)
            cell = [(self.rng >> 8) % WIDTH, (self.rng >> 20) % HEIGHT]
            if cell not in self.pos.values():
                self.coin = cell
                return

    def _obs(self):
        flat = [self.t, self.coin[0], self.coin[1]]
        for a in self.agents:
            flat += self.pos[a] + [self.score[a]]
        return {a: np.array(flat) for a in self.agents}

    @staticmethod
    def _circle(uid, cell, color, radius):
        return {"uuid": uid, "object_type": "circle", "depth": 1, "tween": False, "tween_duration": 0,
                "permanent": False, "x": (cell[0] + 0.5) / WIDTH, "y": (cell[1] + 0.5) / HEIGHT,
                "radius": radius, "color": color}


env = TwoCollectors()
