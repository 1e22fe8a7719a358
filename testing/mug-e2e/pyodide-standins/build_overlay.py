"""Builds the Pyodide overlay the MUG e2e tests serve in place of the CDN's Pyodide files.

Usage: python3 build_overlay.py NPM_PYODIDE_DIR OUT_DIR

Writes OUT_DIR/numpy-0.0.1-py3-none-any.whl and OUT_DIR/micropip-0.0.1-py3-none-any.whl
(our stand-ins in this folder, zipped with fixed timestamps so their sha256 never changes)
and OUT_DIR/pyodide-lock.json: the npm package's lock file with the numpy and micropip
entries pointing at those wheels. Every other Pyodide file is served from the npm package.
"""
from __future__ import annotations

import base64
import hashlib
import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERSION = "0.0.1"
FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build_wheel(package: str, out_dir: Path) -> Path:
    dist_info = f"{package}-{VERSION}.dist-info"
    files = {}
    for source in sorted((HERE / package).rglob("*.py")):
        files[f"{package}/{source.relative_to(HERE / package).as_posix()}"] = source.read_bytes()
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {package}\nVersion: {VERSION}\n"
        f"Summary: Rollscope e2e offline stand-in for {package} (not the real package)\n").encode()
    files[f"{dist_info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: rollscope-build-overlay\nRoot-Is-Purelib: true\nTag: py3-none-any\n").encode()
    record = [_record_line(name, data) for name, data in files.items()] + [f"{dist_info}/RECORD,,"]
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()

    wheel = out_dir / f"{package}-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return wheel


def main(npm_pyodide: Path, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = json.loads((npm_pyodide / "pyodide-lock.json").read_text())
    if lock["info"]["version"] != "0.26.2":
        sys.exit(f"expected Pyodide 0.26.2 in {npm_pyodide}, found {lock['info']['version']}")
    for package in ("numpy", "micropip"):
        wheel = build_wheel(package, out_dir)
        lock["packages"][package] = {
            "name": package, "version": VERSION, "file_name": wheel.name,
            "install_dir": "site", "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
            "package_type": "package", "imports": [package], "depends": [],
            "unvendored_tests": False, "shared_library": False,
        }
    (out_dir / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
