#!/usr/bin/env bash
# setup.sh — installs what the real-MUG e2e suite needs; idempotent and quiet. Prints the assets directory.
#
#  - Debian packages: MUG's server dependencies (mug-browser.md §3), chromium and chromedriver.
#  - npm: the CDN files MUG's index.html loads, at the versions it names (browser-assets/package.json),
#    into $ROLLSCOPE_MUG_ASSETS (default ~/.cache/rollscope/mug-e2e-assets).
#  - our numpy and micropip stand-in wheels, registered in a copy of Pyodide's lock file (pyodide-overlay/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
assets="${ROLLSCOPE_MUG_ASSETS:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/rollscope/mug-e2e-assets}"

debs=(python3 python3-flask python3-flask-socketio python3-flask-login python3-eventlet python3-msgpack
      python3-pandas python3-numpy python3-requests python3-socketio python3-websocket python3-cloudpickle
      python3-typing-extensions chromium chromium-driver fonts-liberation iproute2 libpulse0)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "mug-e2e setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # With recommends: the set verified here (pandas and eventlet use what they find, e.g. bottleneck, dnspython).
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v npm >/dev/null || { echo "mug-e2e setup: npm not found (this machine kind ships Node.js and npm)" >&2; exit 1; }
mkdir -p "$assets"
stamp="$(cat "$here/browser-assets/package.json" | sha256sum | cut -c1-16)"
if [ "$(cat "$assets/.npm-stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "mug-e2e setup: npm install of MUG's CDN files into $assets" >&2
  cp "$here/browser-assets/package.json" "$assets/package.json"
  (cd "$assets" && npm install --no-package-lock --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
  echo "$stamp" > "$assets/.npm-stamp"
fi

# Cheap enough to rebuild every time (a few kB); the wheels are byte-identical from run to run.
/usr/bin/python3 "$here/pyodide-standins/build_overlay.py" "$assets/node_modules/pyodide" "$assets/pyodide-overlay"
echo "$assets"
