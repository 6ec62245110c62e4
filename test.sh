#!/usr/bin/env bash
# Runs every test. PostgreSQL comes from BROKER_TEST_POSTGRES if set, else a throwaway cluster from Debian's
# binaries (installed here when missing), and chromium for the web console's tests (likewise). Prints "N passed, N failed" last.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
if [[ -z ${BROKER_TEST_POSTGRES:-} ]]; then
    scripts/local-postgres.sh ensure >/dev/null
fi
# The web console's tests drive a real browser (Debian's chromium).
scripts/browser.sh ensure >/dev/null

# --- Container lanes (issue 15): the image and the tests that run it ----------------------------------------------
# Docker is Debian's docker.io, installed and started by scripts/docker.sh when missing; the images (broker:local,
# broker-postgres:local) are built here by scripts/image.sh, since no registry is reachable. When Docker cannot run on
# this machine, the tests that need it (trait Lane=containers) are left out and one line says why.
container_filter=()
docker_log=$(mktemp)
if scripts/docker.sh ensure 2>"$docker_log"; then
    cat "$docker_log" >&2
    scripts/image.sh
else
    echo "test.sh: container lanes skipped: $(tail -n 1 "$docker_log")"
    container_filter=(--filter "Lane!=containers")
fi
rm -f "$docker_log"
# --- end of container lanes -----------------------------------------------------------------------------------------

results="$root/TestResults"
rm -rf "$results"
dotnet build Broker.sln -c Release -nologo -clp:ErrorsOnly
status=0
dotnet test Broker.sln -c Release --no-build -nologo --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" "${container_filter[@]}" "$@" || status=$?

# Sum the counters of every project's TRX file (awk only: nothing beyond the SDK is assumed).
summary=$(cat "$results"/*.trx 2>/dev/null | awk '
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
