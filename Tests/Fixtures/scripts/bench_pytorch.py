"""PyTorch side of docs/PERFORMANCE.md: times the five reference models and exports them for the other sides.

Run from the repository root with Debian's PyTorch:
    /usr/bin/python3 Tests/Fixtures/scripts/bench_pytorch.py --json artifacts/bench/pytorch.json --export artifacts/bench/models

Metrics (the same ids as the BenchmarkDotNet categories):
    train64, train256  one optimizer step (forward, loss, backward, Adam) at batch 64 / 256
    infer256           forward in inference mode at batch 256 (softmax/sigmoid included)
    latency1           forward in inference mode at batch 1
Each is the median of timed calls after warm-up. Thread counts run in separate processes, because
OpenMP and OpenBLAS read OMP_NUM_THREADS / OPENBLAS_NUM_THREADS once at start; torch.set_num_threads
is set too. --export writes {model}.onnx (opset 13, dynamic batch axis, NCHW input "input", output
"output"), {model}.safetensors (the same initial weights in Keras names and layouts, for our networks)
and {model}.reference.safetensors (a fixed input batch and PyTorch's output on it, in NCHW and NHWC,
so every side can check that it computes the same function).
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings

SCRIPTS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, SCRIPTS)

# glibc returns freed blocks above these sizes to the kernel, so PyTorch's fresh activation tensors fault
# their pages in again on every call. On this machine kind (a VM whose host reclaims guest memory) a page
# fault costs tens of microseconds: a 22 MB tensor took 130 ms to first-touch, and M5 inference at batch 256
# ran 4x slower. Keeping freed memory in the process is the allocator tuning PyTorch's CPU guide
# recommends (it suggests jemalloc or tcmalloc, not on this machine); --system-malloc measures without it,
# as PyTorch runs when installed (the issue's own baseline figures were measured that way).
KEEP_FREED_MEMORY = {"MALLOC_MMAP_THRESHOLD_": str(64 << 30), "MALLOC_TRIM_THRESHOLD_": str(64 << 30)}


def malloc_environment(env, system_malloc):
    """`env` with glibc malloc set up for the run: ours (KEEP_FREED_MEMORY), or glibc's defaults for --system-malloc,
    dropping any MALLOC_* / GLIBC_TUNABLES the caller's shell set so that "default" means default."""
    if system_malloc:
        return {k: v for k, v in env.items() if not (k.startswith("MALLOC_") or k == "GLIBC_TUNABLES")}
    return dict(env, **KEEP_FREED_MEMORY)


METRICS = {"train64": 64, "train256": 256, "infer256": 256, "latency1": 1}
MODELS = ["M1", "M2", "M3", "M4", "M5"]


def parse_list(text, allowed, what):
    items = [item.strip() for item in text.split(",") if item.strip()]
    unknown = [item for item in items if item not in allowed]
    if unknown or not items:
        raise SystemExit(f"--{what}: unknown or empty value(s) {unknown or text!r}; choose from {', '.join(allowed)}")
    return items


def time_calls(fn, warmup, min_runs, budget_s, max_runs):
    """Median and minimum seconds per call: warm-up, then timed calls until min_runs and the time budget are both met."""
    for _ in range(warmup):
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < max_runs and (len(times) < min_runs or time.perf_counter() - start < budget_s):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), len(times)


def worker(args):
    """Runs every selected (model, metric) at one thread count in this process and prints JSON."""
    import torch
    import bench_models

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    budget = 0.5 if args.quick else 2.0
    results = []
    for name in args.models:
        for metric in args.metrics:
            batch = METRICS[metric]
            model = bench_models.build(name)
            generator = torch.Generator().manual_seed(100 + batch)
            x, target = model.make_batch(batch, generator)
            if metric.startswith("train"):
                model.train()
                optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)  # Keras' Adam defaults

                def step():
                    optimizer.zero_grad(set_to_none=True)
                    model.loss_value(x, target).backward()
                    optimizer.step()

                fn = step
            else:
                model.eval()

                def infer():
                    with torch.inference_mode():
                        model(x)

                fn = infer
            min_runs = 5 if batch > 1 else 50
            median, fastest, runs = time_calls(fn, warmup=3 if batch > 1 else 20, min_runs=min_runs,
                                               budget_s=budget, max_runs=5000)
            results.append({
                "model": name, "metric": metric, "batch": batch, "threads": args.threads,
                "median_s": median, "min_s": fastest, "runs": runs, "samples_per_s": batch / median,
            })
            print(f"  pytorch {name} {metric} threads={args.threads}: {batch / median:,.0f} samples/s "
                  f"({median * 1e3:.3f} ms, {runs} runs)", file=sys.stderr)
    json.dump({
        "threads": args.threads,
        "torch_num_threads": torch.get_num_threads(),
        "env": {k: os.environ.get(k, "") for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                                   "OPENBLAS_CORETYPE", "GLIBC_TUNABLES", *KEEP_FREED_MEMORY)},
        "results": results,
    }, sys.stdout)


