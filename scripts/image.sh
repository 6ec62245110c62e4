#!/usr/bin/env bash
# Builds the broker's container images on this machine, from Debian packages and the local .NET install only: no
# container registry is reached (there is none here). docs/image.md explains what is in them.
#
#   image.sh            build what is missing or changed: the base images once, then broker:local and
#                       broker-postgres:local (Docker's layer cache makes an unchanged rebuild take seconds)
#   image.sh --rebase   rebuild the base images too (after a Debian point release, say)
#
# Images:
#   broker-base:bookworm           debootstrap'd Debian bookworm (minbase) + ca-certificates, ICU, tzdata
#   broker-postgres-base:bookworm  the same + Debian's postgresql-15
#   broker:local                   broker-base + the host's .NET shared runtime + `dotnet publish` of src/Broker.Api
#   broker-postgres:local          broker-postgres-base + an entrypoint that acts like the official postgres image's
#
# Needs a running engine (scripts/docker.sh ensure, called here) and, while a base image is missing, root (debootstrap).
# Work folders: BROKER_IMAGE_WORK (default /var/tmp/broker-image) keeps the downloaded .debs and the staged runtime;
# the build context is .data/image/ in the repository. BROKER_IMAGE_TAG (default broker:local) tags the broker image
# otherwise, so that two checkouts can build and drill their own trees side by side (BROKER_DRILL_IMAGE runs it).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
export DOCKER_API_VERSION=${DOCKER_API_VERSION:-1.41}
# The legacy builder: Debian's docker.io has no buildx plugin, and nothing here needs BuildKit.
export DOCKER_BUILDKIT=0
mirror=${BROKER_DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=${BROKER_IMAGE_WORK:-/var/tmp/broker-image}
context=$root/.data/image
broker_tag=${BROKER_IMAGE_TAG:-broker:local}
base_image=broker-base:bookworm
postgres_base_image=broker-postgres-base:bookworm
# What the broker needs at run time beyond minbase: TLS roots (OIDC authority, Kubernetes API), ICU (zh-CN/en
# formatting: the build is not globalization-invariant), the time zone database (billing days are Asia/Shanghai) and
# GSSAPI, which .NET's networking loads when Npgsql offers GSS encryption (without it every start prints an error).
base_packages=ca-certificates,libicu72,tzdata,libgssapi-krb5-2
postgres_packages=$base_packages,postgresql-15
# A base image carries the recipe it was made from; changing the package lists above rebuilds it on the next run.
recipe_version=1

die() {
    echo "image: $*" >&2
    exit 1
}

say() {
    echo "image: $*" >&2
}

# has_base TAG RECIPE: the base exists and was made from RECIPE.
has_base() {
    [[ $(docker image inspect --format '{{index .Config.Labels "broker.recipe"}}' "$1" 2>/dev/null) == "$2" ]]
}

# debootstrap ROOTFS PACKAGES: a minbase bookworm root with PACKAGES, trimmed of what no container reads.
bootstrap() {
    local rootfs=$1 packages=$2
    ((EUID == 0)) || die "the base images are missing and debootstrap needs root; run this once as root"
    command -v debootstrap >/dev/null || {
        say "installing Debian's debootstrap"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2
    }
    rm -rf "$rootfs"
    mkdir -p "$work/debs"
    # --cache-dir keeps the .debs, so the second root (and a --rebase) downloads only what is new.
    debootstrap --variant=minbase --include="$packages" --cache-dir="$work/debs" \
        bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
        { tail -n 20 "$work/debootstrap.log" >&2; die "debootstrap failed; see $work/debootstrap.log"; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log \
        "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* \
        "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/lib/dpkg/*-old
}

# import ROOTFS TAG RECIPE: the root as a one-layer image; device nodes and kernel file systems come from the engine at
# run time.
import_root() {
    local rootfs=$1 tag=$2 recipe=$3
    tar --numeric-owner -C "$rootfs" --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -c . |
        docker import \
            --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            --change 'ENV LANG=C.UTF-8' \
            --change 'CMD ["/bin/bash"]' \
            --change "LABEL broker.recipe=$recipe" \
            --message "debootstrap --variant=minbase bookworm $mirror" - "$tag" >/dev/null
    rm -rf "$rootfs"
}

build_base() {
    local started=$SECONDS
    say "building $base_image with debootstrap (minbase + $base_packages)"
    bootstrap "$work/rootfs-base" "$base_packages"
    import_root "$work/rootfs-base" "$base_image" "$recipe_version:$base_packages"
    say "$base_image built in $((SECONDS - started)) s"
}

build_postgres_base() {
    local started=$SECONDS rootfs=$work/rootfs-postgres
    say "building $postgres_base_image with debootstrap (minbase + $postgres_packages)"
    bootstrap "$rootfs" "$postgres_packages"
    # The package's own "main" cluster is not used: the entrypoint makes one in /var/lib/postgresql/data on first start.
    rm -rf "$rootfs"/var/lib/postgresql/15 "$rootfs"/etc/postgresql/15
    # The JIT (LLVM, 130 MB of the image) is a plug-in that postgres loads only when jit is on; without it, the server
    # runs every query interpreted (jit_provider cannot load, which PostgreSQL treats as "no JIT", not as an error).
    rm -rf "$rootfs"/usr/lib/postgresql/15/lib/llvmjit* "$rootfs"/usr/lib/postgresql/15/lib/bitcode \
        "$rootfs"/usr/lib/x86_64-linux-gnu/libLLVM-*
    import_root "$rootfs" "$postgres_base_image" "$recipe_version:$postgres_packages:nojit"
    say "$postgres_base_image built in $((SECONDS - started)) s"
}

# The host's .NET shared runtime (the SDK install's own): self-contained runtime packs are not served here, and a
# framework-dependent app runs on exactly the runtime it was tested with. Staged once per runtime version.
stage_runtime() {
    local dotnet_root version stage
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    version=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" && $2 ~ /^10\./ { v = $2 } END { print v }')
    [[ -n $version ]] || die "no .NET 10 runtime found under $dotnet_root"
    for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
        [[ -d $dotnet_root/shared/$framework/$version ]] || die "$dotnet_root/shared/$framework/$version is missing"
    done
    stage=$context/dotnet
    if [[ $(cat "$stage/.version" 2>/dev/null) != "$version" ]]; then
        say "staging the .NET $version runtime from $dotnet_root"
        rm -rf "$stage"
        mkdir -p "$stage/shared" "$stage/host/fxr"
        cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$stage/"
        cp -a "$dotnet_root/host/fxr/$version" "$stage/host/fxr/"
        for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
            mkdir -p "$stage/shared/$framework"
            cp -a "$dotnet_root/shared/$framework/$version" "$stage/shared/$framework/"
        done
        echo "$version" >"$stage/.version"
    fi
    echo "$version"
}

build_broker() {
    local started=$SECONDS version
    version=$(stage_runtime)
    say "publishing src/Broker.Api (Release, framework-dependent)"
    rm -rf "$context/app"
    dotnet publish "$root/src/Broker.Api/Broker.Api.csproj" -c Release --no-self-contained -nologo -v quiet \
        -clp:ErrorsOnly -p:UseAppHost=true -o "$context/app" >&2
    cp "$root/infra/image/Dockerfile" "$context/"
    say "building $broker_tag"
    docker_build "$work/build-${broker_tag//[:\/]/-}.log" --label "broker.dotnet-runtime=$version" -t "$broker_tag" "$context"
    say "$broker_tag built in $((SECONDS - started)) s ($(image_size "$broker_tag"))"
}

build_postgres() {
    local started=$SECONDS
    say "building broker-postgres:local"
    docker_build "$work/build-postgres.log" -t broker-postgres:local "$root/infra/image/postgres"
    say "broker-postgres:local built in $((SECONDS - started)) s ($(image_size broker-postgres:local))"
}

# docker_build LOG ARGS...: the builder's output goes to LOG (the legacy builder's deprecation notice included) and is
# shown only when the build fails.
docker_build() {
    local log=$1
    shift
    docker build "$@" >"$log" 2>&1 || { tail -n 30 "$log" >&2; die "docker build $* failed; see $log"; }
}

image_size() {
    docker image inspect --format '{{.Size}}' "$1" | awk '{ printf "%d MB", $1 / 1000000 }'
}

rebase=""
case ${1:-} in
    "") ;;
    --rebase) rebase=yes ;;
    *) sed -n '5,7p' "$0" | sed 's/^# *//' >&2; exit 2 ;;
esac

"$root/scripts/docker.sh" ensure
started=$SECONDS
mkdir -p "$work" "$context"
if [[ -n $rebase ]] || ! has_base "$base_image" "$recipe_version:$base_packages"; then build_base; fi
if [[ -n $rebase ]] || ! has_base "$postgres_base_image" "$recipe_version:$postgres_packages:nojit"; then build_postgres_base; fi
build_broker
build_postgres
say "done in $((SECONDS - started)) s"
