using System.Diagnostics;
using Generated.Benchmarks.Networks;
using Generated.Kernels;

namespace Generated.Benchmarks;

/// <summary>
/// `--predict`: batch-1 Predict of M1-M5 (seeded weights), median microseconds per call by the calling thread's CPU
/// time, a quick before/after look on a busy machine (CPU time is not inflated by waiting for a core; BenchmarkDotNet's
/// latency1 metric, with ONNX Runtime beside it, is the measurement of record). `--predict --split`: 2 threads with
/// <see cref="KernelOptions.SplitSingleSample"/> on, by the wall clock (the helper thread's time is not the caller's).
/// </summary>
internal static class PredictTimings
{
    /// <summary>Prints one line per model; returns 0.</summary>
    public static int Run(bool split)
    {
        KernelOptions.MaxThreads = split ? 2 : 1;
        KernelOptions.SplitSingleSample = split;
        s_wallClock = split;
        Console.WriteLine($"Batch-1 Predict, {(split ? "2 threads split, wall clock" : "1 thread, CPU time")}, {KernelOptions.ActivePath}; load {MachineLoad.Average()}");
        Time("M1", M1MnistConvnet.InputSize, M1MnistConvnet.OutputSize, new M1MnistConvnet(1).Predict);
        Time("M2", M2TutorialCnn.InputSize, M2TutorialCnn.OutputSize, new M2TutorialCnn(1).Predict);
        Time("M3", M3Autoencoder.InputSize, M3Autoencoder.OutputSize, new M3Autoencoder(1).Predict);
        Time("M4", M4StridedNet.InputSize, M4StridedNet.OutputSize, new M4StridedNet(1).Predict);
        Time("M5", M5VggBlock.InputSize, M5VggBlock.OutputSize, new M5VggBlock(1).Predict);
        return 0;
    }

    private delegate void Predictor(ReadOnlySpan<float> input, Span<float> output);

    private static void Time(string model, int inputSize, int outputSize, Predictor predict)
    {
        var random = new Random(1);
        var input = Enumerable.Range(0, inputSize).Select(_ => (float)random.NextDouble()).ToArray();
        var output = new float[outputSize];
        for (var i = 0; i < 3000; i++)
        {
            predict(input, output);
        }
        var times = new double[31];
        for (var t = 0; t < times.Length; t++)
        {
            const int reps = 200;
            var start = CpuSeconds();
            for (var i = 0; i < reps; i++)
            {
                predict(input, output);
            }
            times[t] = (CpuSeconds() - start) * 1e6 / reps;
        }
        Array.Sort(times);
        Console.WriteLine($"{model}: {times[times.Length / 2]:F1} us (fastest batch {times[0]:F1} us)");
    }

    private static bool s_wallClock;

    private static double CpuSeconds()
    {
        if (s_wallClock)
        {
            return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        }
        PredictCpuClock.clock_gettime(3, out var spec);
        return spec.Seconds + spec.Nanoseconds * 1e-9;
    }
}

/// <summary>The thread CPU clock (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>).</summary>
internal static partial class PredictCpuClock
{
    /// <summary>A timespec.</summary>
    internal struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    internal static partial int clock_gettime(int clock, out TimeSpec time);
}
