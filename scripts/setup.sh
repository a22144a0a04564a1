#!/usr/bin/env bash
# Installs what stbench needs from Debian's packages, only where it is missing.
# Called by scripts/run.sh and scripts/test.sh; safe to run again.
set -euo pipefail

need=()
pkg-config --exists jemalloc 2>/dev/null || need+=(libjemalloc-dev)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
# The C++ peer of `stbench bench index/peers` is absl::btree_map; without it the benchmark falls back to std::map.
pkg-config --exists absl_btree 2>/dev/null || need+=(libabsl-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
for extra in "$@"; do
    dpkg -s "$extra" >/dev/null 2>&1 || need+=("$extra")
done

if [ ${#need[@]} -gt 0 ]; then
    echo "setup: installing ${need[*]}" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
