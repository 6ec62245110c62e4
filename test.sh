#!/usr/bin/env bash
# Runs every test. PostgreSQL comes from BROKER_TEST_POSTGRES if set, else a throwaway cluster from Debian's
# binaries (installed here when missing), chromium for the web console's tests, kubectl and promtool for the
# operations tests (likewise). Prints "N passed, N failed" last.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
if [[ -z ${BROKER_TEST_POSTGRES:-} ]]; then
    scripts/local-postgres.sh ensure >/dev/null
fi
# The web console's tests drive a real browser (Debian's chromium).
scripts/browser.sh ensure >/dev/null
# The operations tests render infra/k8s (kubectl kustomize) and check infra/prometheus (promtool).
scripts/tools.sh ensure >/dev/null

# --- Container lanes (issue 15): the image and the tests that run it ----------------------------------------------
# Docker is Debian's docker.io, installed and started by scripts/docker.sh when missing; the images (broker:local,
# broker-postgres:local) are built here by scripts/image.sh, since no registry is reachable. The tests that need them
# (trait Lane=containers: the image tests and the failure drills) run after the rest of the suite, alone: the drills
# measure how the cluster recovers, and the rest of the suite competing for the same cores would measure the machine.
# When Docker cannot run on this machine they are left out and one line says why.
containers=""
docker_log=$(mktemp)
if scripts/docker.sh ensure 2>"$docker_log"; then
    cat "$docker_log" >&2
    scripts/image.sh
    containers=yes
else
    echo "test.sh: container lanes skipped: $(tail -n 1 "$docker_log")"
fi
rm -f "$docker_log"
# --- end of container lanes -----------------------------------------------------------------------------------------

results="$root/TestResults"
rm -rf "$results"
dotnet build Broker.sln -c Release -nologo -clp:ErrorsOnly
status=0
# Extra arguments (a --filter, say) go to every dotnet test below.
run_tests() {
    local into=$1
    shift
    dotnet test "$@" -c Release --no-build -nologo --results-directory "$results/$into" --logger "trx" --logger "console;verbosity=normal" || status=$?
}
run_tests suite Broker.sln --filter "Lane!=containers" "$@"
if [[ -n $containers ]]; then
    for project in tests/Broker.Image.Tests tests/Broker.Drills.Tests; do
        run_tests "containers-$(basename "$project")" "$project" --filter "Lane=containers" "$@"
    done
fi

# Sum the counters of every project's TRX file (awk only: nothing beyond the SDK is assumed).
summary=$(cat "$results"/*/*.trx 2>/dev/null | awk '
    /<Counters / {
        for (i = 1; i <= NF; i++) {
            if ($i ~ /^passed=/) { gsub(/[^0-9]/, "", $i); p += $i }
            if ($i ~ /^failed=/) { gsub(/[^0-9]/, "", $i); f += $i }
            if ($i ~ /^error=/) { gsub(/[^0-9]/, "", $i); f += $i }
        }
    }
    END { printf "%d passed, %d failed\n", p, f }')
echo "$summary"
exit $status
