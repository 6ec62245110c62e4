#!/bin/bash
# Like the official postgres image's entrypoint, for what the broker's tests use: on first start (an empty $PGDATA) it
# creates the cluster with superuser POSTGRES_USER (default postgres) and password POSTGRES_PASSWORD (required), and
# database POSTGRES_DB (default: the user's name), then runs *.sql and *.sh from /docker-entrypoint-initdb.d. Arguments
# that start with '-' go to postgres ("-c fsync=off", as Testcontainers' WithCommand passes them).
set -euo pipefail

if [[ ${1:-} == -* ]]; then
    set -- postgres "$@"
fi

init_cluster() {
    local user=${POSTGRES_USER:-postgres}
    local db=${POSTGRES_DB:-$user}
    if [[ -z ${POSTGRES_PASSWORD:-} ]]; then
        echo "docker-entrypoint: POSTGRES_PASSWORD is not set; it is required (the server listens on every address)" >&2
        exit 1
    fi
    local pwfile
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
    # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of words, as in the official image.
    initdb -D "$PGDATA" --username="$user" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 ${POSTGRES_INITDB_ARGS:-} >/dev/null
    rm -f "$pwfile"
    echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"

    # A server on the socket only, so nothing outside (pg_isready over TCP, say) sees it before the set-up is done.
    pg_ctl -D "$PGDATA" -w -t 60 -o "-c listen_addresses=''" start >/dev/null
    local -a psql=(psql -X -q -v ON_ERROR_STOP=1 --username "$user" --dbname postgres)
    if [[ $db != postgres ]]; then
        "${psql[@]}" --set db="$db" <<<'CREATE DATABASE :"db";'
    fi
    local file
    for file in /docker-entrypoint-initdb.d/*; do
        case $file in
            *.sql) "${psql[@]}" --dbname "$db" -f "$file" ;;
            *.sh) source "$file" ;;
            *) ;;
        esac
    done
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
    echo "docker-entrypoint: cluster created in $PGDATA (user $user, database $db)" >&2
}

if [[ ${1:-} == postgres && ! -s $PGDATA/PG_VERSION ]]; then
    shopt -s nullglob
    init_cluster
fi

exec "$@"
