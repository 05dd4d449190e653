using System.Text.Json;
using Generated.Kernels;
using Generated.Training;

namespace Generated.Benchmarks;

/// <summary>
/// `--profile`: the per-layer profile against the FLOP limit. Each reference model's prefix networks (Networks/Prefixes,
/// the generated code of the model cut after a row's last layer) are timed on the three metrics; a row's time is
/// prefix(k) - prefix(k-1). Its FLOPs come from the generated <see cref="LayerInfo.MultiplyAdds"/>: forward 2 per
/// multiply-add, a training step 2 x (3 x the multiply-adds: forward, input gradient, kernel gradient) less the first
/// layer's input gradient, which a training step on data skips. Outside BenchmarkDotNet, like <c>--layers</c>.
/// </summary>
internal static class LayerProfile
{
    /// <summary>A measured quantity: batch-1 Predict on 1 thread by CPU time, batch-256 Predict and a batch-64 Adam step on 2 threads by the wall clock.</summary>
    private sealed record Metric(string Id, int Batch, int Threads, bool Training)
    {
        public bool CpuTime => Threads == 1; // the helper thread's time is not the caller's: wall clock at 2 threads
    }

    private static readonly Metric[] Measured =
    [
        new(Metrics.Latency1, 1, 1, Training: false),
        new(Metrics.Infer256, 256, 2, Training: false),
        new(Metrics.Train64, 64, 2, Training: true),
    ];

    /// <summary>Runs the profile, prints its tables and writes the JSON; 0 on success, 2 on a bad option.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        ProfileOptions options;
        try
        {
            options = ProfileOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        var savedThreads = KernelOptions.MaxThreads;
        var savedSplit = KernelOptions.SplitSingleSample;
        try
        {
            return Run(options);
        }
        finally
        {
            KernelOptions.MaxThreads = savedThreads;
            KernelOptions.SplitSingleSample = savedSplit;
        }
    }

    private static int Run(ProfileOptions options)
    {
        var started = DateTime.UtcNow;
        var loadBefore = MachineLoad.Average();
        var rounds = options.Quick ? 7 : 21;
        var timer = new Func<Metric, RoundRobinTimer>(metric => new RoundRobinTimer
        {
            Rounds = rounds,
            BatchSeconds = options.Quick ? 0.004 : 0.01,
            WarmUpSeconds = options.Quick ? 1.5 : 3,
            CpuTime = metric.CpuTime,
        });
        Console.WriteLine($"Per-layer profile ({(options.Quick ? "quick" : "full")}), {KernelOptions.ActivePath}; load {loadBefore}");
        Console.WriteLine(options.PeakGflopsPerCore is { } peak
            ? $"FLOP limit: {peak:F1} GFLOP/s per core (FP32 FMA peak, from {options.PeakSource}) x the threads a metric uses"
            : $"FLOP limit: {options.PeakSource}; the % of peak columns are left out");
        var models = new List<ModelProfile>();
        foreach (var model in options.Models)
        {
            var profile = Profile(model, options, timer);
            Print(profile);
            models.Add(profile);
        }
        if (options.JsonPath is { } path)
        {
            var document = new ProfileDocument(
                started.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                options.Quick, rounds, loadBefore, MachineLoad.Average(), KernelOptions.ActivePath, options.PeakGflopsPerCore, options.PeakSource,
                FlopFormula,
                Measured.Select(m => new MetricInfo(m.Id, m.Batch, m.Threads, m.CpuTime ? "calling thread's CPU time" : "wall clock",
                    m.Batch == 1 ? "us per call" : "us per sample")).ToArray(),
                models);
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            Directory.CreateDirectory(directory!);
            File.WriteAllText(path, JsonSerializer.Serialize(document, JsonOptions));
            Console.WriteLine($"wrote {path}");
        }
        return 0;
    }

