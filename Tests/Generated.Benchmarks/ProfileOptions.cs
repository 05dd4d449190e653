using System.Globalization;
using System.Text.Json;

namespace Generated.Benchmarks;

/// <summary>
/// Options of <c>--profile</c> (<see cref="LayerProfile"/>): <c>--models M1,..</c>, <c>--quick</c>, <c>--json FILE</c>,
/// and the FLOP limit: <c>--peak GFLOPS</c> (one core's FP32 FMA peak) or <c>--peak-file FILE</c> (fma_peak.json as
/// scripts/peak/fma_peak.c writes it; default artifacts/bench/fma_peak.json when it exists).
/// </summary>
internal sealed class ProfileOptions
{
    /// <summary>Where the FMA peak is read when neither <c>--peak</c> nor <c>--peak-file</c> is given.</summary>
    public const string DefaultPeakFile = "artifacts/bench/fma_peak.json";

    /// <summary>Models to profile.</summary>
    public required IReadOnlyList<ReferenceModel> Models { get; init; }

    /// <summary>Fewer, shorter timed batches.</summary>
    public required bool Quick { get; init; }

    /// <summary>The JSON file to write, or null for the console table alone.</summary>
    public required string? JsonPath { get; init; }

    /// <summary>One core's FP32 FMA peak in GFLOP/s, or null when it is not known.</summary>
    public required double? PeakGflopsPerCore { get; init; }

    /// <summary>Where <see cref="PeakGflopsPerCore"/> came from, said in the output.</summary>
    public required string PeakSource { get; init; }

    /// <summary>Reads the options after <c>--profile</c>; throws <see cref="ArgumentException"/> on a bad or unknown one.</summary>
    public static ProfileOptions Parse(IReadOnlyList<string> args)
    {
        IReadOnlyList<ReferenceModel> models = ReferenceModel.All;
        var quick = false;
        string? json = null;
        double? peak = null;
        string? peakFile = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--profile":
                    break;
                case "--models":
                    models = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(ReferenceModel.Get).Distinct().ToArray();
                    if (models.Count == 0)
                    {
                        throw new ArgumentException("--models needs at least one model.");
                    }
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--json":
                    json = Value(args, ref i);
                    break;
                case "--peak":
                    var text = Value(args, ref i);
                    peak = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
                        ? value
                        : throw new ArgumentException($"--peak: '{text}' is not a positive GFLOP/s figure.");
                    break;
                case "--peak-file":
                    peakFile = Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"--profile: unknown option '{args[i]}'.\n{BenchmarkOptions.Usage}");
            }
        }
        if (peak is not null && peakFile is not null)
        {
            throw new ArgumentException("--profile takes --peak or --peak-file, not both.");
        }
        var (peakValue, source) = peak is not null ? (peak, "--peak")
            : peakFile is not null ? (ReadPeak(peakFile), peakFile)
            : File.Exists(DefaultPeakFile) ? (ReadPeak(DefaultPeakFile), DefaultPeakFile)
            : (null, $"not known: no --peak or --peak-file, and no {DefaultPeakFile}");
        return new ProfileOptions { Models = models, Quick = quick, JsonPath = json, PeakGflopsPerCore = peakValue, PeakSource = source };
    }

    /// <summary>The <c>gflops_per_core</c> of an fma_peak.json.</summary>
    private static double ReadPeak(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var value = document.RootElement.GetProperty("gflops_per_core").GetDouble();
            return value > 0 ? value : throw new ArgumentException($"--peak-file: {path} gives a peak of {value} GFLOP/s.");
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--peak-file: cannot read gflops_per_core from {path}: {e.Message}", e);
        }
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{args[i]} needs a value.");
        }
        return args[++i];
    }
}
