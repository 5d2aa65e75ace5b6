#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/) with AddressSanitizer and runs each for SECONDS.
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 seconds, every target
#   TARGET: parse roundtrip verify points arguments
#   FUZZ_SCRATCH   build directory (default .build-fuzz); corpora grow in $FUZZ_SCRATCH/corpus,
#                  crashes land in $FUZZ_SCRATCH/artifacts, logs in $FUZZ_SCRATCH/logs
#   FUZZ_CONFIG    release (default) or debug
#   FUZZ_JOBS      parallel libFuzzer workers per target (default 1)
#   FUZZ_SEED      libFuzzer's random seed (default: a new one each run; CI fixes it)
#   FUZZ_TIMEOUT   seconds one input may take before it counts as a hang (default 30)
#   FUZZ_RUNS      run this many inputs per target instead of SECONDS: with FUZZ_SEED, the same
#                  inputs on every machine (the CI smoke run)
#
# Before fuzzing, every formula target runs once on the large seeds this script generates
# (10^5-deep nesting, 10^6-term chains, a chain of 10^5
# let-bindings each nesting the last), which are too big to commit or to mutate quickly.
# Exit status: 0 when no target found anything, 1 when one did (its log says what).
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no
# The same hash seeds in every process, so that coverage (and a run with FUZZ_SEED) repeats.
export SWIFT_DETERMINISTIC_HASHING=1
seconds=${1:-60}
shift || true
scratch=${FUZZ_SCRATCH:-.build-fuzz}
config=${FUZZ_CONFIG:-release}
jobs=${FUZZ_JOBS:-1}
timeout=${FUZZ_TIMEOUT:-30}
runs=${FUZZ_RUNS:-}
seed=()
if [ -n "${FUZZ_SEED:-}" ]; then seed=(-seed="$FUZZ_SEED"); fi
if [ $# -eq 0 ]; then set -- parse roundtrip verify points arguments; fi

# target      product        seeds      dictionary      max_len
table="
parse         FuzzParse      formulas   formula.dict    4096
roundtrip     FuzzRoundTrip  formulas   formula.dict    4096
verify        FuzzVerify     formulas   formula.dict    1024
points        FuzzPoints     points     points.dict     4096
arguments     FuzzArguments  arguments  arguments.dict  1024
"
row() { awk -v t="$1" '$1 == t' <<<"$table"; }
for target in "$@"; do
    [ -n "$(row "$target")" ] || { echo "error: unknown fuzz target '$target' (parse roundtrip verify points arguments)" >&2; exit 2; }
done

# Large seeds, generated: nesting 10^5 deep of each kind, and chains of 10^6 terms.
large=$scratch/seeds-large
if [ ! -f "$large/.done" ]; then
    mkdir -p "$large"
    repeat() { (set +o pipefail; yes "$1" | head -n "$2" | tr -d '\n'); }
    n=100000
    { repeat '(' $n; printf x; repeat ')' $n; } > "$large/nested-parentheses"
    { repeat 'sin(' $n; printf x; repeat ')' $n; } > "$large/nested-calls"
    { repeat '-' $n; printf x; } > "$large/nested-signs"
    { repeat 'x^' $n; printf x; } > "$large/nested-powers"
    { repeat 'D(' $n; printf x; repeat ',x)' $n; } > "$large/nested-derivatives"
    m=1000000
    { repeat 'x+' $((m - 1)); printf x; } > "$large/chain-sum"
    { repeat 'x*' $((m - 1)); printf x; } > "$large/chain-product"
    { repeat 'x*y-x/y+' $((m / 4 - 1)); printf 'x*y-x/y'; } > "$large/chain-mixed"
    seq $n | awk '{ printf "u%d=sin(u%d);", $1, $1 - 1 } END { printf "u%d", NR }' | sed 's/u0)/x)/' > "$large/binding-chain"
    touch "$large/.done"
fi

mkdir -p "$scratch/logs"
# swiftc keeps only its last -sanitize= flag, and SwiftPM passes fuzzer and address as two:
# without the combined flag last, Swift code would get ASan but no coverage instrumentation.
flags=(-c "$config" --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address --scratch-path "$scratch"
    -Xswiftc -DSYMDIFF_FUZZING)
failed=()
for target in "$@"; do
    read -r _ product seeds dictionary max_len <<<"$(row "$target")"
    start=$(date +%s)
    swift build "${flags[@]}" --product "$product" 2>&1 | grep -v "Cannot export local symbol" | tail -3
    binary="$(swift build "${flags[@]}" --show-bin-path)/$product"
    echo "== $target: built in $(($(date +%s) - start)) s"
    log=$scratch/logs/$target.log
    corpus=$scratch/corpus/$target
    mkdir -p "$corpus" "$scratch/artifacts/$target"
    common=(-rss_limit_mb=4096 -timeout="$timeout" -artifact_prefix="$scratch/artifacts/$target/")
    if [ "$seeds" = formulas ]; then
        if ! "$binary" "${common[@]}" "$large"/* > "$log.large" 2>&1; then
            echo "== $target: FAILED on a large seed (see $log.large)"
            failed+=("$target")
            continue
        fi
        echo "== $target: large seeds passed"
    fi
    status=0
    parallel=()
    if [ "$jobs" -gt 1 ]; then parallel=(-jobs="$jobs" -workers="$jobs"); fi
    budget=(-max_total_time="$seconds")
    if [ -n "$runs" ]; then budget=(-runs="$runs"); fi
    started=$(date +%s)
    "$binary" "$corpus" "Fuzz/corpus/$seeds" "${common[@]}" ${seed[@]+"${seed[@]}"} -dict="Fuzz/$dictionary" -max_len="$max_len" \
        "${budget[@]}" ${parallel[@]+"${parallel[@]}"} -print_final_stats=1 > "$log" 2>&1 || status=$?
    elapsed=$(($(date +%s) - started))
    if [ "$jobs" -gt 1 ]; then cat fuzz-*.log >> "$log" 2>/dev/null && rm -f fuzz-*.log; fi
    executions=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{ s += $2 } END { print s + 0 }')
    # No coverage lines when an input of the seed corpus crashed: that must not end the script.
    coverage=$(grep -oE '(cov|ft): [0-9]+' "$log" | tail -2 | tr '\n' ' ' || true)
    echo "== $target: $executions runs in $elapsed s ($((executions / (elapsed > 0 ? elapsed : 1))) per second), $coverage, corpus $(ls "$corpus" | wc -l) files"
    if [ $status -ne 0 ]; then
        echo "== $target: FOUND A CRASH (exit $status): $(grep -m1 -E 'ERROR|Fatal error|==[0-9]+==' "$log" || true)"
        ls "$scratch/artifacts/$target"
        failed+=("$target")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found problems in: ${failed[*]}"
    exit 1
fi
echo "fuzzing found nothing"
