#!/usr/bin/env bash
# Deterministic CI gate: callgrind instruction counts (Ir) of a fixed number of operations of each pattern
# on the smoke dataset, compared with Reports/baselines/instructions.json by `stbench instructions-gate`.
#
#   scripts/instruction-gate.sh            gate (exit 0 pass, 1 regression, 2 usage error)
#   scripts/instruction-gate.sh --update   rewrite the baseline from this build
#
# Only the operations are counted: `stbench profile PATTERN --gate-loop` loads the dataset, then performs
# the operations inside `PatternProfiler.profilerGateLoop`, and callgrind collects only inside that function
# (--collect-atstart=no --toggle-collect). SWIFT_DETERMINISTIC_HASHING=1 fixes Dictionary/Set seeds, which
# otherwise move the count by ~0.5% between runs; with it, repeated runs give identical counts.
#
# valgrind 3.19 (Debian 12) cannot read the DWARF 5 debug info Swift 6.3 emits (forms 0x25 DW_FORM_strx1 and
# 0x1b DW_FORM_addrx are "unhandled", then "Possibly corrupted debuginfo file ... Giving up"), so the gate
# runs a copy with the debug sections removed (`strip --strip-debug`, symbols kept for --toggle-collect).
#
# Counts depend on the compiler, the jemalloc and glibc builds and the CPU features valgrind reports: refresh
# the baseline (--update) when any of those change, and commit it with the reason.
#
# Environment: STBENCH (binary, default .build/release/stbench), GATE_OPERATIONS (default 2000),
# GATE_THRESHOLD (default 2%), GATE_WORKLOAD (default Workloads/smoke.yaml), GATE_OUT (callgrind files).
set -euo pipefail
cd "$(dirname "$0")/.."

stbench=${STBENCH:-.build/release/stbench}
operations=${GATE_OPERATIONS:-2000}
threshold=${GATE_THRESHOLD:-2%}
workload=${GATE_WORKLOAD:-Workloads/smoke.yaml}
baseline=Reports/baselines/instructions.json
out=${GATE_OUT:-$(mktemp -d)}
mkdir -p "$out"

command -v valgrind >/dev/null || { echo "instruction-gate: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
[ -x "$stbench" ] || { echo "instruction-gate: $stbench not found; build it: swift build -c release --product stbench" >&2; exit 2; }

binary="$out/stbench-nodebug"
cp "$stbench" "$binary"
strip --strip-debug "$binary"

measurements=()
for pattern in list_messages list_conversations create_message_new_conversation create_message_existing_conversation; do
    file="$out/callgrind.$pattern.out"
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$file" \
        --collect-atstart=no --toggle-collect='*profilerGateLoop*' \
        "$binary" profile "$pattern" --operations "$operations" --workload "$workload" --gate-loop \
        >"$out/$pattern.log" 2>&1 || { echo "instruction-gate: valgrind failed for $pattern:" >&2; tail -20 "$out/$pattern.log" >&2; exit 2; }
    measurements+=("$pattern=$file")
done

if [ "${1:-}" = "--update" ]; then
    exec "$stbench" instructions-gate --baseline "$baseline" --update "${measurements[@]}"
fi
exec "$stbench" instructions-gate --baseline "$baseline" --threshold "$threshold" "${measurements[@]}"
