#!/usr/bin/env bash
# run.sh [maven args...] — the real-MUG end-to-end suite: set up (apt, npm, stand-in wheels), then run the
# e2e Maven profile inside a network namespace of its own, deleted afterwards. Extra arguments go to Maven,
# e.g.  testing/mug-e2e/run.sh -Dtest=RealMugGameTest
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

ROLLSCOPE_MUG_ASSETS="$("$here/setup.sh" | tail -n 1)"
export ROLLSCOPE_MUG_ASSETS

# Only the e2e module is cleaned (reports of an earlier run would be counted by .ci/run); the modules it depends on
# keep the reports of the main `mvn verify`. Maven fetches what it needs out here (the namespace has no route off
# the machine) without running a test, then runs offline inside.
mvn -B -q -Pmug-e2e -pl e2e clean
mvn -B -q -Pmug-e2e -pl e2e -am verify -Dtest=NoTestHere -Dsurefire.failIfNoSpecifiedTests=false

# Namespaces left by runs that were killed before their trap ran (named after their pid).
for old in $(ip netns list | grep -o '^rollscope-e2e-[0-9]*' || true); do
  kill -0 "${old##*-}" 2>/dev/null || "$here/netns.sh" down "$old"
done

ns="rollscope-e2e-$$"
trap '"$here/netns.sh" down "$ns"' EXIT
"$here/netns.sh" up "$ns"
# -am builds the modules e2e depends on; the test filter keeps their own tests from running again in here
# (a -Dtest=... given to this script comes later on the line and wins).
ROLLSCOPE_E2E_NETNS="$ns" ip netns exec "$ns" mvn -B -o -Pmug-e2e -pl e2e -am verify \
  -Dtest='org/rollscope/e2e/**/*' -Dsurefire.failIfNoSpecifiedTests=false "$@"
