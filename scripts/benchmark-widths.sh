#!/usr/bin/env bash
# What each vector width costs (issue #15): our M1-M5 at 1 thread with the kernels at 512, 256 and 128 bits, side by
# side, model by model (all four configurations of a model run back to back, so they see the same machine state).
#     scripts/benchmark-widths.sh            # full BenchmarkDotNet job, about 15 minutes on 2 cores
#     scripts/benchmark-widths.sh --quick    # shorter timing, noisier
# Configurations (the process environment switches ISAs off; .NET 10 groups them by x86-64 level, so
# DOTNET_EnableAVX2=0 also switches FMA off, and DOTNET_EnableAVX512F is now DOTNET_EnableAVX512):
#   512          AVX-512 (the default on this machine)
#   256          DOTNET_EnableAVX512=0: AVX2 + FMA, what most x64 PCs run
#   128+fma      --vector-width 128: the Vector128 kernels with FMA, as ARM64 (AdvSimd FusedMultiplyAdd) runs them
#   128          DOTNET_EnableAVX2=0 DOTNET_EnableAVX512=0: a CPU without 256-bit vectors and without FMA
# Writes artifacts/bench/widths/widths.md (the table, samples/s and the share of the 256-bit column).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=()
[ "${1:-}" = --quick ] && quick=(--quick)
out=artifacts/bench/widths
rm -rf "$out"; mkdir -p "$out"
torch_python=/usr/bin/python3
dotnet build Tests/Generated.Benchmarks -c Release -nologo -v quiet
"$torch_python" Tests/Fixtures/scripts/bench_pytorch.py --export artifacts/bench/models --export-only
dll=Tests/Generated.Benchmarks/bin/Release/net10.0/Generated.Benchmarks.dll
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for model in M1 M2 M3 M4 M5; do
    for config in 512 256 128+fma 128; do
        env=(); width=512
        case $config in
            256) env=(DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0) ;;
            128+fma) width=128 ;;
            128) env=(DOTNET_EnableAVX2=0 DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0) ;;
        esac
        echo "== $model at $config (load $(cut -d' ' -f1-3 /proc/loadavg))"
        env "${env[@]}" dotnet "$dll" --models "$model" --metrics infer256,latency1,train64 --threads 1 --sides ours \
            --vector-width "$width" "${quick[@]}" --artifacts "$out/$model-$config" >"$out/$model-$config.log" 2>&1 \
            || { echo "benchmark-widths.sh: $model at $config failed: see $out/$model-$config.log" >&2; exit 1; }
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
"$torch_python" - "$out" "$load_before" "$load_after" "$(git rev-parse --short HEAD)" <<'PY'
import glob, json, os, sys
out, before, after, commit = sys.argv[1:5]
configs = ["512", "256", "128+fma", "128"]
rows = {}
for model in ["M1", "M2", "M3", "M4", "M5"]:
    for config in configs:
        for path in glob.glob(os.path.join(out, f"{model}-{config}", "results", "*-report-full.json")):
            for b in json.load(open(path))["Benchmarks"]:
                batch = {"Infer256": 256, "Latency1": 1, "Train64": 64}[b["Method"]]
                rows.setdefault((b["Method"], model), {})[config] = batch * 1e9 / b["Statistics"]["Median"]
lines = [f"Commit {commit}, 1 thread, BenchmarkDotNet medians; load average {before} before, {after} after.", "",
         "| metric | model | 512 | 256 | 128+fma | 128 (no FMA) | 128+fma / 256 | 128 / 256 |",
         "|---|---|---:|---:|---:|---:|---:|---:|"]
for (method, model), v in sorted(rows.items()):
    cell = lambda c: f"{v[c]:,.0f}" if c in v else "-"
    ratio = lambda c: f"{v[c] / v['256']:.2f}" if c in v and "256" in v else "-"
    lines.append(f"| {method} | {model} | {cell('512')} | {cell('256')} | {cell('128+fma')} | {cell('128')} | {ratio('128+fma')} | {ratio('128')} |")
text = "\n".join(lines) + "\n"
open(os.path.join(out, "widths.md"), "w").write(text)
print(text)
PY
