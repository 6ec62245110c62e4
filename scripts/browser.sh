#!/usr/bin/env bash
# The browser the web console's tests drive: Debian's chromium (Playwright's own browser downloads are not used).
#
#   browser.sh ensure    install chromium if missing; print its path
#
# BROKER_TEST_CHROMIUM names another Chromium build to use instead.
set -euo pipefail

die() {
    echo "browser: $*" >&2
    exit 1
}

[[ ${1:-} == ensure ]] || { echo "usage: browser.sh ensure" >&2; exit 2; }

if [[ -n ${BROKER_TEST_CHROMIUM:-} ]]; then
    [[ -x $BROKER_TEST_CHROMIUM ]] || die "BROKER_TEST_CHROMIUM=$BROKER_TEST_CHROMIUM is not an executable"
    echo "$BROKER_TEST_CHROMIUM"
    exit 0
fi

if ! [[ -x /usr/bin/chromium ]]; then
    ((EUID == 0)) || die "chromium is missing; install Debian's chromium package (as root: apt-get install chromium)"
    echo "browser: installing Debian's chromium package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq chromium >&2
fi
echo /usr/bin/chromium
