#!/usr/bin/env bash
# Runs one benchmark of the broker against a private, durable PostgreSQL that the harness starts and removes.
#
#   bench/run.sh NAME [--quick]     NAME: quota, chargeback, provisioning, fairness, imports, reconcile
#
# Builds Release, prints a table as it goes and, last, a one-line JSON summary (stdout; progress goes to stderr).
# Exit status: 0 ok, 2 bad usage, 3 the benchmark found a correctness problem (e.g. overcommit).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# Keep in step with the table in bench/Broker.Bench/Program.cs.
known=(quota chargeback provisioning fairness imports reconcile)

usage() {
    echo "usage: bench/run.sh NAME [--quick]   (NAME: ${known[*]})" >&2
    exit 2
}

(($# >= 1 && $# <= 2)) || usage
name=$1
args=("$name")
if (($# == 2)); then
    [[ $2 == --quick ]] || usage
    args+=(--quick)
fi
if [[ " ${known[*]} " != *" $name "* ]]; then
    echo "bench/run.sh: unknown benchmark '$name' (known: ${known[*]})" >&2
    exit 2
fi

# The harness starts its own PostgreSQL from the local binaries; install them on a fresh machine.
"$root/scripts/local-postgres.sh" ensure >/dev/null
dotnet build "$root/bench/Broker.Bench/Broker.Bench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet "$root/bench/Broker.Bench/bin/Release/net10.0/Broker.Bench.dll" "${args[@]}"
