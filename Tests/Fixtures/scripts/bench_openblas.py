"""OpenBLAS SGEMM ceiling for docs/PERFORMANCE.md: M5's convolutions as im2col GEMMs, and the machine's peak.

Run from the repository root with Debian's numpy (linked to OpenBLAS through libblas.so.3):
    /usr/bin/python3 Tests/Fixtures/scripts/bench_openblas.py --json artifacts/bench/openblas.json

A 3x3 'same' convolution over a batch is one GEMM after im2col: M = batch*H*W output pixels,
K = 9*Cin, N = Cout (forward). Training adds the kernel gradient (K x M times M x N) and the input
gradient (M x N times N x K). GFLOP/s counts 2*M*K*N per GEMM. The layers come from
m5_convolutions.json beside this script, the list our side (Tests/Generated.Benchmarks --metrics gemm)
measures too and checks against the generated network; scripts/perf_report.py compares the two. Each (core type, threads) pair runs in
its own process, since OpenBLAS reads OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS when it loads:
the machine's own setting (this image exports OPENBLAS_CORETYPE=Haswell, the AVX2 kernels) and
SkylakeX, OpenBLAS' AVX-512 kernels, as the ceiling this CPU can reach.
"""
import argparse
import ctypes
import json
import os
import statistics
import subprocess
import sys
import time

# M5's convolutions (name, H, W, in/out channels, kernel, first layer?): one list for OpenBLAS and our side.
CONVOLUTIONS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "m5_convolutions.json")
PEAK_SIZE = 2048


def load_convolutions():
    """The shared list: {"model", "batch" (default batch size), "layers": [{"name", "height", ...}]}."""
    with open(CONVOLUTIONS_FILE) as f:
        return json.load(f)


def gemm_cases(batch, layers=None):
    """(layer, pass, M, K, N, transpose A) for M5's convolutions at this batch size, in report order."""
    cases = []
    for layer in layers if layers is not None else load_convolutions()["layers"]:
        m = batch * layer["height"] * layer["width"]
        k = layer["kernel"] ** 2 * layer["in_channels"]
        n = layer["out_channels"]
        cases.append((layer["name"], "forward", m, k, n, False))        # im2col[M,K] x kernel[K,N]
        cases.append((layer["name"], "kernel-grad", k, m, n, True))      # im2col^T[K,M] x dOut[M,N]
        if not layer["first"]:  # the first layer reads the network input: no input gradient
            cases.append((layer["name"], "input-grad", m, n, k, False))  # dOut[M,N] x kernel^T[N,K], then col2im
    return cases


def openblas_info():
    """Which OpenBLAS numpy actually loaded, read from the library itself (numpy.show_config() only says 'blas')."""
    import numpy  # noqa: F401  (loads libblas.so.3 -> libopenblas.so.0)
    maps = open("/proc/self/maps").read()
    paths = sorted({line.split()[-1] for line in maps.splitlines() if "blas" in line and "/" in line})
    lib = ctypes.CDLL("libopenblas.so.0")
    lib.openblas_get_corename.restype = ctypes.c_char_p
    lib.openblas_get_config.restype = ctypes.c_char_p
    return {
        "loaded": paths,
        "corename": lib.openblas_get_corename().decode(),
        "config": lib.openblas_get_config().decode(),
        "threads": lib.openblas_get_num_threads(),
    }


def time_gemm(a, b, out, min_runs, budget_s):
    import numpy as np
    np.matmul(a, b, out=out)  # warm-up: thread pool start, page faults on `out`
    np.matmul(a, b, out=out)
    times = []
    start = time.perf_counter()
    while len(times) < min_runs or time.perf_counter() - start < budget_s:
        t0 = time.perf_counter()
        np.matmul(a, b, out=out)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), len(times)


def worker(args):
    import numpy as np

    info = openblas_info()
    rng = np.random.default_rng(0)
    budget = 0.3 if args.quick else 1.0
    shapes = []
    for layer, kind, m, k, n, transpose_a in gemm_cases(args.batch):
        # A transposed operand is a transposed view, so OpenBLAS gets TransA = T, as a framework would call it.
        a = rng.random((k, m), dtype=np.float32).T if transpose_a else rng.random((m, k), dtype=np.float32)
        b = rng.random((k, n), dtype=np.float32)
        out = np.empty((m, n), dtype=np.float32)
        median, fastest, runs = time_gemm(a, b, out, 5, budget)
        flops = 2.0 * m * k * n
        shapes.append({"layer": layer, "pass": kind, "M": m, "K": k, "N": n, "median_s": median,
                       "gflops": flops / median / 1e9, "best_gflops": flops / fastest / 1e9, "runs": runs})
        print(f"  openblas {info['corename']} threads={args.threads} {layer} {kind} "
              f"M={m} K={k} N={n}: {flops / median / 1e9:.1f} GFLOP/s", file=sys.stderr)
    size = PEAK_SIZE
    a = rng.random((size, size), dtype=np.float32)
    b = rng.random((size, size), dtype=np.float32)
    out = np.empty((size, size), dtype=np.float32)
    median, fastest, runs = time_gemm(a, b, out, 5, budget * 2)
    peak = {"size": size, "gflops": 2.0 * size ** 3 / median / 1e9, "best_gflops": 2.0 * size ** 3 / fastest / 1e9}
    print(f"  openblas {info['corename']} threads={args.threads} peak {size}^3: {peak['gflops']:.1f} GFLOP/s",
          file=sys.stderr)
    json.dump({"coretype": args.coretype, "threads": args.threads, "openblas": info, "batch": args.batch,
               "peak": peak, "shapes": shapes}, sys.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    parser.add_argument("--coretypes", default="env,SkylakeX",
                        help="OpenBLAS core types; 'env' keeps the machine's OPENBLAS_CORETYPE (or auto-detection)")
    default_batch = load_convolutions()["batch"]
    parser.add_argument("--batch", type=int, default=default_batch,
                        help=f"batch size of the M5 GEMM shapes (default {default_batch}, as m5_convolutions.json)")
    parser.add_argument("--quick", action="store_true", help="shorter timing budget (noisier)")
    parser.add_argument("--json", help="write the results here (default: stdout)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--coretype", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.batch < 1:
        raise SystemExit(f"--batch must be at least 1, got {args.batch}")

    if args.worker:
        args.threads = int(args.threads)
        worker(args)
        return

    configs = []
    for coretype in [c.strip() for c in args.coretypes.split(",") if c.strip()]:
        for threads in [int(t) for t in args.threads.split(",") if t.strip()]:
            env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
            if coretype != "env":
                env["OPENBLAS_CORETYPE"] = coretype
            label = env.get("OPENBLAS_CORETYPE", "auto") if coretype == "env" else coretype
            command = [sys.executable, os.path.abspath(__file__), "--worker", "--threads", str(threads),
                       "--coretype", label, "--batch", str(args.batch)]
            if args.quick:
                command.append("--quick")
            done = subprocess.run(command, env=env, stdout=subprocess.PIPE, check=True, text=True)
            config = json.loads(done.stdout)
            if config["openblas"]["corename"].lower() != label.lower() and label != "auto":
                print(f"  note: asked OpenBLAS for {label}, it chose {config['openblas']['corename']}", file=sys.stderr)
            configs.append(config)
    text = json.dumps({"library": "openblas", "configs": configs}, indent=1)
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, "w") as f:
            f.write(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
