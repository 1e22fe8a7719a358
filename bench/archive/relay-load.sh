#!/usr/bin/env bash
# The archive's cost on a busy relay (docs/archive.md): the same 'rollscope load' (100 sessions x 10 Hz, 3 observers)
# against a relay with the archive off, on SQLite, and on PostgreSQL; prints delivery p50/p99, the relay process's CPU
# and the archive writer thread's share of it. A benchmark, not a test: it prints figures.
#   bench/archive/relay-load.sh [SECONDS] [JDBC_URL_OF_A_POSTGRESQL|-] [SESSIONS]   (no URL or -: no PostgreSQL run)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}; pg_url=${2:-}; sessions=${3:-100}; [ "$pg_url" = "-" ] && pg_url=
./rollscope --help >/dev/null   # build once, outside the measurement
hz=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
thread_ticks() { # the relay-archive thread's user+system ticks, 0 without it
  for t in /proc/"$1"/task/*; do
    if [ "$(cat "$t/comm" 2>/dev/null)" = "relay-archive" ]; then awk '{print $14 + $15}' "$t/stat"; return; fi
  done; echo 0; }

run() { # NAME RELAY-ARGS...
  local name=$1; shift
  local dir; dir=$(mktemp -d /tmp/archive-bench.XXXXXX)
  ./rollscope relay --port 0 --token benchtoken --data-dir "$dir/data" --ready-file "$dir/ready.json" "$@" \
      >"$dir/relay.log" 2>&1 &
  local launcher=$!
  for _ in $(seq 1 100); do [ -f "$dir/ready.json" ] && break; sleep 0.2; done
  local pid; pid=$(pgrep -P "$launcher" java || echo "$launcher")
  local url; url=$(python3 -c "import json,sys; print(json.load(open('$dir/ready.json'))['url'])")
  local c0 t0 w0; c0=$(cpu_ticks "$pid"); t0=$(thread_ticks "$pid"); w0=$(date +%s.%N)
  ./rollscope load --server "$url" --token benchtoken --sessions "$sessions" --rate 10 --observers 3 \
      --seconds "$seconds" --warmup-seconds 10 --switch-commands 0 --json "$dir/load.json" >"$dir/load.log" 2>&1 || true
  local c1 t1 w1; c1=$(cpu_ticks "$pid"); t1=$(thread_ticks "$pid"); w1=$(date +%s.%N)
  kill -INT "$pid" 2>/dev/null || true; wait "$launcher" 2>/dev/null || true
  python3 - "$name" "$dir/load.json" "$c0" "$c1" "$t0" "$t1" "$w0" "$w1" "$hz" "$dir/data" <<'PY'
import json, sys, os
name, path, c0, c1, t0, t1, w0, w1, hz, data = sys.argv[1:]
r = json.load(open(path))
lat = r["delivery_latency"]
wall = float(w1) - float(w0); hz = float(hz)
relay = (int(c1) - int(c0)) / hz / wall * 100
arch = (int(t1) - int(t0)) / hz / wall * 100
size = sum(os.path.getsize(os.path.join(data, f)) for f in os.listdir(data) if f.startswith("archive.db")) if os.path.isdir(data) else 0
print(f"{name:10s} delivery p50 {lat.get('p50_ms')} ms, p99 {lat.get('p99_ms')} ms, delivered {r['delivered']}, "
      f"drops {r['drops']}; relay CPU {relay:.1f} % of a core, archive thread {arch:.1f} % "
      f"({(arch / relay * 100 if relay else 0):.1f} % of the relay's); archive file {size/1e6:.1f} MB")
PY
  rm -rf "$dir"
}

run off --archive off
run sqlite --archive on
[ -n "$pg_url" ] && run postgresql --archive on --archive-url "$pg_url"
exit 0
