using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace Generated.Benchmarks.TorchSharp;

/// <summary>
/// Times M1-M5 in libtorch 2.10 through TorchSharp with the metrics and the JSON layout of bench_pytorch.py, so that
/// scripts/perf_report.py reads both the same way:
/// <c>Generated.Benchmarks.TorchSharp [--models M1,..] [--metrics train64,..] [--threads 1,2] [--quick] [--json FILE]</c>.
/// Each thread count runs in its own process (libtorch's OpenMP pool is sized once per process).
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, int> Metrics = new()
    {
        ["train64"] = 64, ["train256"] = 256, ["infer256"] = 256, ["latency1"] = 1,
    };

    /// <summary>Runs the selection; 2 on a bad argument.</summary>
    public static int Main(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick" or "--worker":
                    options[args[i]] = "true";
                    break;
                case "--models" or "--metrics" or "--threads" or "--json" when i + 1 < args.Length:
                    options[args[i]] = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. Usage: [--models M1,..] [--metrics {string.Join(",", Metrics.Keys)}] [--threads 1,2] [--quick] [--json FILE]");
                    return 2;
            }
        }
        var models = List(options, "--models", string.Join(",", ReferenceModel.Names), ReferenceModel.Names);
        var metrics = List(options, "--metrics", string.Join(",", Metrics.Keys), Metrics.Keys.ToList());
        if (models is null || metrics is null)
        {
            return 2;
        }
        var quick = options.ContainsKey("--quick");
        if (options.ContainsKey("--worker"))
        {
            Console.Out.Write(Worker(models, metrics, int.Parse(options["--threads"]), quick).ToJsonString());
            return 0;
        }

        var configs = new JsonArray();
        foreach (var threads in (options.GetValueOrDefault("--threads") ?? "1,2").Split(',').Select(int.Parse))
        {
            configs.Add(RunWorker(args, threads));
        }
        // The better thread count per (model, metric): highest samples/s, as bench_pytorch.py picks.
        var best = configs.SelectMany(c => c!["results"]!.AsArray())
            .GroupBy(r => (Model: (string)r!["model"]!, Metric: (string)r!["metric"]!))
            .Select(g => g.MaxBy(r => (double)r!["samples_per_s"]!)!)
            .Select(r => { var copy = r.DeepClone(); copy["best_threads"] = (int)r["threads"]!; return copy; });
        var combined = new JsonObject
        {
            ["framework"] = "libtorch",
            ["build"] = $"libtorch {torch.__version__} through TorchSharp {typeof(torch).Assembly.GetName().Version}",
            ["malloc"] = Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is null ? "glibc default" : "freed memory kept in the process",
            ["malloc_tuned"] = Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null,
            ["quick"] = quick,
            ["configs"] = configs,
            ["best"] = new JsonArray([.. best]),
        };
        var text = combined.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        if (options.TryGetValue("--json", out var path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, text);
        }
        else
        {
            Console.WriteLine(text);
        }
        return 0;
    }

    private static List<string>? List(Dictionary<string, string> options, string name, string fallback, IReadOnlyList<string> allowed)
    {
        var items = options.GetValueOrDefault(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var unknown = items.Where(i => !allowed.Contains(i)).ToList();
        if (unknown.Count > 0 || items.Count == 0)
        {
            Console.Error.WriteLine($"{name}: unknown or empty value(s) {string.Join(", ", unknown)}; choose from {string.Join(", ", allowed)}.");
            return null;
        }
        return items;
    }

    /// <summary>This program again as a worker with OMP_NUM_THREADS set to <paramref name="threads"/>.</summary>
    private static JsonNode RunWorker(string[] args, int threads)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var forwarded = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--threads" or "--json") { i++; continue; }
            forwarded.Add(args[i]);
        }
        foreach (var a in forwarded.Concat(["--worker", "--threads", threads.ToString()]))
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["OMP_NUM_THREADS"] = threads.ToString();
        start.Environment["MKL_NUM_THREADS"] = threads.ToString();
        using var process = Process.Start(start)!;
        // libtorch warns once per convolution call that NNPACK does not support this CPU (it falls back to its own
        // kernels, as PyTorch 1.13 does silently): thousands of identical lines, kept out of the log.
        var nnpackWarnings = 0;
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            if (line.Data.Contains("NNPACK.cpp", StringComparison.Ordinal)) { Interlocked.Increment(ref nnpackWarnings); return; }
            Console.Error.WriteLine(line.Data);
        };
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (nnpackWarnings > 0)
        {
            Console.Error.WriteLine($"  ({nnpackWarnings:N0} warnings 'Could not initialize NNPACK! Reason: Unsupported hardware.' left out)");
        }
        return process.ExitCode == 0
            ? JsonNode.Parse(output)!
            : throw new InvalidOperationException($"The worker at {threads} thread(s) exited with {process.ExitCode}.");
    }

    private static JsonObject Worker(List<string> models, List<string> metrics, int threads, bool quick)
    {
        torch.set_num_threads(threads);
        torch.set_num_interop_threads(1);
        var budget = quick ? 0.5 : 2.0;
        var results = new JsonArray();
        foreach (var name in models)
        {
            foreach (var metric in metrics)
            {
                var batch = Metrics[metric];
                var model = ReferenceModel.Build(name);
                var generator = new Generator(100 + (ulong)batch);
                var (x, target) = model.MakeBatch(batch, generator);
                Action call;
                if (metric.StartsWith("train", StringComparison.Ordinal))
                {
                    model.Body.train();
                    var optimizer = optim.Adam(model.Body.parameters(), lr: 1e-3); // Keras' Adam defaults
                    call = () =>
                    {
                        using var scope = torch.NewDisposeScope();
                        optimizer.zero_grad();
                        model.LossValue(x, target).backward();
                        optimizer.step();
                    };
                }
                else
                {
                    model.Body.eval();
                    call = () =>
                    {
                        using var scope = torch.NewDisposeScope();
                        using var mode = torch.inference_mode();
                        model.Predict(x);
                    };
                }
                var (median, fastest, runs) = Time(call, warmup: batch > 1 ? 3 : 20, minRuns: batch > 1 ? 5 : 50, budget, maxRuns: 5000);
                results.Add(new JsonObject
                {
                    ["model"] = name, ["metric"] = metric, ["batch"] = batch, ["threads"] = threads,
                    ["median_s"] = median, ["min_s"] = fastest, ["runs"] = runs, ["samples_per_s"] = batch / median,
                });
                Console.Error.WriteLine($"  libtorch {name} {metric} threads={threads}: {batch / median:N0} samples/s ({median * 1e3:F3} ms, {runs} runs)");
            }
        }
        return new JsonObject
        {
            ["threads"] = threads,
            ["torch_num_threads"] = torch.get_num_threads(),
            ["env"] = new JsonObject
            {
                ["OMP_NUM_THREADS"] = Environment.GetEnvironmentVariable("OMP_NUM_THREADS") ?? "",
                ["MALLOC_MMAP_THRESHOLD_"] = Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") ?? "",
                ["MALLOC_TRIM_THRESHOLD_"] = Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") ?? "",
            },
            ["results"] = results,
        };
    }

    /// <summary>Median and fastest seconds per call: warm-up, then timed calls until both the run count and the time budget are met.</summary>
    private static (double Median, double Fastest, int Runs) Time(Action call, int warmup, int minRuns, double budget, int maxRuns)
    {
        for (var i = 0; i < warmup; i++)
        {
            call();
        }
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < maxRuns && (times.Count < minRuns || total.Elapsed.TotalSeconds < budget))
        {
            var one = Stopwatch.StartNew();
            call();
            times.Add(one.Elapsed.TotalSeconds);
        }
        times.Sort();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        return (median, times[0], times.Count);
    }
}
