"""Stand-in for the PyPI package flatten-dict, which Debian does not package.

MUG's server (app.py) calls only ``flatten_dict.flatten(data, reducer="dot")`` on an
episode's decoded msgpack dict before writing it as CSV. This module does that, and
``unflatten`` for symmetry; it is ours, on the test server's PYTHONPATH only, and never
part of the product.
"""
from __future__ import annotations

_REDUCERS = {
    "dot": lambda parent, key: key if parent is None else f"{parent}.{key}",
    "underscore": lambda parent, key: key if parent is None else f"{parent}_{key}",
    "path": lambda parent, key: key if parent is None else f"{parent}/{key}",
    "tuple": lambda parent, key: (key,) if parent is None else parent + (key,),
}


def flatten(d, reducer="tuple", enumerate_types=(), keep_empty_types=()):
    if enumerate_types or keep_empty_types:
        raise NotImplementedError("flatten_dict stand-in: only reducer= is supported")
    join = _REDUCERS[reducer] if isinstance(reducer, str) else reducer
    flat = {}

    def walk(value, parent):
        for key, item in value.items():
            path = join(parent, key)
            if isinstance(item, dict):
                walk(item, path)  # an empty dict leaves no key, as in flatten-dict
            else:
                flat[path] = item

    walk(d, None)
    return flat


def unflatten(d, splitter="tuple"):
    split = {"dot": lambda k: k.split("."), "underscore": lambda k: k.split("_"),
             "path": lambda k: k.split("/"), "tuple": lambda k: list(k)}[splitter]
    nested = {}
    for key, value in d.items():
        parts = split(key)
        node = nested
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return nested
