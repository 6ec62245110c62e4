#!/usr/bin/env bash
# The command-line tools the operations tests run (tests/Broker.Api.Tests/Operations):
#   kubectl    renders infra/k8s with `kubectl kustomize` (any kubectl of 1.27 or later: kustomize v5 syntax)
#   promtool   checks and unit-tests infra/prometheus (Debian's prometheus package)
#
#   tools.sh ensure    install what is missing; say plainly what cannot be installed here
set -euo pipefail

die() {
    echo "tools: $*" >&2
    exit 1
}

[[ ${1:-} == ensure ]] || { echo "usage: tools.sh ensure" >&2; exit 2; }

apt_updated=false
apt_install() {
    ((EUID == 0)) || die "$1 is missing; install Debian's $2 package (as root: apt-get install $2)"
    export DEBIAN_FRONTEND=noninteractive
    if ! $apt_updated; then
        apt-get update -qq >&2
        apt_updated=true
    fi
    echo "tools: installing Debian's $2 package for $1" >&2
    apt-get install -y -qq --no-install-recommends "$2" >&2 || die "could not install Debian's $2 package (for $1)"
}

if ! command -v promtool >/dev/null; then
    apt_install promtool prometheus
    # The package starts a Prometheus server as a service; the tests need only its promtool.
    systemctl disable --now prometheus >/dev/null 2>&1 || true
fi

# kubectl: the Kubernetes project's own package (its apt repository is added when missing and reachable), else
# Debian's kubernetes-client, which bookworm ships at 1.20 with a kustomize too old for these manifests (it is refused
# below with that reason).
k8s_repo=https://pkgs.k8s.io/core:/stable:/v1.32/deb/
add_kubernetes_repository() {
    ((EUID == 0)) || return 1
    [[ -f /etc/apt/sources.list.d/kubernetes.list ]] && return 0
    apt_install curl curl && apt_install gpg gpg || return 1
    mkdir -p -m 755 /etc/apt/keyrings
    curl -fsSL --max-time 30 "${k8s_repo}Release.key" | gpg --dearmor --yes -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg || {
        echo "tools: the Kubernetes apt repository ($k8s_repo) is not reachable" >&2
        return 1
    }
    echo "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] $k8s_repo /" >/etc/apt/sources.list.d/kubernetes.list
    apt-get update -qq >&2
}
if ! command -v kubectl >/dev/null; then
    if apt-cache policy kubectl 2>/dev/null | grep -q 'Candidate: [0-9]' || { add_kubernetes_repository && apt-cache policy kubectl 2>/dev/null | grep -q 'Candidate: [0-9]'; }; then
        apt_install kubectl kubectl
    else
        apt_install kubectl kubernetes-client
    fi
fi

kustomize=$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p')
[[ -n $kustomize && $kustomize -ge 5 ]] ||
    die "kubectl at $(command -v kubectl) has no kustomize v5 or later (kubectl 1.27+ needed to render infra/k8s); install a newer kubectl"
echo "tools: kubectl $(command -v kubectl) (kustomize v$kustomize), promtool $(command -v promtool)"
