#!/usr/bin/env bash
# Runs the broker on 127.0.0.1:5080 with demo data.
#
#   ./run.sh                         build, start a local PostgreSQL in .data/ (installing it if missing), run
#   ./run.sh token ROLE [DEPARTMENT] print a bearer token the running local broker accepts
#
# Environment: BROKER_DATA (default .data), BROKER_PG_PORT (default 55432), ConnectionStrings__Broker (use that
# database instead of a local one). Ctrl-C stops the broker and the PostgreSQL this script started.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
data=$(realpath -m "${BROKER_DATA:-$root/.data}")
pg_port=${BROKER_PG_PORT:-55432}
out="$root/src/Broker.Api/bin/Release/net10.0"
export Broker__Auth__SigningKeyFile="$data/jwt-signing.key"
# One process in role all (silo and API), its silo advertised on loopback and so listening there only, without TLS
# (docs/cluster.md); the image and Kubernetes leave the address to auto (the pod IP).
export Broker__Role=${Broker__Role:-all}
export Broker__Orleans__AdvertisedAddress=${Broker__Orleans__AdvertisedAddress:-127.0.0.1}

build() {
    dotnet build "$root/src/Broker.Api/Broker.Api.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
}

if [[ ${1:-} == token ]]; then
    shift
    [[ -f $out/Broker.Api.dll ]] || build
    cd "$out" && exec dotnet Broker.Api.dll token "$@"
fi

mkdir -p "$data"
started_pg=""
if [[ -z ${ConnectionStrings__Broker:-} ]]; then
    "$root/scripts/local-postgres.sh" ensure >/dev/null
    "$root/scripts/local-postgres.sh" start "$data/postgres" "$pg_port" >/dev/null
    started_pg=yes
    ConnectionStrings__Broker=$("$root/scripts/local-postgres.sh" url "$data/postgres" "$pg_port")
    export ConnectionStrings__Broker
    # Databases that departments order become real databases on this same server (the shared PostgreSQL service),
    # made by its own admin role; the broker's role and database stay out of their reach (docs/security.md).
    Broker__Provisioning__SharedPostgres__AdminConnectionString=$("$root/scripts/local-postgres.sh" admin-url "$data/postgres" "$pg_port")
    export Broker__Provisioning__SharedPostgres__AdminConnectionString
    export Broker__Provisioning__SharedPostgres__AdvertisedHost=127.0.0.1
    export Broker__Provisioning__SharedPostgres__AdvertisedPort="$pg_port"
fi

stop() {
    if [[ -n $started_pg ]]; then
        "$root/scripts/local-postgres.sh" stop "$data/postgres" >/dev/null || true
        started_pg=""
    fi
}
trap stop EXIT

build
export Broker__Demo__Seed=true
cat <<MSG
Broker: http://127.0.0.1:5080  (web console: sign in with a token from below; API reference: /scalar/v1, OpenAPI: /openapi/v1.json, /healthz, /readyz, /metrics)
Data:   $data
Tokens: ./run.sh token platform-admin
        ./run.sh token dept-admin housing-fund        (also dept-member, dept-reader; departments:
        ./run.sh token finance                          district-office housing-fund social-insurance finance-bureau)
        ./run.sh token metrics-reader                   (for /metrics: the Prometheus scraper's role)
Try:    curl -H "Authorization: Bearer \$(./run.sh token dept-admin housing-fund)" http://127.0.0.1:5080/api/departments/housing-fund/quota
MSG
cd "$out"
# Not exec: the trap must stop PostgreSQL after the broker exits.
dotnet Broker.Api.dll &
broker=$!
if [[ -n $started_pg ]]; then
    # The broker's role is no superuser, so the audit log's owner is set by the superuser once the broker has migrated.
    "$root/scripts/local-postgres.sh" protect-audit "$data/postgres" "$pg_port" >/dev/null &
fi
trap 'kill -TERM $broker 2>/dev/null || true' INT TERM
wait $broker || true
wait $broker 2>/dev/null || true
