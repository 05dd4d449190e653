using System.Diagnostics;

namespace Generated.Benchmarks;

/// <summary>
/// Median seconds per call of several workloads timed in turns: each round times one batch of calls of every workload,
/// so a change in the machine's load during the run (other processes share its cores) reaches every workload alike and
/// the differences between them, the per-layer profile's rows, stay fair.
/// </summary>
internal sealed class RoundRobinTimer
{
    /// <summary>Timed rounds (batches per workload).</summary>
    public required int Rounds { get; init; }

    /// <summary>Seconds of calls per timed batch; a batch holds at least one call.</summary>
    public required double BatchSeconds { get; init; }

    /// <summary>Seconds of untimed calls of all workloads in turns first (buffers sized, code tiered up; at least two calls each).</summary>
    public required double WarmUpSeconds { get; init; }

    /// <summary>Whether to read the calling thread's CPU time (single-threaded runs) instead of the wall clock.</summary>
    public required bool CpuTime { get; init; }

    /// <summary>The median seconds per call of each of <paramref name="workloads"/>, in their order.</summary>
    public double[] Measure(IReadOnlyList<Action> workloads)
    {
        // Warm-up in turns too: every workload's code (the generated methods and the kernels they share) has to reach
        // tiered compilation's optimized tier, which happens in the background some time after its first calls; timed
        // at tier 0, a 30 us Predict measured 1 ms.
        var warmUp = Stopwatch.StartNew();
        for (var calls = 0; calls < 2 || warmUp.Elapsed.TotalSeconds < WarmUpSeconds; calls++)
        {
            foreach (var workload in workloads)
            {
                workload();
            }
        }
        var reps = new int[workloads.Count];
        for (var w = 0; w < workloads.Count; w++)
        {
            var start = Now();
            workloads[w]();
            workloads[w]();
            var perCall = Math.Max(1e-7, (Now() - start) / 2);
            reps[w] = Math.Max(1, (int)Math.Round(BatchSeconds / perCall));
        }
        var times = new double[workloads.Count][];
        for (var w = 0; w < workloads.Count; w++)
        {
            times[w] = new double[Rounds];
        }
        for (var round = 0; round < Rounds; round++)
        {
            for (var w = 0; w < workloads.Count; w++)
            {
                var workload = workloads[w];
                var start = Now();
                for (var i = 0; i < reps[w]; i++)
                {
                    workload();
                }
                times[w][round] = (Now() - start) / reps[w];
            }
        }
        return times.Select(Median).ToArray();
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Seconds: the calling thread's CPU time (<c>CLOCK_THREAD_CPUTIME_ID</c>) or the wall clock.</summary>
    private double Now()
    {
        if (!CpuTime)
        {
            return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        }
        ThreadCpuTime.clock_gettime(3, out var spec);
        return spec.Seconds + spec.Nanoseconds * 1e-9;
    }
}
