#!/usr/bin/env bash
# Certificates for the broker cluster's mutual TLS (Broker:Orleans:Tls:Directory; docs/cluster.md), made with openssl.
#
#   cluster-certs.sh DIR                 a CA (on first use) and one certificate for every broker process:
#                                        DIR/tls.crt, DIR/tls.key, DIR/ca.crt, ready to be the TLS directory or a
#                                        Kubernetes Secret (kubectl create secret generic broker-cluster-tls --from-file=DIR)
#   cluster-certs.sh DIR NAME...         one certificate per process instead: DIR/NAME/{tls.crt,tls.key,ca.crt}
#
# The CA lives in DIR/ca/ (ca.key, ca.crt) and is reused by later runs, so more or renewed certificates come from the
# same CA; ca.key is the cluster's key to admission: keep it out of the Secret (it is in a subfolder, which
# --from-file skips) and off the cluster. Existing tls.* files are replaced, which is how a certificate is renewed.
#
# Environment: CLUSTER_CERT_DAYS (default 365) and CLUSTER_CA_DAYS (default 3650) are the validity periods;
# CLUSTER_CERT_SANS adds subject alternative names, e.g. "DNS:*.broker-silo.broker.svc.cluster.local,IP:10.0.0.5";
# CLUSTER_CERT_KEY_MODE (default 600) is the mode of tls.key.
# Orleans reaches silos by pod IPs that change at each restart, so the broker checks only that a peer's certificate
# chains to ca.crt, not its names; the SANs are for whoever inspects the certificates.
set -euo pipefail

die() {
    echo "cluster-certs: $*" >&2
    exit 1
}

[[ $# -ge 1 ]] || { sed -n '4,8p' "$0" | sed 's/^# *//' >&2; exit 2; }
command -v openssl >/dev/null || die "openssl is missing (apt-get install openssl)"

dir=$1
shift
days=${CLUSTER_CERT_DAYS:-365}
ca_days=${CLUSTER_CA_DAYS:-3650}
umask 077
mkdir -p "$dir/ca"

if [[ ! -f $dir/ca/ca.key || ! -f $dir/ca/ca.crt ]]; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/ca/ca.key" 2>/dev/null
    openssl req -x509 -new -key "$dir/ca/ca.key" -sha256 -days "$ca_days" -subj "/CN=broker-cluster-ca" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -addext "subjectKeyIdentifier=hash" \
        -out "$dir/ca/ca.crt"
    echo "cluster-certs: new CA in $dir/ca" >&2
fi

# issue NAME OUTDIR: a key and a certificate for NAME signed by the CA, valid for both ends of a connection.
issue() {
    local name=$1 out=$2 ext
    mkdir -p "$out"
    ext=$(mktemp)
    trap 'rm -f "$ext"' RETURN
    local sans="DNS:$name,DNS:localhost,IP:127.0.0.1"
    [[ -n ${CLUSTER_CERT_SANS:-} ]] && sans="$sans,$CLUSTER_CERT_SANS"
    cat >"$ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=$sans
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/tls.key" 2>/dev/null
    openssl req -new -key "$out/tls.key" -subj "/CN=$name" -out "$out/tls.csr"
    openssl x509 -req -in "$out/tls.csr" -CA "$dir/ca/ca.crt" -CAkey "$dir/ca/ca.key" -CAserial "$dir/ca/ca.srl" -CAcreateserial \
        -days "$days" -sha256 -extfile "$ext" -out "$out/tls.crt" 2>/dev/null
    rm -f "$out/tls.csr"
    cp "$dir/ca/ca.crt" "$out/ca.crt"
    # A Kubernetes Secret sets its own modes when mounted; a bind mount keeps these, so the image's user (uid 10001)
    # needs the files chowned to it, or CLUSTER_CERT_KEY_MODE=644 on a host where nobody else can read DIR.
    chmod 644 "$out/tls.crt" "$out/ca.crt"
    chmod "${CLUSTER_CERT_KEY_MODE:-600}" "$out/tls.key"
    echo "cluster-certs: $out/tls.crt for $name, valid $days days" >&2
}

if [[ $# -eq 0 ]]; then
    issue broker "$dir"
else
    for name in "$@"; do
        [[ $name =~ ^[a-zA-Z0-9][a-zA-Z0-9.-]*$ ]] || die "'$name' is no host name"
        [[ $name != ca ]] || die "'ca' is the CA's own folder"
        issue "$name" "$dir/$name"
    done
fi
