#!/usr/bin/env bash
# Screenshots of the console on real data, as docs/console.md and the README show them. Needs Xvfb:
#   apt-get install -y xvfb libgtk-3-0
#   docs/screenshots/take.sh            (from the repository root; about a minute)
# 1. demo.png: `rollscope demo` after 12 s (two peers over mildly impaired links, both on P2P).
# 2. demo-fallback.png: the same, with seat 0 forced onto the relay by `rollscope ctl` at ~6 s, shot at 12 s.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out=docs/screenshots
xvfb=(xvfb-run -a -s "-screen 0 1600x1000x24")
./rollscope --version >/dev/null  # builds once, before the timed runs

"${xvfb[@]}" ./rollscope demo --screenshot "$out/demo.png" --after 12 --exit

ready="$(mktemp -d)/demo.json"
"${xvfb[@]}" ./rollscope demo --ready-file "$ready" --screenshot "$out/demo-fallback.png" --after 12 --exit &
demo=$!
for _ in $(seq 100); do [ -f "$ready" ] && break; sleep 0.1; done
sleep 6  # let the session run and the charts fill before the forced fallback
./rollscope ctl --ready-file "$ready" force-fallback --game demo --player 0
wait "$demo"
echo "screenshots in $out"
