#!/usr/bin/env bash
# The main job: installs what is missing, builds stbench in release mode and runs the default workload
# on the embedded engine. Extra arguments go to `stbench run`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product stbench
exec .build/release/stbench run "$@"
