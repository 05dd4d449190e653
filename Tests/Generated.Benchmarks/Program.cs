using BenchmarkDotNet.Running;

namespace Generated.Benchmarks;

/// <summary>Entry point: our options select models, metrics, threads and sides; the rest goes to BenchmarkDotNet.</summary>
public static class Program
{
    /// <summary>Runs the selected benchmarks; exit code 1 when one failed, 2 on a bad option.</summary>
    public static int Main(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            Console.WriteLine("BenchmarkDotNet's own options follow.");
        }
        if (args.Contains("--profile"))
        {
            // The per-layer profile against the FLOP limit (LayerProfile), outside BenchmarkDotNet.
            return LayerProfile.Run(args);
        }
        if (args.Contains("--layers"))
        {
            // Per-layer batch-1 timings (LayerTimings), outside BenchmarkDotNet: --layers [--threads N] [--split].
            var at = Array.IndexOf(args, "--threads");
            var threads = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture) : 1;
            LayerTimings.CpuTime = args.Contains("--cpu-time");
            return LayerTimings.Run(threads, args.Contains("--split"));
        }
        if (args.Contains("--predict"))
        {
            return PredictTimings.Run(args.Contains("--split")); // batch-1 Predict by CPU time, outside BenchmarkDotNet
        }
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        Selection.Options = options;
        var rest = options.Rest.ToList();
        if (!rest.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h" or "-?"))
        {
            rest.AddRange(["--filter", "*"]); // run the selection instead of asking interactively
        }
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], BenchmarkConfig.Create(options));
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}
