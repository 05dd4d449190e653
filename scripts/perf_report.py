#!/usr/bin/env python3
"""Combines the results of scripts/benchmark.sh into docs/PERFORMANCE.md (Python 3 standard library only).

Reads, from --results (default artifacts/bench):
    models/manifest.json            models' parameters and forward FLOPs (bench_pytorch.py --export)
    pytorch-*.json                  PyTorch timings per model (bench_pytorch.py)
    openblas.json                   OpenBLAS SGEMM GFLOP/s (bench_openblas.py)
    bdn/*/results/*-report-full.json  BenchmarkDotNet: ours and ONNX Runtime (Tests/Generated.Benchmarks)
    run.json                        when, which commit, load average, the command line
"""
import argparse
import glob
import json
import os
import platform
import re
import sys

METRICS = [
    ("train64", 64, "Training throughput, batch 64", "one optimizer step: forward, loss, backward, Adam update"),
    ("train256", 256, "Training throughput, batch 256", "one optimizer step: forward, loss, backward, Adam update"),
    ("infer256", 256, "Inference throughput, batch 256", "forward pass in inference mode, output activation included"),
    ("latency1", 1, "Inference latency, batch 1", "forward pass on one sample"),
]
SIDES = [("ours", "ours"), ("pytorch", "PyTorch"), ("onnxruntime", "ONNX Runtime")]
BDN_TYPES = {"GeneratedNetworkBenchmarks": "ours", "OnnxRuntimeBenchmarks": "onnxruntime"}
DASH = "—"


def load_json(path):
    with open(path) as f:
        return json.load(f)


def collect(results_dir):
    """(side, model, metric, threads) -> {"seconds", "bytes"}; plus the raw documents the report quotes."""
    timings = {}
    pytorch_build = None
    for path in sorted(glob.glob(os.path.join(results_dir, "pytorch-*.json"))):
        document = load_json(path)
        pytorch_build = dict(document.get("build", {}), malloc=document.get("malloc", "?"))
        for config in document["configs"]:
            for r in config["results"]:
                timings[("pytorch", r["model"], r["metric"], r["threads"])] = {"seconds": r["median_s"], "bytes": None}
    bdn_host = None
    for path in sorted(glob.glob(os.path.join(results_dir, "bdn", "*", "results", "*-report-full.json"))):
        document = load_json(path)
        bdn_host = document.get("HostEnvironmentInfo", bdn_host)
        for b in document["Benchmarks"]:
            side = BDN_TYPES.get(b["Type"])
            statistics = b.get("Statistics")
            if side is None or not statistics:
                continue  # an unknown class, or a benchmark that failed (no statistics)
            parameters = dict(p.split("=", 1) for p in b["Parameters"].split("&"))
            memory = b.get("Memory") or {}
            timings[(side, parameters["Model"], b["Method"].lower(), int(parameters["Threads"]))] = {
                "seconds": statistics["Median"] * 1e-9,
                "bytes": memory.get("BytesAllocatedPerOperation"),
            }
    return timings, pytorch_build, bdn_host


def best(timings, side, model, metric):
    """(seconds, threads) of the fastest thread count, or None."""
    candidates = [(v["seconds"], k[3]) for k, v in timings.items() if k[:3] == (side, model, metric)]
    return min(candidates) if candidates else None


