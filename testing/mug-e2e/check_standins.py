"""Checks our stand-ins against the real thing on Debian's python3 (run by the e2e module's StandinsTest).

- numpy stand-in vs Debian's numpy: the MT19937 state after seed(n), random() draws, set_state round
  trips, and reshape(-1)/astype(float32)/tolist on what MUG's glue converts;
- micropip stand-in: requirement names, and what it would load offline;
- flatten_dict stand-in: MUG's one call, flatten(d, reducer="dot"), on an episode-shaped dict.
Prints one line per check and exits 1 on the first mismatch.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as real

HERE = Path(__file__).resolve().parent


def load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path / "__init__.py" if path.is_dir() else path,
                                                  submodule_search_locations=[str(path)] if path.is_dir() else None)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def check(label: str, ok: bool) -> None:
    print(("ok   " if ok else "FAIL ") + label)
    if not ok:
        sys.exit(1)


fake = load("standin_numpy", HERE / "pyodide-standins" / "numpy")
for seed in (0, 1, 42, 2**31 + 5):
    real.random.seed(seed)
    fake.random.seed(seed)
    r, f = real.random.get_state(), fake.random.get_state()
    check(f"numpy seed({seed}) state", r[0] == f[0] and r[1].tolist() == f[1].tolist() and r[2] == f[2])
    check(f"numpy seed({seed}) draws", [real.random.random() for _ in range(5)] == [fake.random.random() for _ in range(5)])
state = real.random.get_state()
fake.random.set_state((state[0], fake.array(state[1].tolist(), dtype=fake.uint32), state[2], state[3], state[4]))
check("numpy set_state continues the same sequence", real.random.random() == fake.random.random())
values = [[1, 2.5, -3], [4.1, 5, 6e10]]
check("numpy reshape(-1).astype(float32).tolist()",
      real.array(values).reshape(-1).astype(real.float32).tolist() == fake.array(values).reshape(-1).astype(fake.float32).tolist())
check("numpy shape", tuple(real.array(values).shape) == fake.array(values).shape)
try:
    fake.linspace
    check("numpy stand-in refuses what it does not have", False)
except AttributeError:
    check("numpy stand-in refuses what it does not have", True)

micropip = load("standin_micropip", HERE / "pyodide-standins" / "micropip")
check("micropip requirement names", [micropip._name(r) for r in ("numpy", "multi-user-gymnasium==0.1.2", "cogrid>=0.2; python_version>'3'")]
      == ["numpy", "multi-user-gymnasium", "cogrid"])
check("micropip loads only numpy offline", micropip.OFFLINE_PACKAGES == frozenset({"numpy"}))

flatten_dict = load("standin_flatten_dict", HERE / "server-standins" / "flatten_dict.py")
episode = {"t": [0, 1], "actions": {"0": [4, 3], "1": [1, 4]}, "infos": {}, "player_subjects": {"0": "a", "1": "b"}}
check("flatten_dict flatten(reducer='dot')", flatten_dict.flatten(episode, reducer="dot") == {
    "t": [0, 1], "actions.0": [4, 3], "actions.1": [1, 4], "player_subjects.0": "a", "player_subjects.1": "b"})
print("all stand-in checks passed")
