using System.Diagnostics;
using Generated.IO;
using Xunit.Abstractions;

namespace Generated.Models.Tests.Reliability;

/// <summary>
/// The weight-file campaign of docs/RELIABILITY.md: structured mutations (<see cref="WeightFileMutator"/>) of valid
/// files of four models, loaded by path, by seekable, forward-only and trickling streams, with and without options.
/// Each load either succeeds with exactly the file's values, or throws a <see cref="WeightFileException"/> (naming the
/// tensor the mutation touched) and leaves the previous weights as they were; none takes long. CI runs a fixed-seed
/// sample; <c>RELIABILITY_FULL=1</c> runs 100,000 cases (<c>RELIABILITY_CASES</c> sets another count).
/// </summary>
public sealed class WeightFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20261206;
    private const int CiCases = 2000;
    private const int FullCases = 100_000;
    private static readonly TimeSpan SlowCase = TimeSpan.FromSeconds(5);

    private readonly string _directory = Directory.CreateTempSubdirectory("generated-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Cases to run: the CI sample, or the full campaign.</summary>
    internal static int Cases(int ci, int full) =>
        Environment.GetEnvironmentVariable("RELIABILITY_CASES") is { } text && int.TryParse(text, out var cases) ? cases
        : Environment.GetEnvironmentVariable("RELIABILITY_FULL") == "1" ? full : ci;

    [Fact]
    public void Mutated_weight_files_load_whole_or_fail_naming_the_tensor_and_change_nothing()
    {
        var targets = WeightTarget.All(seed: 3);
        var valid = WeightTarget.All(seed: 11).Select(t => t.Saved()).ToArray();
        var random = new Random(Seed);
        var failures = new List<string>();
        var outcomes = new int[2];
        var cases = Cases(CiCases, FullCases);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < cases && failures.Count < 20; i++)
        {
            var which = i % targets.Length;
            var target = targets[which];
            var mutated = WeightFileMutator.Mutate(valid[which], random);
            var mode = random.Next(8);
            var problem = RunCase(target, mutated, mode, random.Next(), out var loaded);
            outcomes[loaded ? 1 : 0]++;
            if (problem is not null)
            {
                failures.Add($"case {i} ({target.Name}, mode {mode}, {mutated.Description}): {problem}");
            }
        }
        output.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:F1} s: {outcomes[1]} loaded, {outcomes[0]} refused.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(outcomes[0] > cases / 2 && outcomes[1] > 0, $"the mutations should mostly be refused, some loaded: {outcomes[0]} refused, {outcomes[1]} loaded");
    }

    /// <summary>Null when the case behaved, else what went wrong.</summary>
    private string? RunCase(WeightTarget target, MutatedFile mutated, int mode, int option, out bool loaded)
    {
        loaded = false;
        var before = target.Saved();
        var warn = mode == 1 && option % 2 == 0;
        WeightLoadReport? report = null;
        Exception? error = null;
        var clock = Stopwatch.StartNew();
        try
        {
            switch (mode)
            {
                case 0:
                    var path = Path.Combine(_directory, "case.safetensors");
                    File.WriteAllBytes(path, mutated.Bytes);
                    target.Network.LoadWeights(path);
                    break;
                case 1:
                    report = target.Load(new MemoryStream(mutated.Bytes), new WeightLoadOptions { NonFinite = warn ? NonFiniteWeights.Warn : NonFiniteWeights.Reject });
                    break;
                case 2:
                    target.Load(new ForwardOnlyStream(new MemoryStream(mutated.Bytes)));
                    break;
                case 3:
                    target.Load(new TrickleStream(new MemoryStream(mutated.Bytes), 1 + option % 7));
                    break;
                default:
                    target.Load(new MemoryStream(mutated.Bytes));
                    break;
            }
        }
        catch (WeightFileException e)
        {
            error = e;
        }
        catch (Exception e)
        {
            return $"threw {e.GetType().Name}, not WeightFileException: {e.Message}";
        }
        if (clock.Elapsed > SlowCase)
        {
            return $"took {clock.Elapsed.TotalSeconds:F1} s";
        }

        var after = target.Saved();
        if (error is not null)
        {
            if (!before.AsSpan().SequenceEqual(after))
            {
                return "a failed load changed the weights";
            }
            if (mutated.Tensor is { } tensor && !error.Message.Contains($"'{tensor}", StringComparison.Ordinal))
            {
                return $"the message does not name '{tensor}': {error.Message}";
            }
            return null;
        }

        loaded = true;
        if (mutated.MustFail && !(mutated.NonFinite && warn))
        {
            return "loaded a file that must be refused";
        }
        if (mutated.NonFinite && report is not null && !report.NonFinite.Any(w => w.Contains($"'{mutated.Tensor}'", StringComparison.Ordinal)))
        {
            return $"the report does not warn about '{mutated.Tensor}': {report}";
        }
        // Loaded: every tensor now holds exactly the file's values.
        var file = SafeTensors.Read(new MemoryStream(mutated.Bytes));
        foreach (var tensor in SafeTensors.Read(new MemoryStream(after)).Tensors)
        {
            var expected = file.Find(tensor.Name)?.Data;
            if (expected is null || !MemoryMarshalBits(expected).SequenceEqual(MemoryMarshalBits(tensor.Data!)))
            {
                return $"after the load '{tensor.Name}' does not hold the file's values";
            }
        }
        return null;
    }

    private static ReadOnlySpan<int> MemoryMarshalBits(float[] values) => System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(values);
}
