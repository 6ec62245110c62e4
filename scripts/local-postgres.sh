#!/usr/bin/env bash
# A private PostgreSQL cluster for Broker, kept in a data folder of our choosing.
# It is independent of Debian's own "main" cluster and of system services, so
# run.sh works the same on a fresh machine, in a container, or on a dev box.
#
#   local-postgres.sh ensure               install server binaries if missing; print their bin dir
#   local-postgres.sh start DATADIR PORT   create the cluster on first use, then start it (idempotent)
#   local-postgres.sh stop DATADIR         fast shutdown; the data is kept
#   local-postgres.sh url DATADIR PORT     print the broker's Npgsql connection string (role broker)
#   local-postgres.sh admin-url DATADIR PORT  print the shared database service's admin connection string
#   local-postgres.sh protect-audit DATADIR PORT  once the broker has migrated, hand its audit log to broker_audit_owner
#                                          (infra/postgres/audit-owner.sql; waits up to 120 s for the migration)
#
# Layout of DATADIR: pgdata/ (the cluster), run/ (unix socket), postgres.log,
# pg-password (superuser password), broker-password and broker_shared-password (mode 600).
#
# Least privilege (docs/security.md): the broker connects as 'broker', no superuser, owning only its schemas in the
# database 'broker'; tenant databases are made by 'broker_shared', which has CREATEDB and CREATEROLE only; no tenant
# role can connect to 'broker', 'postgres' or 'template1' (infra/postgres/*.sql, applied on every start).
set -euo pipefail

die() {
    echo "local-postgres: $*" >&2
    exit 1
}

here=$(cd "$(dirname "$0")" && pwd)

usage() {
    sed -n '6,10p' "$0" | sed 's/^# *//' >&2
    exit 2
}