def fmt_rate(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def fmt_ratio(value):
    return f"**{value:.2f}x**" if value >= 1 else f"{value:.2f}x"


def cpu_info():
    info = {"model": platform.processor() or "unknown", "flags": set(), "family": "", "model_id": "", "mhz": ""}
    try:
        text = open("/proc/cpuinfo").read()
    except OSError:
        return info
    first = text.split("\n\n")[0]
    fields = dict((k.strip(), v.strip()) for k, v in (line.split(":", 1) for line in first.splitlines() if ":" in line))
    info.update(model=fields.get("model name", "unknown"), family=fields.get("cpu family", ""),
                model_id=fields.get("model", ""), mhz=fields.get("cpu MHz", ""),
                flags=set(fields.get("flags", "").split()),
                cores=fields.get("cpu cores", ""), siblings=fields.get("siblings", ""))
    return info


def memory_gib():
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def os_name():
    try:
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.platform()


def package_version(name):
    try:
        text = open("Directory.Packages.props").read()
    except OSError:
        return "?"
    match = re.search(r'Include="%s"\s+Version="([^"]+)"' % re.escape(name), text)
    return match.group(1) if match else "?"


def threads_present(timings):
    return sorted({k[3] for k in timings})


def metric_table(lines, timings, models, metric, batch, threads, peers):
    """One table: per model, every side at every thread count, then ours vs each peer (best thread count each)."""
    latency = metric == "latency1"
    sides = [s for s in SIDES if s[0] == "ours" or s[0] in peers]
    header = ["Model"]
    for _, label in sides:
        header += [f"{label} {t}T" for t in threads]
    header += [f"ours vs {label}" for key, label in sides if key != "ours"]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    for model in models:
        row = [model]
        for side, _ in sides:
            best_threads = (best(timings, side, model, metric) or (None, None))[1]
            measured = sum((side, model, metric, t) in timings for t in threads)
            for t in threads:
                entry = timings.get((side, model, metric, t))
                if entry is None:
                    row.append(DASH)
                    continue
                value = entry["seconds"] * 1e6 if latency else batch / entry["seconds"]
                text = f"{value:,.0f}" if latency or value >= 100 else f"{value:,.1f}"
                row.append(f"**{text}**" if t == best_threads and measured > 1 else text)
        ours = best(timings, "ours", model, metric)
        for side, _ in sides:
            if side == "ours":
                continue
            peer = best(timings, side, model, metric)
            # Both directions reduce to peer time / our time: samples/s ratio ours/peer, or latency peer/ours.
            row.append(fmt_ratio(peer[0] / ours[0]) if ours and peer else DASH)
        lines.append("| " + " | ".join(row) + " |")


def build_report(results_dir, timings, pytorch_build, bdn_host):
    manifest_path = os.path.join(results_dir, "models", "manifest.json")
    manifest = load_json(manifest_path) if os.path.exists(manifest_path) else {}
    openblas_path = os.path.join(results_dir, "openblas.json")
    openblas = load_json(openblas_path) if os.path.exists(openblas_path) else None
    run_path = os.path.join(results_dir, "run.json")
    run = load_json(run_path) if os.path.exists(run_path) else {}
    models = sorted({k[1] for k in timings})
    threads = threads_present(timings)
    cpu = cpu_info()
    have_ours = any(k[0] == "ours" for k in timings)

    lines = ["# Performance", ""]
    lines.append(f"Written by `scripts/benchmark.sh` (`scripts/perf_report.py`) from a run started "
                 f"{run.get('started', '?')} and finished {run.get('finished', '?')}, commit `{run.get('commit', '?')}`. "
                 "Do not edit by hand: re-run the command below.")
    lines.append("")
    if run.get("quick"):
        lines.append("> **Quick run** (`--quick`): shorter timing budgets; treat differences under ~20% as noise.")
        lines.append("")
    if run.get("failed"):
        lines.append(f"> **BenchmarkDotNet failed for {run['failed']}**: those cells are empty; see artifacts/bench/bdn/*.log.")
        lines.append("")
    if not have_ours:
        lines.append("> **Our side is not in this run**: no generated network was benchmarked (the `ours` columns are "
                     "empty). The peers' numbers are complete.")
        lines.append("")

    lines += ["## Machine", ""]
    flags = [f for f in ("avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512_vnni",
                         "avx512_bf16", "avx_vnni") if f in cpu["flags"]]
    cores = os.cpu_count()
    lines.append(f"- CPU: {cpu['model']} (family {cpu['family']}, model {cpu['model_id']}), {cores} logical CPUs"
                 f"{', ' + cpu.get('cores', '') + ' cores' if cpu.get('cores') else ''}, reported {cpu['mhz']} MHz "
                 "(a virtual machine: the reported clock is the TSC's, not the boost clock)")
    lines.append(f"- Vector extensions: {', '.join(flags) or 'none reported'}")
    memory = memory_gib()
    lines.append(f"- Memory: {memory:.0f} GiB; OS: {os_name()}" if memory else f"- OS: {os_name()}")
    if bdn_host:
        lines.append(f"- .NET: {bdn_host.get('RuntimeVersion', '?')}, BenchmarkDotNet {bdn_host.get('BenchmarkDotNetVersion', '?')}")
    lines.append(f"- ONNX Runtime: Microsoft.ML.OnnxRuntime {package_version('Microsoft.ML.OnnxRuntime')} "
                 "(CPU execution provider, all graph optimizations, sequential executor)")
    if pytorch_build:
        lines.append(f"- PyTorch: {pytorch_build.get('version')} (Debian python3-torch; oneDNN "
                     f"{'on' if pytorch_build.get('mkldnn') else 'off'}, ATen CPU capability "
                     f"{pytorch_build.get('cpu_capability') or '?'}), Python {pytorch_build.get('python')}; glibc malloc: "
                     f"{pytorch_build.get('malloc')}. (Page faults are very expensive on this virtual machine: with "
                     "glibc's default trimming PyTorch re-faults its activation memory on every call and runs up to "
                     "4-6x slower; our networks and ONNX Runtime reuse their buffers.)")
    if openblas and openblas["configs"]:
        first = openblas["configs"][0]["openblas"]
        lines.append(f"- OpenBLAS: {first['config']} (loaded through numpy: {', '.join(first['loaded'])})")
    busy = run and float(run.get("load_before", "0").split()[0] or 0) > (cores or 1) * 0.5
    if run:
        lines.append(f"- Load average (1, 5, 15 min) before the run: {run.get('load_before', '?')}; after: "
                     f"{run.get('load_after', '?')}. Other processes on the machine during the run make every number "
                     "noisier; all sides of one model run back to back so they see the same conditions.")
    if busy:
        lines += ["", f"> **The machine was busy** (load average {run['load_before'].split()[0]} on {cores} CPUs when the run "
                  "started): every number is pessimistic and noisy, the 2-thread ones most (a thread that loses its core "
                  "stalls the others at each barrier). Re-run on an idle machine before drawing conclusions."]
    lines.append("")

    if manifest:
        lines += ["## Models", "",
                  "Identical shapes and initial weights on every side: PyTorch builds each model under a fixed seed, "
                  "exports it to ONNX (opset 13, dynamic batch) and writes the same weights in our safetensors format "
                  "(Keras names and layouts). Before timing, ONNX Runtime and our networks must reproduce PyTorch's "
                  "output on a reference batch, or the benchmark stops.", "",
                  "| Model | What | Input (HWC) | Parameters | Forward MFLOP/sample | Loss (training) |",
                  "|---|---|---|---:|---:|---|"]
        for name in models:
            m = manifest.get(name)
            if not m:
                continue
            c, h, w = m["input_nchw"]
            lines.append(f"| {name} | {m['description']} | {h}x{w}x{c} | {m['parameters']:,} | "
                         f"{m['forward_flops'] / 1e6:,.2f} | {m['loss']} |")
        lines += ["", "Layers: M1 Conv2D 32 3x3 relu, MaxPool 2, Conv2D 64 3x3 relu, MaxPool 2, Flatten, Dropout 0.5, "
                  "Dense 10 softmax. M2 Conv2D 32/64/64 3x3 relu with MaxPool 2 between, Flatten, Dense 64 relu, Dense 10 "
                  "softmax. M3 Conv2D 16 3x3 same relu, MaxPool 2, Conv2D 4 3x3 same relu, UpSampling2D 2, Conv2D 1 3x3 same "
                  "sigmoid. M4 Conv2D 10 5x5 stride 2, LeakyReLU 0.02, BatchNorm, Conv2D 10 3x3 stride 2, LeakyReLU 0.02, "
                  "BatchNorm, Flatten, Dense 10 sigmoid. M5 Conv 64 3x3 same relu x2, MaxPool 2, Conv 128 3x3 same relu x2, "
                  "MaxPool 2, Flatten, Dense 10 (trained as logits with softmax cross-entropy). Every model trains with "
                  "Adam (Keras defaults, lr 0.001).", ""]

    lines += ["## Results", "",
              "Each cell is the median of timed calls after warm-up, at 1 and 2 threads (`1T`, `2T`); the faster thread "
              "count of each side is bold. **`ours vs X`** compares each side's faster thread count: it is X's time "
              "divided by ours, so **above 1 means ours is faster**, below 1 means X is faster, for throughput and "
              "latency alike. Threads: ours `Generated.Kernels.KernelOptions.MaxThreads`; ONNX Runtime "
              "`SessionOptions.IntraOpNumThreads`; PyTorch `torch.set_num_threads` plus OMP_NUM_THREADS/"
              "OPENBLAS_NUM_THREADS in a separate process per thread count.", ""]
    for metric, batch, title, what in METRICS:
        if not any(k[2] == metric for k in timings):
            continue
        unit = "microseconds per call, lower is better" if metric == "latency1" else "samples/s, higher is better"
        lines += [f"### {title} ({unit})", "", f"{what[0].upper() + what[1:]}.", ""]
        peers = ["pytorch"] if metric.startswith("train") else ["pytorch", "onnxruntime"]
        metric_table(lines, timings, models, metric, batch, threads, peers)
        if metric.startswith("train"):
            lines += ["", "ONNX Runtime is not in the training tables: its C# package (Microsoft.ML.OnnxRuntime) has no training."]
        lines.append("")

    inference_rates(lines, timings, models, manifest, openblas)
    allocation_table(lines, timings, models, threads)
    openblas_tables(lines, openblas)

    lines += ["## How to reproduce", "",
              "```sh",
              run.get("command", "scripts/benchmark.sh"),
              "```", "",
              "Needs the .NET 10 SDK, Debian's `python3-torch` (run as `/usr/bin/python3`) and `libopenblas-dev`. "
              "`scripts/benchmark.sh --help` lists the options (`--quick`, `--models`, `--metrics`, `--threads`). "
              "Pieces on their own:", "",
              "- `/usr/bin/python3 Tests/Fixtures/scripts/bench_pytorch.py --export artifacts/bench/models` "
              "(PyTorch timings as JSON; exports the ONNX models and weights)",
              "- `/usr/bin/python3 Tests/Fixtures/scripts/bench_openblas.py` (SGEMM GFLOP/s)",
              "- `dotnet run -c Release --project Tests/Generated.Benchmarks -- --models M1 --metrics infer256 --threads 1` "
              "(ours and ONNX Runtime under BenchmarkDotNet: 3 warm-ups, 10 iterations, MemoryDiagnoser; "
              "other BenchmarkDotNet options pass through)",
              "- `python3 scripts/perf_report.py` (this file from artifacts/bench)", ""]
    return "\n".join(lines)


def inference_rates(lines, timings, models, manifest, openblas):
    """Inference at batch 256 as GFLOP/s of the convolutions and Dense layers, beside the run's best SGEMM rates."""
    if not manifest or not any(k[2] == "infer256" for k in timings):
        return
    peaks = {}
    if openblas:
        for config in openblas["configs"]:
            peaks[config["threads"]] = max(peaks.get(config["threads"], 0), config["peak"]["gflops"])
    peak_text = ", ".join(f"{gflops:,.0f} GFLOP/s at {t} thread{'s' if t > 1 else ''}" for t, gflops in sorted(peaks.items()))
    lines += ["### Inference arithmetic rate, batch 256 (GFLOP/s, higher is better)", "",
              "Forward FLOPs of the convolutions and Dense layers (2 per multiply-add) times samples/s, at each "
              "side's faster thread count (in brackets). Small models are bound by per-layer overhead and memory "
              "traffic, not arithmetic."
              + (f" For scale, the best square SGEMM OpenBLAS reached in this run: {peak_text} (measured once, "
                 "at the start, so under that moment's load; see the SGEMM section)." if peaks else ""), "",
              "| Model | " + " | ".join(label for _, label in SIDES) + " |", "|---|" + "---:|" * len(SIDES)]
    for model in models:
        flops = manifest.get(model, {}).get("forward_flops")
        row = [model]
        for side, _ in SIDES:
            b = best(timings, side, model, "infer256")
            row.append(f"{256 / b[0] * flops / 1e9:,.1f} ({b[1]}T)" if b and flops else DASH)
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")


def allocation_table(lines, timings, models, threads):
    """Managed bytes allocated per call (BenchmarkDotNet MemoryDiagnoser), ours and ONNX Runtime's C# API."""
    keys = [k for k in timings if k[0] in ("ours", "onnxruntime") and timings[k]["bytes"] is not None]
    if not keys:
        return
    lines += ["### Managed allocations per call (bytes, lower is better)", "",
              "BenchmarkDotNet's MemoryDiagnoser, at 1 thread (2 threads where 1 was not run). ONNX Runtime's native "
              "allocations are not managed and not counted; its number is the C# API's own overhead per `Run`. "
              "Caveat: under BenchmarkDotNet's in-process toolchain an allocation-free spin loop also reports about "
              "1.6-4 KB per measured iteration (the host's own threads), which MemoryDiagnoser divides by the calls "
              "in that iteration; small nonzero numbers here are that constant. Our steps allocate 0 bytes on every "
              "thread after warm-up, asserted process-wide by the WorkerThreadAllocationTests in "
              "Tests/Generated.Runtime.Tests and Tests/Generated.Models.Tests.", "",
              "| Model | " + " | ".join(f"ours {m}" for m, *_ in METRICS) + " | "
              + " | ".join(f"ONNX Runtime {m}" for m, *_ in METRICS[2:]) + " |",
              "|---|" + "---:|" * (len(METRICS) + 2)]
    thread = threads[0] if threads else 1
    for model in models:
        row = [model]
        for side, metrics in (("ours", METRICS), ("onnxruntime", METRICS[2:])):
            for metric, *_ in metrics:
                entry = timings.get((side, model, metric, thread))
                row.append(f"{entry['bytes']:,}" if entry and entry["bytes"] is not None else DASH)
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")


def openblas_tables(lines, openblas):
    if not openblas or not openblas["configs"]:
        return
    configs = openblas["configs"]
    batch = configs[0]["batch"]
    labels = [f"{c['openblas']['corename']} {c['threads']}T" for c in configs]
    lines += ["## OpenBLAS SGEMM ceiling (GFLOP/s, higher is better)", "",
              f"M5's 3x3 convolutions as im2col GEMMs at batch {batch} (forward M = batch*H*W, K = 9*Cin, N = Cout; "
              "kernel gradient K x M by M x N; input gradient M x N by N x K), through numpy's float32 matmul on "
              "OpenBLAS, median of timed calls. `Haswell` is the core type this machine's environment selects "
              "(OPENBLAS_CORETYPE, AVX2 kernels); `SkylakeX` is OpenBLAS' AVX-512 kernel set, the ceiling on this CPU. "
              "The last row is a square 2048 SGEMM: the machine's practical peak.", "",
              "| Layer | Pass | M | K | N | " + " | ".join(labels) + " |",
              "|---|---|---:|---:|---:|" + "---:|" * len(labels)]
    for i, shape in enumerate(configs[0]["shapes"]):
        row = [shape["layer"], shape["pass"], f"{shape['M']:,}", f"{shape['K']:,}", f"{shape['N']:,}"]
        row += [f"{c['shapes'][i]['gflops']:,.1f}" for c in configs]
        lines.append("| " + " | ".join(row) + " |")
    size = configs[0]["peak"]["size"]
    lines.append(f"| peak | square | {size:,} | {size:,} | {size:,} | "
                 + " | ".join(f"**{c['peak']['gflops']:,.1f}**" for c in configs) + " |")
    lines.append("")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results", default=os.path.join("artifacts", "bench"), help="folder benchmark.sh wrote")
    parser.add_argument("--out", default=os.path.join("docs", "PERFORMANCE.md"), help="markdown file to write")
    args = parser.parse_args()
    if not os.path.isdir(args.results):
        sys.exit(f"perf_report.py: {args.results} does not exist; run scripts/benchmark.sh first")
    timings, pytorch_build, bdn_host = collect(args.results)
    if not timings:
        sys.exit(f"perf_report.py: no PyTorch or BenchmarkDotNet results under {args.results}; run scripts/benchmark.sh first")
    report = build_report(args.results, timings, pytorch_build, bdn_host)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(report)


if __name__ == "__main__":
    main()
