#!/usr/bin/env bash
# Measures our generated networks side by side with PyTorch, libtorch 2.10 (TorchSharp), ONNX Runtime and OpenBLAS on this machine
# and writes docs/PERFORMANCE.md. One command, from anywhere:
#     scripts/benchmark.sh              # full run (about 20-40 minutes on 2 cores)
#     scripts/benchmark.sh --quick      # smoke run: shorter timing, noisier numbers
#     scripts/benchmark.sh --models M1,M3 --metrics infer256,latency1 --threads 1
#     scripts/benchmark.sh --metrics gemm   # only M5's convolutions as GEMMs, ours vs OpenBLAS (GFLOP/s)
#     scripts/benchmark.sh --metrics profile --models M1   # only the per-layer profile against the FLOP limit
# Metrics: train64, train256, infer256, latency1 (per model), gemm (once, whatever --models says) and profile (after
# the models: each model's layers timed through its prefix networks on latency1, infer256 and train64, against this
# CPU's FMA peak; Generated.Benchmarks --profile, written to artifacts/bench/profile.json).
# Peers run right before ours, model by model, so each model's numbers see the same machine state.
# Raw results stay in artifacts/bench/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

torch_python=/usr/bin/python3 # Debian's python3-torch; the python3 on PATH may be another one
models=M1,M2,M3,M4,M5
metrics=train64,train256,infer256,latency1,gemm,profile
threads=1,2
quick=()
report=docs/PERFORMANCE.md
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=(--quick); shift ;;
        --models) models="$2"; shift 2 ;;
        --metrics) metrics="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --report) report="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "benchmark.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done

# gemm is measured once (M5's convolution shapes) and profile once after the models, the others per model.
run_gemm=false
run_profile=false
per_model=()
for metric in ${metrics//,/ }; do
    case "$metric" in
        gemm) run_gemm=true ;;
        profile) run_profile=true ;;
        *) per_model+=("$metric") ;;
    esac
done
model_metrics=$(IFS=,; echo "${per_model[*]}")
# The peers (PyTorch, libtorch, OpenBLAS) are needed unless only the profile runs.
peers=false
if [ -n "$model_metrics" ] || $run_gemm; then peers=true; fi

if $peers && ! "$torch_python" -c 'import torch, numpy' 2>/dev/null; then
    echo "benchmark.sh: $torch_python cannot import torch and numpy; install them with" >&2
    echo "    apt-get install python3-torch python3-numpy libopenblas-dev" >&2
    exit 1
fi
if ! command -v cc >/dev/null || { $peers && { ! ldconfig -p | grep libopenblas.so.0 >/dev/null || ! command -v patchelf >/dev/null; }; }; then
    echo "benchmark.sh: needs OpenBLAS, a C compiler and patchelf: apt-get install libopenblas-dev gcc g++ patchelf" >&2
    exit 1
fi

out=artifacts/bench
rm -rf "$out/bdn" "$out"/pytorch-*.json "$out"/libtorch-*.json "$out/openblas.json" "$out/profile.json"
mkdir -p "$out/bdn"
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_before=$(loadavg)

echo "== build (Release)"
dotnet build Tests/Generated.Benchmarks -c Release -nologo -v quiet
bench_dll=Tests/Generated.Benchmarks/bin/Release/net10.0/Generated.Benchmarks.dll

torchsharp_dir=Tests/Generated.Benchmarks.TorchSharp/bin/Release/net10.0
# As the tuned PyTorch: glibc keeps freed memory in the process (see bench_pytorch.py, KEEP_FREED_MEMORY).
keep_freed_memory=(MALLOC_MMAP_THRESHOLD_=$((64 << 30)) MALLOC_TRIM_THRESHOLD_=$((64 << 30)))
if [ -n "$model_metrics" ]; then
    echo "== build libtorch 2.10 through TorchSharp (Tests/Generated.Benchmarks.TorchSharp; about 1 GB of packages the first time)"
    dotnet build Tests/Generated.Benchmarks.TorchSharp -c Release -nologo -v quiet
    bash scripts/torchsharp-native.sh "$torchsharp_dir/runtimes/linux-x64/native"

    echo "== export models and initial weights (PyTorch -> ONNX, safetensors)"
    "$torch_python" Tests/Fixtures/scripts/bench_pytorch.py --export "$out/models" --export-only
fi

