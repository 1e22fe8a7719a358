#!/usr/bin/env bash
# The archive's cost on a busy relay (docs/archive.md): the same 'rollscope load' (100 sessions x 10 Hz, 3 observers)
# against a relay process with the archive off, on SQLite, and on PostgreSQL, ROUNDS times, the configurations
# alternating within each round (off, sqlite, postgresql, off, sqlite, ...) so that a machine whose load drifts
# affects all of them alike. Per run: delivery p50/p99, the relay process's CPU (user+system ticks / wall) and the
# archive writer thread's share of it; at the end the medians side by side and the archive's cost against "off".
# A benchmark, not a test: it prints figures.
#   bench/archive/relay-load.sh [SECONDS] [JDBC_URL_OF_A_POSTGRESQL|-] [SESSIONS] [ROUNDS] [OBSERVERS]
#   (no URL or -: no PostgreSQL; OBSERVERS defaults to 3, the load command's own default)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}; pg_url=${2:-}; sessions=${3:-100}; rounds=${4:-3}; observers=${5:-3}; [ "$pg_url" = "-" ] && pg_url=
./rollscope --help >/dev/null   # build once, outside the measurement
hz=$(getconf CLK_TCK)
results=$(mktemp /tmp/archive-bench-results.XXXXXX)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
thread_ticks() { # the relay-archive thread's user+system ticks, 0 without it
  for t in /proc/"$1"/task/*; do
    if [ "$(cat "$t/comm" 2>/dev/null)" = "relay-archive" ]; then awk '{print $14 + $15}' "$t/stat"; return; fi
  done; echo 0; }
threads_ticks() { # PID REGEX: the summed user+system ticks of the threads whose name matches (JIT, GC)
  local sum=0 t
  for t in /proc/"$1"/task/*; do
    if grep -Eq "$2" "$t/comm" 2>/dev/null; then sum=$((sum + $(awk '{print $14 + $15}' "$t/stat"))); fi
  done; echo "$sum"; }

run() { # NAME RELAY-ARGS...
  local name=$1; shift
  local dir; dir=$(mktemp -d /tmp/archive-bench.XXXXXX)
  ./rollscope relay --port 0 --token benchtoken --data-dir "$dir/data" --ready-file "$dir/ready.json" "$@" \
      >"$dir/relay.log" 2>&1 &
  local launcher=$!
  for _ in $(seq 1 100); do [ -f "$dir/ready.json" ] && break; sleep 0.2; done
  local pid; pid=$(pgrep -P "$launcher" java || echo "$launcher")
  local url; url=$(python3 -c "import json,sys; print(json.load(open('$dir/ready.json'))['url'])")
  # The relay's CPU is counted over the load's whole run (warm-up included: the archive writes then too).
  echo "$name: load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
  local c0 t0 w0 j0 g0; c0=$(cpu_ticks "$pid"); t0=$(thread_ticks "$pid"); w0=$(date +%s.%N)
  j0=$(threads_ticks "$pid" '^C[12] Compiler'); g0=$(threads_ticks "$pid" '^(GC Thread|G1 )')
  ./rollscope load --server "$url" --token benchtoken --sessions "$sessions" --rate 10 --observers "$observers" \
      --seconds "$seconds" --warmup-seconds 10 --switch-commands 0 --json "$dir/load.json" >"$dir/load.log" 2>&1 || true
  local c1 t1 w1 j1 g1; c1=$(cpu_ticks "$pid"); t1=$(thread_ticks "$pid"); w1=$(date +%s.%N)
  j1=$(threads_ticks "$pid" '^C[12] Compiler'); g1=$(threads_ticks "$pid" '^(GC Thread|G1 )')
  # The figures are taken; stop the relay cleanly. SIGTERM, not SIGINT: a background job of a script inherits an
  # ignored SIGINT, which the JVM keeps ignored (kill -INT would do nothing and the relay never stop). A relay that
  # has not stopped after 30 s is killed (it costs the archive at most its last second: nothing measured).
  local s0; s0=$(date +%s.%N)
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then echo "relay did not stop within 30 s of SIGTERM; killed" >&2; kill -9 "$pid"; fi
  wait "$launcher" 2>/dev/null || true
  echo "relay stopped in $(python3 -c "import time; print(round(time.time() - $s0, 1))") s"
  python3 - "$name" "$dir/load.json" "$c0" "$c1" "$t0" "$t1" "$w0" "$w1" "$hz" "$dir/data" "$results" \
      "$j0" "$j1" "$g0" "$g1" <<'PY'
import json, sys, os
name, path, c0, c1, t0, t1, w0, w1, hz, data, results, j0, j1, g0, g1 = sys.argv[1:]
r = json.load(open(path))
lat = r["delivery_latency"]
wall = float(w1) - float(w0); hz = float(hz)
relay = (int(c1) - int(c0)) / hz / wall * 100
arch = (int(t1) - int(t0)) / hz / wall * 100
jit = (int(j1) - int(j0)) / hz / wall * 100
gc = (int(g1) - int(g0)) / hz / wall * 100
size = sum(os.path.getsize(os.path.join(data, f)) for f in os.listdir(data) if f.startswith("archive.db")) if os.path.isdir(data) else 0
row = dict(name=name, p50=lat.get("p50_ms"), p99=lat.get("p99_ms"), delivered=r["delivered"], drops=r["drops"],
           relay_cpu=relay, archive_cpu=arch, jit_cpu=jit, gc_cpu=gc, size_mb=size / 1e6)
print(f"{name:10s} delivery p50 {row['p50']} ms, p99 {row['p99']} ms, delivered {r['delivered']}, drops {r['drops']}; "
      f"relay CPU {relay:.1f} % of a core, archive thread {arch:.1f} % "
      f"({(arch / relay * 100 if relay else 0):.1f} % of the relay's), JIT {jit:.1f} %, GC {gc:.1f} %; "
      f"archive file {size/1e6:.1f} MB", flush=True)
with open(results, "a") as f:
    f.write(json.dumps(row) + "\n")
PY
  rm -rf "$dir"
}

for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  run off --archive off
  run sqlite --archive on
  [ -n "$pg_url" ] && run postgresql --archive on --archive-url "$pg_url"
done

python3 - "$results" <<'PY'
import json, sys, statistics as st
rows = [json.loads(l) for l in open(sys.argv[1])]
names = [n for n in ("off", "sqlite", "postgresql") if any(r["name"] == n for r in rows)]
med = {n: {k: st.median(r[k] for r in rows if r["name"] == n and r[k] is not None)
           for k in ("p50", "p99", "relay_cpu", "archive_cpu", "jit_cpu", "gc_cpu", "drops")} for n in names}
runs = {n: sum(1 for r in rows if r["name"] == n) for n in names}
print("\nmedians of", runs)
print("| archive | runs | delivery p50 ms | delivery p99 ms | p99 vs off | relay CPU (% of a core) | CPU vs off "
      "| archive thread (% of relay CPU) | JIT / GC threads (% of a core) | drops |")
print("|---|---|---|---|---|---|---|---|---|---|")
off = med.get("off")
for n in names:
    m = med[n]
    dp99 = f"{m['p99'] - off['p99']:+.1f} ms" if off and n != "off" else "—"
    dcpu = f"{(m['relay_cpu'] - off['relay_cpu']) / m['relay_cpu'] * 100:+.1f} %" if off and n != "off" else "—"
    share = f"{m['archive_cpu'] / m['relay_cpu'] * 100:.1f} %" if n != "off" else "—"
    print(f"| {n} | {runs[n]} | {m['p50']:.1f} | {m['p99']:.1f} | {dp99} | {m['relay_cpu']:.1f} | {dcpu} | {share} "
          f"| {m['jit_cpu']:.1f} / {m['gc_cpu']:.1f} | {m['drops']:.0f} |")
PY
rm -f "$results"
exit 0