# Debian installs server binaries in /usr/lib/postgresql/<ver>/bin, which is not
# on PATH; pick the newest. Fall back to PATH for non-Debian dev machines.
# Prints nothing when there are none.
find_bin_dir() {
    local dir candidates=()
    for dir in /usr/lib/postgresql/*/bin; do
        if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then
            candidates+=("$dir")
        fi
    done
    if ((${#candidates[@]} > 0)); then
        printf '%s\n' "${candidates[@]}" | sort -V | tail -n 1
    elif command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(command -v pg_ctl)"
    fi
}

cmd_ensure() {
    local bin
    bin=$(find_bin_dir)
    if [[ -z $bin ]]; then
        [[ $EUID -eq 0 ]] || die "PostgreSQL server binaries not found; run '$0 ensure' as root (it installs Debian's postgresql package)"
        # We only ever run private clusters, so ask postgresql-common not to create
        # (and start) its own "main" cluster on port 5432. Only done when the file
        # does not exist yet, so an admin's settings are never overwritten;
        # UCF_FORCE_CONFFOLD makes the package keep our file without prompting.
        if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
            mkdir -p /etc/postgresql-common
            echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
        fi
        # apt output goes to stderr: callers capture stdout to get the bin dir.
        apt-get update >&2
        DEBIAN_FRONTEND=noninteractive UCF_FORCE_CONFFOLD=1 apt-get install -y postgresql >&2
        bin=$(find_bin_dir)
        [[ -n $bin ]] || die "postgresql was installed but no server binaries were found under /usr/lib/postgresql"
    fi
    echo "$bin"
}

# initdb and postgres refuse to run as root, so as root the cluster belongs to
# the 'postgres' OS user (created by the Debian package); otherwise to us.
as_owner() {
    if [[ $EUID -eq 0 ]]; then
        # cd / so the postgres user never starts in a directory it cannot read.
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# Make a path absolute without requiring it to exist (pg_ctl needs absolute paths
# because as_owner changes directory).
abs_path() {
    [[ -n ${1:-} ]] || usage
    realpath -m -- "$1"
}

check_port() {
    [[ ${1:-} =~ ^[0-9]+$ ]] && (($1 > 0 && $1 < 65536)) || die "invalid port '${1:-}'"
}

is_running() { # bin pgdata
    [[ -f $2/postmaster.pid ]] && as_owner "$1/pg_ctl" status -D "$2" >/dev/null 2>&1
}

cmd_start() {
    local datadir port bin pgdata sockdir log
    datadir=$(abs_path "${1:-}")
    port=${2:-}
    check_port "$port"
    bin=$(cmd_ensure)
    pgdata=$datadir/pgdata
    sockdir=$datadir/run
    log=$datadir/postgres.log

    if is_running "$bin" "$pgdata"; then
        local running_port
        running_port=$(sed -n 4p "$pgdata/postmaster.pid")
        if [[ $running_port != "$port" ]]; then
            echo "local-postgres: warning: already running on port $running_port, not $port" >&2
        fi
        secure "$datadir" "$bin" "$sockdir" "$running_port"
        echo "local-postgres: already running ($pgdata)" >&2
        return 0
    fi

    # Values below end up inside single-quoted config strings, and unix socket
    # paths are limited to 107 bytes by the kernel.
    [[ $datadir != *"'"* ]] || die "DATADIR must not contain a single quote"
    ((${#sockdir} + 18 < 108)) || die "DATADIR path is too long for a unix socket path: $datadir"

    mkdir -p "$datadir" "$pgdata" "$sockdir"
    touch "$log"
    if [[ $EUID -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "the 'postgres' OS user does not exist (it comes with Debian's postgresql package)"
        chown postgres: "$pgdata" "$sockdir" "$log"
        as_owner test -w "$pgdata" ||
            die "the postgres OS user cannot reach $pgdata; choose a DATADIR whose parent folders are world-searchable (e.g. not under /root)"
    fi
    # Only the owner may use the socket: that is what makes 'local trust' below safe.
    chmod 700 "$pgdata" "$sockdir"

    if [[ ! -f $pgdata/PG_VERSION ]]; then
        echo "local-postgres: creating cluster in $pgdata" >&2
        as_owner "$bin/initdb" -D "$pgdata" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 >/dev/null
        cat >>"$pgdata/postgresql.conf" <<EOF

# --- added by scripts/local-postgres.sh ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sockdir'
unix_socket_permissions = 0700
password_encryption = 'scram-sha-256'
EOF
        cat >"$pgdata/pg_hba.conf" <<'EOF'
# Written by scripts/local-postgres.sh.
# Unix socket: its directory and the socket are 0700, so only the cluster's OS
# owner (and root) can reach it; trust lets the script administer without a password.
local all all trust
# TCP: loopback only, password required.
host  all all 127.0.0.1/32 scram-sha-256
EOF
    fi

    # The superuser password lives next to the cluster, readable only by whoever
    # runs this script. Hex from od: no quoting problems anywhere it is pasted.
    if [[ ! -s $datadir/pg-password ]]; then
        (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$datadir/pg-password")
    fi
    chmod 600 "$datadir/pg-password"

    # The port is given per start (not stored in the config) so DATADIR can be
    # reused with another port; it is validated as numeric above.
    if ! as_owner "$bin/pg_ctl" start -w -t 60 -D "$pgdata" -l "$log" -o "-p $port" >&2; then
        tail -n 20 "$log" >&2 || true
        die "could not start PostgreSQL; see $log"
    fi

    local -a psql=(as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sockdir" -p "$port" -U postgres -d postgres)
    # Re-apply the password on every start: cheap, and repairs a deleted password
    # file. Sent on stdin so it never appears in the process list.
    "${psql[@]}" <<<"ALTER ROLE postgres PASSWORD '$(<"$datadir/pg-password")';"
    if [[ -z $("${psql[@]}" -tA -c "SELECT 1 FROM pg_database WHERE datname = 'broker'") ]]; then
        "${psql[@]}" -c 'CREATE DATABASE broker'
    fi
    secure "$datadir" "$bin" "$sockdir" "$port"
    echo "local-postgres: running on 127.0.0.1:$port ($pgdata)" >&2
}

# The broker's role and the shared service's admin role, their passwords (re-applied on every start, like the
# superuser's), and the grants of infra/postgres/*.sql. Parameters go in with set_config, the scripts on stdin, so
# the postgres OS user never needs to read the repository.
secure() { # datadir bin sockdir port
    local datadir=$1 role
    local -a psql=(as_owner "$2/psql" -X -q -v ON_ERROR_STOP=1 -h "$3" -p "$4" -U postgres)
    for role in broker broker_shared; do
        if [[ ! -s $datadir/$role-password ]]; then
            (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$datadir/$role-password")
        fi
        chmod 600 "$datadir/$role-password"
        "${psql[@]}" -d postgres <<SQL
SELECT 'CREATE ROLE $role LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') \gexec
ALTER ROLE $role PASSWORD '$(<"$datadir/$role-password")';
SQL
    done
    { echo "SELECT set_config('broker.app_role', 'broker', false);"; cat "$here/../infra/postgres/broker-database.sql"; } | "${psql[@]}" -d broker >/dev/null
    { echo "SELECT set_config('broker.admin_role', 'broker_shared', false), set_config('broker.protected_databases', 'broker', false);"
      cat "$here/../infra/postgres/shared-service.sql"; } | "${psql[@]}" -d postgres >/dev/null
}

# The audit log's owner script needs the broker's migrations applied, which the broker does at its start, after this
# script started the cluster; so it waits (bounded) for the audit chain to exist, then applies the script as the
# superuser. Idempotent: run.sh calls it on every start.
cmd_protect_audit() {
    local datadir port bin sockdir
    datadir=$(abs_path "${1:-}")
    port=${2:-}
    [[ -n $port ]] || usage
    bin=$(find_bin_dir)
    sockdir="$datadir/run"
    local -a psql=(as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sockdir" -p "$port" -U postgres -d broker)
    local tries
    for ((tries = 0; tries < 240; tries++)); do
        if [[ $("${psql[@]}" -tA -c "SELECT to_regclass('broker.audit_chains') IS NOT NULL" 2>/dev/null) == t ]]; then
            "${psql[@]}" <"$here/../infra/postgres/audit-owner.sql" >/dev/null
            return 0
        fi
        sleep 0.5
    done
    die "the broker's audit chain did not appear within 120 s; run this again once the broker has started"
}

cmd_stop() {
    local datadir bin
    datadir=$(abs_path "${1:-}")
    bin=$(find_bin_dir)
    if [[ -n $bin ]] && is_running "$bin" "$datadir/pgdata"; then
        as_owner "$bin/pg_ctl" stop -w -m fast -D "$datadir/pgdata" >&2
    else
        echo "local-postgres: not running ($datadir/pgdata)" >&2
    fi
}

cmd_url() {
    local datadir port
    datadir=$(abs_path "${1:-}")
    port=${2:-}
    check_port "$port"
    [[ -r $datadir/pg-password ]] || die "no $datadir/pg-password; run '$0 start $datadir $port' first"
    [[ -r $datadir/broker-password ]] || die "no $datadir/broker-password; run '$0 start $datadir $port' first"
    echo "Host=127.0.0.1;Port=$port;Username=broker;Password=$(<"$datadir/broker-password");Database=broker"
}

cmd_admin_url() {
    local datadir port
    datadir=$(abs_path "${1:-}")
    port=${2:-}
    check_port "$port"
    [[ -r $datadir/broker_shared-password ]] || die "no $datadir/broker_shared-password; run '$0 start $datadir $port' first"
    echo "Host=127.0.0.1;Port=$port;Username=broker_shared;Password=$(<"$datadir/broker_shared-password");Database=postgres"
}

case ${1:-} in
    ensure) cmd_ensure ;;
    start) cmd_start "${@:2}" ;;
    stop) cmd_stop "${@:2}" ;;
    url) cmd_url "${@:2}" ;;
    admin-url) cmd_admin_url "${@:2}" ;;
    protect-audit) cmd_protect_audit "${@:2}" ;;
    *) usage ;;
esac
