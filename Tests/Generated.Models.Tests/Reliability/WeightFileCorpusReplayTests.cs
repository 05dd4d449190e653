using System.Diagnostics;
using Generated.Fuzzing;

namespace Generated.Models.Tests.Reliability;

/// <summary>
/// The coverage-guided LoadWeights campaign's corpus (Tests/Fuzzing/corpus: the inputs libFuzzer kept because each reached
/// new code of the loader, crash inputs included once fixed) replayed through the same target, without libFuzzer, in
/// every test run: each input loads whole or fails with <c>WeightFileException</c> leaving the weights as they were.
/// The full campaign: scripts/fuzz-load-weights.sh (docs/RELIABILITY.md).
/// </summary>
public sealed class WeightFileCorpusReplayTests
{
    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(5);

    [Fact]
    public void Every_corpus_input_loads_whole_or_fails_with_a_weight_file_exception_leaving_the_weights()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Fuzzing", "corpus");
        var files = Directory.GetFiles(directory).Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 50, $"The corpus in {directory} has {files.Length} inputs; scripts/fuzz-load-weights.sh --merge writes it.");
        using var target = new WeightFileFuzzTarget();
        var failures = new List<string>();
        foreach (var file in files)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                failures.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
            if (clock.Elapsed > SlowInput)
            {
                failures.Add($"{Path.GetFileName(file)}: took {clock.Elapsed.TotalSeconds:F1} s");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void The_target_loads_a_valid_file_in_every_mode_and_starts_each_input_from_the_same_weights()
    {
        // libFuzzer replays a crash input on its own, so an input's outcome must not depend on the inputs before it.
        using var target = new WeightFileFuzzTarget();
        var initial = target.Saved();
        var valid = WeightFileFuzzTarget.ValidFile(11);
        Assert.NotEqual(initial, valid);
        for (var mode = 0; mode < WeightFileFuzzTarget.Modes.Length; mode++)
        {
            target.Run([(byte)mode, .. valid]);
            if (mode != 5)
            {
                Assert.Equal(valid, target.Saved()); // Keras layout: the file's values, every tensor
            }
        }
        target.Run([1, .. valid.AsSpan(0, valid.Length / 2)]); // truncated: refused
        Assert.Equal(initial, target.Saved());
    }
}