if $peers; then
    echo "== OpenBLAS SGEMM (M5 convolution shapes, peak)"
    "$torch_python" Tests/Fixtures/scripts/bench_openblas.py --threads "$threads" --json "$out/openblas.json" "${quick[@]}"
fi

echo "== this CPU's FP32 FMA peak on one core (scripts/peak/fma_peak.c)"
cc -O2 -march=native scripts/peak/fma_peak.c -o "$out/fma_peak"
"$out/fma_peak" | tee "$out/fma_peak.json"

failed=()
if $run_gemm; then
    # Right after OpenBLAS, so both sides of the GFLOP/s comparison see about the same machine state.
    echo "== ours on the same GEMM shapes (BenchmarkDotNet, metric gemm)"
    if ! dotnet "$bench_dll" --metrics gemm --threads "$threads" --artifacts "$out/bdn/gemm" "${quick[@]}" \
        >"$out/bdn/gemm.log" 2>&1; then
        failed+=(gemm)
        echo "   BenchmarkDotNet reported a failure for gemm: see $out/bdn/gemm.log" >&2
    fi
    grep -E '^\|' "$out/bdn/gemm.log" || true
fi

for model in ${models//,/ }; do
    [ -n "$model_metrics" ] || break
    echo "== $model: PyTorch"
    "$torch_python" Tests/Fixtures/scripts/bench_pytorch.py --models "$model" --metrics "$model_metrics" \
        --threads "$threads" --json "$out/pytorch-$model.json" "${quick[@]}"
    if [[ ",$model_metrics," == *,train64,* ]]; then
        # PyTorch as installed (glibc's default malloc, as the issue's baseline figures were measured), a short
        # extra run beside the tuned one above, which stays the peer of the target ratio.
        echo "== $model: PyTorch with glibc's default malloc (train64, short run)"
        "$torch_python" Tests/Fixtures/scripts/bench_pytorch.py --models "$model" --metrics train64 \
            --threads "$threads" --system-malloc --quick --json "$out/pytorch-default-malloc-$model.json"
    fi
    echo "== $model: libtorch 2.10 through TorchSharp"
    if ! env "${keep_freed_memory[@]}" "$torchsharp_dir/Generated.Benchmarks.TorchSharp" --models "$model" \
        --metrics "$model_metrics" --threads "$threads" --json "$out/libtorch-$model.json" "${quick[@]}"; then
        failed+=("libtorch-$model")
        echo "   the libtorch side failed for $model" >&2
    fi
    echo "== $model: ONNX Runtime and ours (BenchmarkDotNet)"
    if ! dotnet "$bench_dll" --models "$model" --metrics "$model_metrics" --threads "$threads" \
        --models-dir "$out/models" --artifacts "$out/bdn/$model" "${quick[@]}" >"$out/bdn/$model.log" 2>&1; then
        failed+=("$model")
        echo "   BenchmarkDotNet reported a failure for $model: see $out/bdn/$model.log" >&2
    fi
    grep -E '^\|' "$out/bdn/$model.log" || true
done

if $run_profile; then
    # After the models, so it does not change the machine state they see; outside BenchmarkDotNet (about 2 minutes,
    # under 1 with --quick). Its own thread counts: latency1 at 1, infer256 and train64 at 2 (not --threads).
    echo "== per-layer profile against the FLOP limit (Generated.Benchmarks --profile)"
    if ! dotnet "$bench_dll" --profile --models "$models" --peak-file "$out/fma_peak.json" --json "$out/profile.json" \
        "${quick[@]}" 2>&1 | tee "$out/profile.log"; then
        failed+=(profile)
        echo "   the per-layer profile failed: see $out/profile.log" >&2
    fi
fi

cat > "$out/run.json" <<JSON
{"started": "$started", "finished": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "load_before": "$load_before",
 "load_after": "$(loadavg)", "quick": $([ ${#quick[@]} -gt 0 ] && echo true || echo false),
 "commit": "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)",
 "failed": "${failed[*]:-}",
 "command": "scripts/benchmark.sh${quick:+ --quick} --models $models --metrics $metrics --threads $threads"}
JSON

echo "== report"
python3 scripts/perf_report.py --results "$out" --out "$report"
echo "wrote $report"
if [ ${#failed[@]} -gt 0 ]; then
    echo "benchmark.sh: these parts failed: ${failed[*]} (BenchmarkDotNet logs in $out/bdn/)" >&2
    exit 1
fi
