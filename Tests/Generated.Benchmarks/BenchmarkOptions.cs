namespace Generated.Benchmarks;

/// <summary>
/// Our command-line options (which models, metrics, thread counts and sides to run, where the exported
/// models are); every other argument goes to BenchmarkDotNet unchanged (<c>--artifacts</c>, <c>--filter</c> ...).
/// </summary>
public sealed class BenchmarkOptions
{
    /// <summary>Usage text for our options.</summary>
    public const string Usage = """
        Generated.Benchmarks [options] [BenchmarkDotNet options]
          --models M1,M2,...      models to run (default: all of M1..M5)
          --metrics m1,m2,...     train64, train256, infer256, latency1 (default: these four);
                                  gemm: M5's convolutions pass by pass in GFLOP/s (any --models;
                                  only when named)
          --threads 1,2           thread counts (default: 1,2)
          --sides ours,onnxruntime  frameworks to run (default: both)
          --models-dir DIR        exported models and weights (default: artifacts/bench/models,
                                  written by Tests/Fixtures/scripts/bench_pytorch.py --export DIR)
          --vector-width 128      cap our kernels' vectors at 128, 256 or 512 bits (KernelOptions.VectorWidth;
                                  default 512: the widest the CPU accelerates). Switching the ISA off instead
                                  is an environment variable of the process (scripts/benchmark-widths.sh)
          --quick                 1 warm-up and 3 iterations instead of 3 and 10 (noisier)
        Every other argument goes to BenchmarkDotNet (e.g. --artifacts DIR, --filter *Onnx*).

        Generated.Benchmarks --profile [--models M1,..] [--quick] [--json FILE] [--peak GFLOPS | --peak-file FILE]
          the per-layer profile against the FLOP limit, outside BenchmarkDotNet (scripts/benchmark.sh's metric
          profile): each model's prefix networks (Networks/Prefixes) timed on latency1 (1 thread, CPU time),
          infer256 and train64 (2 threads, wall clock); a row is prefix(k) - prefix(k-1), with its GFLOP/s and
          % of the FMA peak (--peak: one core's GFLOP/s; --peak-file: an fma_peak.json; default
          artifacts/bench/fma_peak.json when it exists) times the threads used
        """;

    /// <summary>Selected model names.</summary>
    public IReadOnlyList<string> Models { get; private init; } = ReferenceModel.All.Select(m => m.Name).ToArray();

    /// <summary>Selected metric ids.</summary>
    public IReadOnlyList<string> Metrics { get; private init; } = Benchmarks.Metrics.All;

    /// <summary>Selected thread counts.</summary>
    public IReadOnlyList<int> Threads { get; private init; } = [1, 2];

    /// <summary>Selected sides.</summary>
    public IReadOnlyList<string> Sides { get; private init; } = Benchmarks.Sides.All;

    /// <summary>Folder with <c>{model}.onnx</c>, <c>{model}.safetensors</c> and <c>{model}.reference.safetensors</c>.</summary>
    public string ModelsDirectory { get; private init; } = Path.Combine("artifacts", "bench", "models");

    /// <summary>Widest vectors our kernels may use, in bits (<c>KernelOptions.VectorWidth</c>).</summary>
    public int VectorWidth { get; private init; } = 512;

    /// <summary>Shorter job for a smoke run.</summary>
    public bool Quick { get; private init; }

    /// <summary>Arguments left for BenchmarkDotNet.</summary>
    public IReadOnlyList<string> Rest { get; private init; } = [];

    /// <summary>Splits <paramref name="args"/> into our options and BenchmarkDotNet's; throws <see cref="ArgumentException"/> on a bad value.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var models = ReferenceModel.All.Select(m => m.Name).ToArray();
        var metrics = Benchmarks.Metrics.All.ToArray();
        var threads = new[] { 1, 2 };
        var sides = Benchmarks.Sides.All.ToArray();
        var modelsDirectory = Path.Combine("artifacts", "bench", "models");
        var quick = false;
        var vectorWidth = 512;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--models":
                    models = List(args, ref i).Select(name => ReferenceModel.Get(name).Name).ToArray();
                    break;
                case "--metrics":
                    metrics = List(args, ref i).Select(Known(Benchmarks.Metrics.Known, "--metrics")).ToArray();
                    break;
                case "--threads":
                    threads = List(args, ref i).Select(ThreadCount).ToArray();
                    break;
                case "--sides":
                    sides = List(args, ref i).Select(Known(Benchmarks.Sides.All, "--sides")).ToArray();
                    break;
                case "--models-dir":
                    modelsDirectory = Value(args, ref i);
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--vector-width":
                    vectorWidth = Value(args, ref i) switch
                    {
                        "128" => 128,
                        "256" => 256,
                        "512" => 512,
                        var other => throw new ArgumentException($"--vector-width: '{other}' is not 128, 256 or 512."),
                    };
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        return new BenchmarkOptions
        {
            Models = models, Metrics = metrics, Threads = threads, Sides = sides,
            ModelsDirectory = modelsDirectory, Quick = quick, VectorWidth = vectorWidth, Rest = rest,
        };
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
        }
        return args[++i];
    }

    private static string[] List(IReadOnlyList<string> args, ref int i)
    {
        var option = args[i];
        var items = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length > 0 ? items : throw new ArgumentException($"{option} needs at least one comma-separated value.");
    }

    private static Func<string, string> Known(IReadOnlyList<string> allowed, string option) => value =>
        allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"{option}: unknown value '{value}'; choose from {string.Join(", ", allowed)}.");

    private static int ThreadCount(string value) =>
        int.TryParse(value, out var n) && n is >= 1 and <= 256
            ? n
            : throw new ArgumentException($"--threads: '{value}' is not a thread count from 1 to 256.");
}