    /// <summary>How the FLOPs are counted, written into the JSON for the report.</summary>
    private const string FlopFormula =
        "forward: 2 x the row's multiply-adds (the generated Layers[i].MultiplyAdds: convolutions and matrix products); " +
        "training step: 2 x (3 x the multiply-adds: forward, input gradient, kernel gradient), less the first layer's " +
        "input gradient, which a training step on data skips";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    private static ModelProfile Profile(ReferenceModel model, ProfileOptions options, Func<Metric, RoundRobinTimer> timer)
    {
        var prefixes = ProfiledModels.Prefixes(model);
        var lengths = ProfiledModels.CheckedLengths(model, prefixes);
        var layers = prefixes[^1].Layers;
        var skipped = SkippedInputGradient(layers);
        var seconds = new Dictionary<string, (double[] Prefixes, double Own)>();
        foreach (var metric in Measured)
        {
            KernelOptions.MaxThreads = metric.Threads;
            KernelOptions.SplitSingleSample = false;
            var workloads = ProfiledModels.Prefixes(model).Select(network => Workload(model, network, metric, own: false)).ToList();
            workloads.Add(Workload(model, ReferenceNetworks.Create(model), metric, own: true));
            var measured = timer(metric).Measure(workloads);
            seconds[metric.Id] = (measured[..^1], measured[^1]);
            workloads.Clear();
            GC.Collect(); // the next metric's networks should not share the heap with these buffers
        }

        var rows = new List<ProfileRow>();
        for (var k = 0; k < lengths.Length; k++)
        {
            var first = k == 0 ? 0 : lengths[k - 1];
            var rowLayers = layers.Skip(first).Take(lengths[k] - first).ToArray();
            var multiplyAdds = rowLayers.Sum(l => l.MultiplyAdds);
            var trainingMultiplyAdds = 3 * multiplyAdds - (first == 0 ? skipped : 0);
            var timings = new Dictionary<string, RowTiming>();
            foreach (var metric in Measured)
            {
                var (prefixSeconds, _) = seconds[metric.Id];
                var prefix = Micros(prefixSeconds[k], metric);
                var previous = k == 0 ? 0 : Micros(prefixSeconds[k - 1], metric);
                var flops = 2.0 * (metric.Training ? trainingMultiplyAdds : multiplyAdds);
                timings[metric.Id] = Rate(prefix - previous, prefix, flops, metric, options.PeakGflopsPerCore);
            }
            rows.Add(new ProfileRow(rowLayers.Select(l => l.Name).ToArray(), rowLayers.Select(l => l.Kind).ToArray(),
                prefixes[k].GetType().Name, prefixes[k].OutputShape.ToString(), 2 * multiplyAdds, 2 * trainingMultiplyAdds, timings));
        }

        var full = new Dictionary<string, FullTiming>();
        var forward = layers.Sum(l => l.MultiplyAdds);
        foreach (var metric in Measured)
        {
            var (prefixSeconds, own) = seconds[metric.Id];
            var flops = 2.0 * (metric.Training ? 3 * forward - skipped : forward);
            var ownRate = Rate(Micros(own, metric), Micros(own, metric), flops, metric, options.PeakGflopsPerCore);
            full[metric.Id] = new FullTiming(Micros(prefixSeconds[^1], metric), ownRate.Us, ownRate.Gflops, ownRate.PeakPercent);
        }
        return new ModelProfile(model.Name, model.Description, rows, full);
    }

    /// <summary>
    /// One call of <paramref name="metric"/> on <paramref name="network"/>: Predict, or the training step GeneratedNetworkBenchmarks
    /// times (<see cref="Trainer.TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float})"/> with Adam). A prefix trains on mean
    /// squared error to uniform [0, 1) targets of its output's shape (nonzero targets keep its ReLUs alive); the
    /// <paramref name="own"/> full model on its own loss and targets, as the headline's train64.
    /// </summary>
    private static Action Workload(ReferenceModel model, INetwork network, Metric metric, bool own)
    {
        var x = model.RandomInput(metric.Batch, seed: metric.Batch);
        if (!metric.Training)
        {
            // Aligned like the workspace a layer writes into inside the full model: a prefix's last layer writes here.
            var size = metric.Batch * network.OutputShape.Size;
            var (output, offset) = AlignedFloats(size);
            return () => network.Predict(x, output.AsSpan(offset, size));
        }
        var trainer = network.Compile(new Adam(), own ? ReferenceNetworks.LossOf(model) : Loss.MeanSquaredError);
        var y = own ? ReferenceNetworks.Targets(model, metric.Batch, x, seed: metric.Batch) : UniformTargets(metric.Batch * network.OutputShape.Size);
        return () => trainer.TrainStep(x, y);
    }

    /// <summary>A pinned array and the offset of its first 64-byte aligned float, with <paramref name="count"/> floats from there.</summary>
    private static unsafe (float[] Array, int Offset) AlignedFloats(int count)
    {
        const int alignment = 64;
        var array = GC.AllocateArray<float>(count + alignment / sizeof(float), pinned: true);
        fixed (float* first = array)
        {
            var misalignment = (int)((nuint)first % alignment);
            return (array, misalignment == 0 ? 0 : (alignment - misalignment) / sizeof(float));
        }
    }

