using Xunit.Abstractions;

namespace Generated.Generator.Tests.Reliability;

/// <summary>
/// Issue #13 item 2: random models agree with PyTorch built from the same description with Keras semantics (verdict,
/// shapes, parameter count, Predict, one SGD step). CI runs a fixed-seed sample of 200; <c>RELIABILITY_FULL=1</c> runs
/// 10,000 (<c>RELIABILITY_MODELS=n</c> any other count; <c>RELIABILITY_FIRST=k</c> starts at model k of the stream, so
/// scripts/reliability-random-models.sh runs the full campaign as resumable shards). Without python3-torch the test
/// fails: scripts/setup.sh installs it.
/// </summary>
[Collection(ReliabilityCampaigns.Name)]
public class RandomModelAgreementTests(ITestOutputHelper output)
{
    public const int Seed = 20261206;

    [Fact]
    public void Random_models_agree_with_PyTorch()
    {
        var count = Environment.GetEnvironmentVariable("RELIABILITY_MODELS") is { Length: > 0 } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)
            : Environment.GetEnvironmentVariable("RELIABILITY_FULL") == "1" ? 10_000 : 200;
        var first = Environment.GetEnvironmentVariable("RELIABILITY_FIRST") is { Length: > 0 } k ? int.Parse(k, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var models = RandomModelCampaign.Models(Seed, first, count);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (disagreements, valid, invalid, trained) = RandomModelCampaign.Run(models);
        output.WriteLine($"models {first}..{first + count - 1} ({watch.Elapsed.TotalSeconds:F0} s): {valid} valid ({trained} with an SGD step), {invalid} invalid; {disagreements.Count} disagreements");
        output.WriteLine(string.Join(", ", RandomModelCampaign.Seconds.Select(p => $"{p.Key} {p.Value:F1} s")));
        foreach (var disagreement in disagreements.Take(40))
        {
            output.WriteLine(disagreement.ToString());
        }
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements with PyTorch:\n" + string.Join("\n\n", disagreements.Take(20)));
        Assert.True(valid > count / 2 && invalid > count / 20 && trained > count / 3, $"The sample is lopsided: {valid} valid, {invalid} invalid, {trained} trained.");
    }
}
