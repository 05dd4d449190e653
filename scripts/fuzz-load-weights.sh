#!/usr/bin/env bash
# The coverage-guided LoadWeights campaign (docs/RELIABILITY.md): libFuzzer drives Tests/Fuzzing/Generated.WeightFileFuzzer
# through the libfuzzer-dotnet bridge, with the runtime's weight-file code (Generated.IO, WeightFile) instrumented by
# SharpFuzz so that libFuzzer sees its edge coverage. Usage:
#   scripts/fuzz-load-weights.sh [RUNS=100000] [--merge]
# Work directory: $FUZZ_WORK (default artifacts/fuzzing): the driver, the instrumented build, the growing corpus
# (seeded from Tests/Fuzzing/corpus and the structured campaign's mutations), crash inputs (crashes/) and fuzz.log.
# --merge then minimizes the work corpus into Tests/Fuzzing/corpus (what every test run replays: WeightFileCorpusReplayTests).
# A crash stops libFuzzer; replay it with the uninstrumented build (instrumented code runs only under libFuzzer):
#   dotnet $FUZZ_WORK/plain/Generated.WeightFileFuzzer.dll --replay <crash file>
set -euo pipefail
runs=${1:-100000}
merge=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${FUZZ_WORK:-$root/artifacts/fuzzing}
fuzzing="$root/Tests/Fuzzing"
mkdir -p "$work/tools" "$work/corpus" "$work/crashes"

fail() { echo "scripts/fuzz-load-weights.sh: FAILED: $1" >&2; exit 1; }
command -v clang >/dev/null || fail "clang is missing (scripts/setup.sh installs it)"

# 1. The libFuzzer driver (needs clang's libFuzzer runtime: Debian's libclang-rt-14-dev, which scripts/setup.sh installs).
clang -O2 -fsanitize=fuzzer "$fuzzing/libfuzzer-dotnet/libfuzzer-dotnet.cc" -o "$work/libfuzzer-dotnet" 2>"$work/clang.log" \
    || { cat "$work/clang.log" >&2; fail "clang -fsanitize=fuzzer cannot link (is libclang-rt-14-dev installed? run scripts/setup.sh)"; }

# 2. The instrumenter, SharpFuzz.CommandLine, as a dotnet tool in the work directory.
[ -x "$work/tools/sharpfuzz" ] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" >/dev/null \
    || fail "cannot install the dotnet tool SharpFuzz.CommandLine 2.3.0"

# 3. The target (plain: seeds and replays), and a copy whose runtime is instrumented: only the weight-file code, so the
# coverage is the loader's. Instrumented code may run only inside libFuzzer's runs (elsewhere it has no coverage map).
rm -rf "$work/plain" "$work/bin"
nice dotnet build "$fuzzing/Generated.WeightFileFuzzer" -c Release -o "$work/plain" -v q -nologo >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; fail "the fuzz target does not build"; }
cp -r "$work/plain" "$work/bin"
"$work/tools/sharpfuzz" "$work/bin/Generated.dll" Generated.IO Generated.CompilerServices.WeightFile || fail "sharpfuzz could not instrument Generated.dll"

# 4. Seeds: the committed corpus and the structured campaign's mutations (once; later runs continue the corpus).
if [ -z "$(ls -A "$work/corpus")" ]; then
    cp "$fuzzing/corpus/"* "$work/corpus/" 2>/dev/null || true
    dotnet "$work/plain/Generated.WeightFileFuzzer.dll" --seeds "$work/corpus" 2000 || fail "cannot write the seed corpus"
fi

# 5. The campaign. A hang past 10 s is a crash (-timeout); the managed heap is capped at 512 MB, so a load that allocates
# what a file claims rather than what it holds fails with OutOfMemoryException, which is a crash too.
export DOTNET_GCHeapHardLimit=0x20000000
set +e
nice "$work/libfuzzer-dotnet" -runs="$runs" -timeout=10 -max_len=4096 -dict="$fuzzing/safetensors.dict" \
    -artifact_prefix="$work/crashes/" -print_final_stats=1 \
    --target_path=dotnet --target_arg="$work/bin/Generated.WeightFileFuzzer.dll" "$work/corpus" 2>&1 | tee "$work/fuzz.log" | grep -E "INITED|DONE|pulse|ERROR|crash|Timeout|stat::|Exception" 
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || fail "libFuzzer stopped with status $status: see $work/fuzz.log and $work/crashes/"

if [ "$merge" = "--merge" ]; then
    # Minimize into the committed corpus: only inputs that add coverage are kept.
    mkdir -p "$fuzzing/corpus"
    nice "$work/libfuzzer-dotnet" -merge=1 -timeout=10 --target_path=dotnet --target_arg="$work/bin/Generated.WeightFileFuzzer.dll" \
        "$fuzzing/corpus" "$work/corpus" 2>&1 | tail -3
fi