    private static float[] UniformTargets(int count)
    {
        var random = new Random(7);
        var targets = new float[count];
        for (var i = 0; i < count; i++)
        {
            targets[i] = random.NextSingle();
        }
        return targets;
    }

    /// <summary>
    /// The multiply-adds of the first layer's input gradient when a training step skips it: the network input's only
    /// reader is a Conv2D, Conv2DTranspose or Dense (the generator's rule; their backward takes an empty input gradient).
    /// </summary>
    private static long SkippedInputGradient(IReadOnlyList<LayerInfo> layers)
    {
        var readers = layers.Where(l => l.Inputs.Contains("input")).ToArray();
        return readers is [var reader] && reader.Kind is "Conv2D" or "Conv2DTranspose" or "Dense" ? reader.MultiplyAdds : 0;
    }

    /// <summary>Microseconds per call (batch 1) or per sample.</summary>
    private static double Micros(double seconds, Metric metric) => seconds * 1e6 / metric.Batch;

    private static RowTiming Rate(double micros, double prefixMicros, double flops, Metric metric, double? peakPerCore)
    {
        double? gflops = micros > 0 && flops > 0 ? flops / micros / 1e3 : null;
        double? percent = gflops is { } g && peakPerCore is { } p ? 100 * g / (p * metric.Threads) : null;
        return new RowTiming(micros, prefixMicros, gflops, percent);
    }

    private static void Print(ModelProfile profile)
    {
        Console.WriteLine();
        Console.WriteLine($"{profile.Model} ({profile.Description})");
        var header = $"{"row",-38} {"fwd MFLOP",9}";
        foreach (var metric in Measured)
        {
            header += $" | {metric.Id + (metric.Batch == 1 ? " us" : " us/smp"),16} {"GF/s",6} {"%pk",4}";
        }
        Console.WriteLine(header);
        foreach (var row in profile.Rows)
        {
            var line = $"{string.Join(" + ", row.Layers),-38} {row.ForwardFlops / 1e6,9:F2}";
            foreach (var metric in Measured)
            {
                var t = row.Timings[metric.Id];
                line += $" | {t.Us,16:F2} {Format(t.Gflops, "F1"),6} {Format(t.PeakPercent, "F0"),4}";
            }
            Console.WriteLine(line);
        }
        var sums = $"{"sum of rows (the full model's prefix)",-38} {"",9}";
        var own = $"{"full model measured on its own",-38} {"",9}";
        foreach (var metric in Measured)
        {
            var f = profile.Full[metric.Id];
            sums += $" | {f.SumOfRowsUs,16:F2} {"",6} {"",4}";
            own += $" | {f.OwnUs,16:F2} {Format(f.Gflops, "F1"),6} {Format(f.PeakPercent, "F0"),4}";
        }
        Console.WriteLine(sums);
        Console.WriteLine(own);
    }

    private static string Format(double? value, string format) =>
        value is { } v ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "-";

    /// <summary>The JSON document scripts/perf_report.py reads (artifacts/bench/profile.json).</summary>
    private sealed record ProfileDocument(string Started, string Finished, bool Quick, int Rounds, string LoadBefore, string LoadAfter,
        string VectorPath, double? PeakGflopsPerCore, string PeakSource, string Flops, IReadOnlyList<MetricInfo> Metrics,
        IReadOnlyList<ModelProfile> Models);

    /// <summary>How a metric was measured.</summary>
    private sealed record MetricInfo(string Id, int Batch, int Threads, string Clock, string Unit);

    /// <summary>One model's rows and its full-model figures, per metric id.</summary>
    private sealed record ModelProfile(string Model, string Description, IReadOnlyList<ProfileRow> Rows, IReadOnlyDictionary<string, FullTiming> Full);

    /// <summary>One row: its layers, the prefix that ends with it, FLOPs per sample, and its timings per metric id.</summary>
    private sealed record ProfileRow(IReadOnlyList<string> Layers, IReadOnlyList<string> Kinds, string Prefix, string OutputShape,
        long ForwardFlops, long TrainingFlops, IReadOnlyDictionary<string, RowTiming> Timings);

    /// <summary>A row's time (prefix minus the previous prefix), its prefix's time, GFLOP/s and % of the FLOP limit (null when not positive or not known).</summary>
    private sealed record RowTiming(double Us, double PrefixUs, double? Gflops, double? PeakPercent);

    /// <summary>The sum of the rows (the full model's prefix time) beside the full model measured as its own instance.</summary>
    private sealed record FullTiming(double SumOfRowsUs, double OwnUs, double? Gflops, double? PeakPercent);
}
