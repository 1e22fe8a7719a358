"""Offline stand-in for numpy inside Pyodide: NOT numpy.

The npm package of Pyodide 0.26.2 holds the core only, without numpy's wheel, and the e2e
tests may not download one. MUG's browser glue (pyodide_multiplayer_game.js) imports numpy
for exactly these calls, which this module provides with numpy's semantics:

- ``np.random.seed(int)``, ``np.random.get_state()``, ``np.random.set_state(state)``: the
  legacy MT19937 generator, seeded as numpy seeds it (init_genrand), state as
  ``('MT19937', uint32 array of 624 words, pos, has_gauss, cached_gaussian)``;
- ``np.array(values, dtype=...)`` and, on its result, ``.reshape(-1)``, ``.astype(np.float32)``
  (rounded to single precision as numpy does) and ``.tolist()``;
- the dtype names ``float32``, ``float64``, ``int64``, ``uint32``.

Arrays are ``list`` subclasses so Pyodide's ``toJs`` hands them to JavaScript as arrays,
as it does numpy arrays. Anything else raises, so a test environment that needs more of
numpy fails loudly instead of running on a guess. The test environment only builds its
observations with ``np.array``; MUG's glue does the rest.
"""
from __future__ import annotations

import struct as _struct

from . import random  # noqa: F401  (np.random is a submodule, as in numpy)

__version__ = "0.0.1"  # a stand-in: see this docstring

float32 = "float32"
float64 = "float64"
int64 = "int64"
uint32 = "uint32"


def _cast(value, dtype):
    if isinstance(value, ndarray):
        return value.astype(dtype)
    if dtype == float32:
        return _struct.unpack("f", _struct.pack("f", float(value)))[0]
    if dtype == float64:
        return float(value)
    if dtype == int64:
        return int(value)
    if dtype == uint32:
        return int(value) & 0xFFFFFFFF
    if dtype is None:
        return value
    raise TypeError(f"numpy stand-in: unsupported dtype {dtype!r}")


class ndarray(list):
    """A 1-D or nested list with the few ndarray methods MUG's glue calls."""

    def __init__(self, values=(), dtype=None):
        super().__init__(values)
        self.dtype = dtype

    @property
    def shape(self):
        if self and isinstance(self[0], ndarray):
            return (len(self),) + self[0].shape
        return (len(self),)

    def reshape(self, *shape):
        if shape in ((-1,), ((-1,),)):
            return ndarray(_flat(self), self.dtype)
        raise NotImplementedError(f"numpy stand-in: reshape{shape} (only reshape(-1))")

    def astype(self, dtype):
        return ndarray((_cast(v, dtype) for v in self), dtype)

    def tolist(self):
        return [v.tolist() if isinstance(v, ndarray) else v for v in self]


def _flat(values):
    for v in values:
        if isinstance(v, (list, tuple)):
            yield from _flat(v)
        else:
            yield v


def array(values, dtype=None):
    items = [array(v, dtype) if isinstance(v, (list, tuple)) else _cast(v, dtype) for v in values]
    return ndarray(items, dtype)


def __getattr__(name):
    raise AttributeError(f"numpy stand-in (Rollscope e2e tests) has no {name!r}: see testing/mug-e2e/README.md")
