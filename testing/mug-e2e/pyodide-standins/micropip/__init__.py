"""Offline stand-in for micropip inside Pyodide: NOT micropip.

MUG's page loads micropip and calls ``await micropip.install(scene.packages_to_install)``
(index.js, pyodide_remote_game.js). Offline there is no package index, so this installs
what Pyodide's lock file can load locally (the stand-in wheels the e2e set-up registers
there) and reports every other requirement on the console as not installed. MUG always
appends its own ``multi-user-gymnasium`` package to the list; the test environment does
not import it, so skipping it changes nothing the tests observe.
"""
from __future__ import annotations

import re as _re

__version__ = "0.0.1"  # a stand-in: see this docstring

# The wheels the e2e set-up builds and registers in pyodide-lock.json.
OFFLINE_PACKAGES = frozenset({"numpy"})


def _name(requirement: str) -> str:
    return _re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower()


async def install(requirements, **_options):
    import pyodide_js

    if isinstance(requirements, str):
        requirements = [requirements]
    for requirement in requirements:
        name = _name(str(requirement))
        if name in OFFLINE_PACKAGES:
            await pyodide_js.loadPackage(name)
        else:
            print(f"[micropip stand-in] {requirement}: no offline wheel, not installed")


def list():  # noqa: A001  (micropip's own name)
    return {}