def export(directory):
    """Writes the ONNX models, the Keras-layout initial weights and a reference input/output pair per model."""
    import numpy as np
    import torch
    import bench_models
    import fixture_io

    os.makedirs(directory, exist_ok=True)
    manifest = {}
    for name in MODELS:
        model = bench_models.build(name).eval()
        weights = bench_models.keras_weights(model)
        fixture_io.write(os.path.join(directory, f"{name}.safetensors"), weights,
                         {"model": name, "made_by": "bench_pytorch.py", "seed": bench_models.SEEDS[name]})
        x, _ = model.make_batch(4, torch.Generator().manual_seed(7))
        with torch.no_grad():
            y = model(x)
        to_nhwc = (lambda t: fixture_io.nhwc(t)) if y.dim() == 4 else (lambda t: t.detach().numpy())
        fixture_io.write(os.path.join(directory, f"{name}.reference.safetensors"), {
            "input_nchw": x.numpy(), "input_nhwc": fixture_io.nhwc(x),
            "output_nchw": y.numpy(), "output_nhwc": to_nhwc(y),
        }, {"model": name})
        onnx_path = os.path.join(directory, f"{name}.onnx")
        with warnings.catch_warnings():
            # Upsample's scale constant has no ONNX shape inference in torch 1.13; the exported Resize is exact.
            warnings.filterwarnings("ignore", message="The shape inference of prim::Constant type is missing")
            torch.onnx.export(model, x, onnx_path, opset_version=13, input_names=["input"], output_names=["output"],
                              dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, do_constant_folding=True)
        manifest[name] = {
            "description": model.description,
            "input_nchw": list(model.input_shape),
            "output": list(y.shape[1:]),
            "parameters": bench_models.parameter_count(model),
            "forward_flops": bench_models.forward_flops(model),
            "loss": model.loss,
            "onnx_bytes": os.path.getsize(onnx_path),
            "weights": sorted(weights),
            "weights_float_count": int(sum(np.asarray(v).size for v in weights.values())),
        }
        print(f"  exported {name}: {manifest[name]['parameters']:,} parameters, "
              f"{manifest[name]['onnx_bytes'] / 1024:.0f} KiB onnx", file=sys.stderr)
    with open(os.path.join(directory, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)


def torch_build_info():
    import torch
    return {
        "version": torch.__version__,
        "mkldnn": torch.backends.mkldnn.is_available(),
        # e.g. "CPU capability usage: AVX2": which ATen kernels this build dispatches to here.
        "cpu_capability": next((line.split(":", 1)[1].strip() for line in torch.__config__.show().splitlines()
                                if "CPU capability usage" in line), ""),
        "python": platform.python_version(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated subset of M1..M5")
    parser.add_argument("--metrics", default=",".join(METRICS), help="comma-separated subset of " + ", ".join(METRICS))
    parser.add_argument("--threads", default="1,2", help="thread counts, each measured in its own process")
    parser.add_argument("--quick", action="store_true", help="shorter timing budget (noisier)")
    parser.add_argument("--json", help="write the combined results here (default: stdout)")
    parser.add_argument("--export", metavar="DIR", help="also export ONNX models and Keras-layout weights to DIR")
    parser.add_argument("--system-malloc", action="store_true",
                        help="glibc's default malloc settings, as installed (MALLOC_* and GLIBC_TUNABLES removed from the "
                             "environment); by default freed memory stays in the process")
    parser.add_argument("--export-only", action="store_true", help="export (needs --export) and time nothing")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.models = parse_list(args.models, MODELS, "models")
    args.metrics = parse_list(args.metrics, list(METRICS), "metrics")

    if args.worker:
        args.threads = int(args.threads)
        worker(args)
        return

    threads = [int(t) for t in parse_list(args.threads, [str(n) for n in range(1, 65)], "threads")]
    if args.export:
        export(args.export)
    elif args.export_only:
        raise SystemExit("--export-only needs --export DIR")
    if args.export_only:
        return
    configs = []
    for n in threads:
        env = malloc_environment(dict(os.environ, OMP_NUM_THREADS=str(n), OPENBLAS_NUM_THREADS=str(n),
                                      MKL_NUM_THREADS=str(n)), args.system_malloc)
        command = [sys.executable, os.path.abspath(__file__), "--worker", "--threads", str(n),
                   "--models", ",".join(args.models), "--metrics", ",".join(args.metrics)]
        if args.quick:
            command.append("--quick")
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE, check=True, text=True)
        configs.append(json.loads(done.stdout))

    # The better thread count per (model, metric): highest samples/s.
    best = {}
    for config in configs:
        for r in config["results"]:
            key = (r["model"], r["metric"])
            if key not in best or r["samples_per_s"] > best[key]["samples_per_s"]:
                best[key] = r
    combined = {
        "framework": "pytorch",
        "build": torch_build_info(),
        "malloc": "glibc default" if args.system_malloc else "freed memory kept in the process (MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_ = 64 GiB)",
        "malloc_tuned": not args.system_malloc,
        "quick": args.quick,
        "configs": configs,
        "best": [dict(r, best_threads=r["threads"]) for r in best.values()],
    }
    text = json.dumps(combined, indent=1)
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, "w") as f:
            f.write(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
