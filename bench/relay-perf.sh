#!/usr/bin/env bash
# The relay's CPU per ingested sample, delivery latency and drops under 'rollscope load --relay-process' (the relay in
# its own JVM, 3 observers, 10 Hz, its whole process's CPU measured): SESSIONS (default 100 250 500), ROUNDS times,
# sizes and builds alternating within each round so that a machine whose load drifts affects all alike; at the end
# the medians side by side. With a BASELINE classpath (another build's "app/target/rollscope-app.jar:app/target/lib/*")
# every run is made twice, the relay once from that build and once from this one, under this build's driver.
# A benchmark, not a test: it prints figures (docs/relay-performance.md).
#   bench/relay-perf.sh [SECONDS] [ROUNDS] [BASELINE_CLASSPATH|-] [SESSIONS...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}; rounds=${2:-3}; baseline=${3:--}; shift $(( $# < 3 ? $# : 3 ))
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(100 250 500)
./rollscope --help >/dev/null   # build once, outside the measurement
cp="app/target/rollscope-app.jar:app/target/lib/*"
results=$(mktemp /tmp/relay-perf-results.XXXXXX)
builds=(current); [ "$baseline" != "-" ] && builds=(baseline current)

run() { # BUILD SESSIONS
  local build=$1 sessions=$2 json; json=$(mktemp /tmp/relay-perf.XXXXXX.json)
  local extra=(); [ "$build" = baseline ] && extra=(--relay-classpath "$baseline")
  java -cp "$cp" org.rollscope.app.Main load --relay-process "${extra[@]}" --sessions "$sessions" --rate 10 \
      --observers 3 --seconds "$seconds" --warmup-seconds 10 --switch-commands 0 --json "$json" >/dev/null 2>&1 || true
  python3 - "$build" "$sessions" "$json" "$results" <<'PY'
import json, sys
build, sessions, path, results = sys.argv[1:]
try:
    r = json.load(open(path))
except (OSError, ValueError):
    print(f"{build:8s} {sessions:>4s} sessions: no report (the run failed)", flush=True); sys.exit()
cpu, lat = r["cpu"], r["delivery_latency"]
row = dict(build=build, sessions=int(sessions), us=cpu.get("relay_cpu_us_per_sample"), p50=lat.get("p50_ms"),
           p99=lat.get("p99_ms"), drops=r["drops"], lost_peers=r["disconnected_peers"],
           relay_pct=cpu.get("relay_cpu_pct_of_core"), load=cpu["load_average_start"])
print(f"{build:8s} {sessions:>4s} sessions: relay {row['us']} us/sample ({row['relay_pct']} % of a core), delivery "
      f"p50 {row['p50']} ms p99 {row['p99']} ms, drops {row['drops']}, peers lost {row['lost_peers']}; "
      f"load average {row['load']:.1f}", flush=True)
open(results, "a").write(json.dumps(row) + "\n")
PY
  rm -f "$json"
}

for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds ($(uptime | sed 's/.*load/load/'))"
  for sessions in "${sizes[@]}"; do
    for build in "${builds[@]}"; do run "$build" "$sessions"; done
  done
done

python3 - "$results" <<'PY'
import json, sys, statistics as st
rows = [json.loads(l) for l in open(sys.argv[1])]
def med(v):
    v = [x for x in v if x is not None]
    return st.median(v) if v else float("nan")
print("\nmedians (relay in its own JVM, 3 observers, 10 Hz; CPU = the relay process's user+system over the window)")
print("| build | sessions | runs | relay CPU us/sample | relay CPU % of a core | delivery p50 ms | delivery p99 ms "
      "| drops | load average |")
print("|---|---|---|---|---|---|---|---|---|")
for b in ("baseline", "current"):
    for n in sorted({r["sessions"] for r in rows}):
        rs = [r for r in rows if r["build"] == b and r["sessions"] == n]
        if rs:
            print(f"| {b} | {n} | {len(rs)} | {med(r['us'] for r in rs):.1f} | {med(r['relay_pct'] for r in rs):.0f} "
                  f"| {med(r['p50'] for r in rs):.1f} | {med(r['p99'] for r in rs):.1f} "
                  f"| {med(r['drops'] for r in rs):.0f} | {med(r['load'] for r in rs):.1f} |")
PY
rm -f "$results"
