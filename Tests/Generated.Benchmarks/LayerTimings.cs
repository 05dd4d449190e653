using System.Diagnostics;
using Generated.CompilerServices;
using Generated.Kernels;

namespace Generated.Benchmarks;

/// <summary>
/// `--layers`: batch-1 time per convolution layer of M1 and M2 (and M5's four), the GEMM plan (packed
/// <see cref="Conv2D"/>, then <see cref="MaxPool2D"/>) against the direct plan (<see cref="DirectConv2D"/>, the pool
/// in its store), with each layer's GFLOP/s: the per-layer profile against the FLOP limit. Stopwatch medians, not
/// BenchmarkDotNet: a quick look, on whatever threads <c>--threads</c>' first value and <c>--split</c> say.
/// </summary>
internal static class LayerTimings
{
    private sealed record Layer(string Name, Conv2DGeometry Conv, bool Pooled);

    private static readonly (string Model, Layer[] Layers)[] Models =
    [
        ("M1", [new("conv2d 28x28x1 -> 32, pool", Conv(28, 28, 1, 32, 0), true), new("conv2d_1 13x13x32 -> 64, pool", Conv(13, 13, 32, 64, 0), true)]),
        ("M2", [new("conv2d 32x32x3 -> 32, pool", Conv(32, 32, 3, 32, 0), true), new("conv2d_1 15x15x32 -> 64, pool", Conv(15, 15, 32, 64, 0), true),
            new("conv2d_2 6x6x64 -> 64", Conv(6, 6, 64, 64, 0), false)]),
        ("M5", [new("conv2d 32x32x3 -> 64 same", Conv(32, 32, 3, 64, 1), false), new("conv2d_1 32x32x64 -> 64 same, pool", Conv(32, 32, 64, 64, 1), true),
            new("conv2d_2 16x16x64 -> 128 same", Conv(16, 16, 64, 128, 1), false), new("conv2d_3 16x16x128 -> 128 same, pool", Conv(16, 16, 128, 128, 1), true)]),
    ];

    /// <summary>Prints the table; returns 0.</summary>
    public static int Run(int threads, bool split)
    {
        KernelOptions.MaxThreads = threads;
        KernelOptions.SplitSingleSample = split;
        Console.WriteLine($"Batch-1 layers, {threads} thread(s), split {(split ? "on" : "off")}, {KernelOptions.ActivePath}; load {MachineLoad.Average()}");
        Console.WriteLine($"{"model",-5} {"layer",-36} {"GEMM+pool us",12} {"direct us",10} {"ratio",6} {"GEMM GF/s",10} {"direct GF/s",11}");
        foreach (var (model, layers) in Models)
        {
            foreach (var layer in layers)
            {
                var g = layer.Conv;
                var pool = new Pool2DGeometry(g.OutputHeight, g.OutputWidth, g.OutputChannels, g.OutputHeight / 2, g.OutputWidth / 2, 2, 2, 2, 2, 0, 0);
                var random = new Random(1);
                var input = Enumerable.Range(0, g.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
                var kernel = Enumerable.Range(0, g.KernelSize).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
                var bias = Enumerable.Range(0, g.OutputChannels).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
                var gemm = new PackedKernel();
                Conv2D.Pack(g, kernel, bias, gemm);
                var direct = new PackedKernel();
                DirectConv2D.Pack(g, kernel, bias, direct);
                var full = new float[g.OutputSize];
                var pooled = new float[pool.OutputSize];
                var output = new float[g.OutputSize];
                var gemmTime = Median(() =>
                {
                    Conv2D.Forward(g, 1, input, gemm, Activation.Relu, full);
                    if (layer.Pooled)
                    {
                        MaxPool2D.Forward(pool, 1, full, pooled);
                    }
                });
                var directTime = Median(() =>
                {
                    if (layer.Pooled)
                    {
                        DirectConv2D.ForwardMaxPool(g, pool, 1, input, direct, Activation.Relu, pooled);
                    }
                    else
                    {
                        DirectConv2D.Forward(g, 1, input, direct, Activation.Relu, output);
                    }
                });
                var flops = 2.0 * g.OutputSize * g.KernelHeight * g.KernelWidth * g.InputChannels;
                Console.WriteLine($"{model,-5} {layer.Name,-36} {gemmTime,12:F2} {directTime,10:F2} {gemmTime / directTime,6:F2} {flops / gemmTime / 1e3,10:F1} {flops / directTime / 1e3,11:F1}");
            }
        }
        return 0;
    }

    private static Conv2DGeometry Conv(int height, int width, int inputChannels, int filters, int pad)
    {
        var outputHeight = pad == 0 ? height - 2 : height;
        var outputWidth = pad == 0 ? width - 2 : width;
        return new Conv2DGeometry(height, width, inputChannels, outputHeight, outputWidth, filters, 3, 3, 1, 1, 1, 1, pad, pad);
    }

    /// <summary>
    /// Median microseconds per call over 41 timed batches of calls, each about 2 ms, after warm-up; with <c>--cpu-time</c>
    /// the calling thread's CPU time instead of the wall clock (steadier on a shared machine, for 1 thread only).
    /// </summary>
    private static double Median(Action call)
    {
        for (var i = 0; i < 2000; i++)
        {
            call();
        }
        var once = Stopwatch.StartNew();
        call();
        var reps = Math.Max(1, (int)(0.002 / Math.Max(1e-7, once.Elapsed.TotalSeconds)));
        var times = new double[41];
        for (var t = 0; t < times.Length; t++)
        {
            var start = Now();
            for (var i = 0; i < reps; i++)
            {
                call();
            }
            times[t] = (Now() - start) * 1e6 / reps;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }

    /// <summary>Whether <see cref="Now"/> reads the thread's CPU time.</summary>
    public static bool CpuTime { get; set; }

    /// <summary>Seconds: the wall clock, or the calling thread's CPU time (<c>CLOCK_THREAD_CPUTIME_ID</c>).</summary>
    private static double Now()
    {
        if (!CpuTime)
        {
            return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        }
        ThreadCpuTime.clock_gettime(3, out var spec);
        return spec.Seconds + spec.Nanoseconds * 1e-9;
    }
}

/// <summary>The thread CPU clock (Linux).</summary>
internal static partial class ThreadCpuTime
{
    /// <summary>A timespec.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    internal struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    internal static partial int clock_gettime(int clock, out TimeSpec time);
}
