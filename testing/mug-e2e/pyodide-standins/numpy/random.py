"""numpy.random stand-in: the legacy MT19937 state MUG's rollback snapshots save and restore.

Python's ``random.Random`` is the same Mersenne Twister, so it holds the state; ``seed``
initialises it the way numpy's ``RandomState.seed(int)`` does (init_genrand), so a state
taken here has numpy's words for the same seed.
"""
from __future__ import annotations

import random as _pyrandom

_N = 624
_rng = _pyrandom.Random()


def seed(value=None):
    if value is None:
        raise NotImplementedError("numpy stand-in: seed() needs an integer seed")
    mt = [int(value) & 0xFFFFFFFF]
    for i in range(1, _N):
        mt.append((1812433253 * (mt[-1] ^ (mt[-1] >> 30)) + i) & 0xFFFFFFFF)
    _rng.setstate((3, tuple(mt) + (_N,), None))


def get_state():
    from . import array, uint32
    words = _rng.getstate()[1]
    return ("MT19937", array(list(words[:_N]), dtype=uint32), words[_N], 0, 0.0)


def set_state(state):
    name, key, pos = state[0], state[1], state[2]
    if name != "MT19937" or len(key) != _N:
        raise ValueError("numpy stand-in: set_state needs an MT19937 state of 624 words")
    _rng.setstate((3, tuple(int(k) for k in key) + (int(pos),), None))


def random(size=None):
    if size is not None:
        raise NotImplementedError("numpy stand-in: random(size)")
    return _rng.random()


seed(0)
