#!/usr/bin/env bash
# Builds and runs the Examples package against symdiff as a versioned dependency: a clone of
# this checkout's HEAD, tagged 0.1.0, reached by a file:// URL with `from: "0.1.0"`. SwiftPM
# refuses a versioned dependency whose products use unsafeFlags, so this also checks that none
# does. Needs only git and the Swift toolchain (no network).
#
# usage: scripts/check_examples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/symdiff"
git -C "$work/symdiff" -c user.name=ci -c user.email=ci@localhost tag 0.1.0
cp -R Examples "$work/Examples"
rm -rf "$work/Examples/.build"
SYMDIFF_PACKAGE_URL="file://$work/symdiff" swift run --package-path "$work/Examples" VerifiedHessian
