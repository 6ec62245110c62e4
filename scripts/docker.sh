#!/usr/bin/env bash
# The local Docker engine that the image build (scripts/image.sh) and the container test lanes use: Debian's docker.io,
# since no other registry is reachable here.
#
#   docker.sh ensure      install docker.io when dockerd is missing, start dockerd when the engine does not answer;
#                         exits non-zero and says why when Docker cannot run here
#   docker.sh available   exit 0 when the engine answers, 1 otherwise; prints nothing
#
# API version: Debian bookworm's engine (20.10) speaks Docker Engine API 1.41, older than the default of recent
# clients (a newer docker CLI on PATH, Testcontainers' Docker.DotNet). This script talks to the engine with
# DOCKER_API_VERSION=1.41 (unless you exported another value) and the test fixtures set the same; export it in your own
# shell when a client refuses with "client version ... is too new".
#
# dockerd, when started here, runs in the background (it outlives this script) and logs to /var/log/dockerd.log;
# stop it with `kill $(cat /var/run/docker.pid)`.
set -euo pipefail

export DOCKER_API_VERSION=${DOCKER_API_VERSION:-1.41}
log=/var/log/dockerd.log
# Starting takes a second or two here; a slow disk or a first start that sets up its storage can take longer.
start_timeout=60

die() {
    echo "docker: $*" >&2
    exit 1
}

usage() {
    sed -n '5,7p' "$0" | sed 's/^# *//' >&2
    exit 2
}

answers() {
    command -v docker >/dev/null && docker info >/dev/null 2>&1
}

install_engine() {
    ((EUID == 0)) || die "dockerd is not installed, and installing Debian's docker.io needs root (apt-get install docker.io)"
    command -v apt-get >/dev/null || die "dockerd is not installed and there is no apt-get to install Debian's docker.io with"
    echo "docker: installing Debian's docker.io" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # A package's own attempt to start the service fails harmlessly where there is no init system; we start it below.
    apt-get install -y -qq docker.io >&2 || die "apt-get install docker.io failed (see above)"
    command -v dockerd >/dev/null || die "docker.io was installed but dockerd is not on PATH"
}

start_engine() {
    ((EUID == 0)) || die "the Docker engine does not answer and starting dockerd needs root; start it (e.g. 'systemctl start docker') or add yourself to the docker group"
    if [[ -n ${DOCKER_HOST:-} && $DOCKER_HOST != unix:///var/run/docker.sock ]]; then
        die "DOCKER_HOST=$DOCKER_HOST does not answer; not starting a local dockerd in its place"
    fi
    local pid
    # A dockerd that is still starting (or hung) owns the pid file: wait for it instead of starting a second one.
    if [[ -s /var/run/docker.pid ]] && pid=$(<"/var/run/docker.pid") && kill -0 "$pid" 2>/dev/null; then
        echo "docker: dockerd (pid $pid) is running but not answering yet; waiting" >&2
    else
        echo "docker: starting dockerd (log: $log)" >&2
        mkdir -p "$(dirname "$log")"
        # setsid + nohup: the engine must outlive this script and the test run that called it.
        setsid nohup dockerd >>"$log" 2>&1 </dev/null &
        pid=$!
    fi
    local waited
    for ((waited = 0; waited < start_timeout * 2; waited++)); do
        answers && return 0
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 15 "$log" >&2 || true
            die "dockerd exited during start; the lines above are the end of $log"
        fi
        sleep 0.5
    done
    tail -n 15 "$log" >&2 || true
    die "dockerd did not answer within ${start_timeout} s; the lines above are the end of $log"
}

cmd_ensure() {
    answers && return 0
    command -v dockerd >/dev/null && command -v docker >/dev/null || install_engine
    start_engine
    echo "docker: engine $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?') answering" >&2
}

case ${1:-} in
    ensure) cmd_ensure ;;
    available) answers ;;
    *) usage ;;
esac
