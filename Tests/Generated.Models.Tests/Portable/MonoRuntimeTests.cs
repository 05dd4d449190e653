using System.Globalization;
using Generated.MonoCheck;
using Generated.Tests;
using Xunit.Abstractions;

namespace Generated.Models.Tests.Portable;

/// <summary>
/// The runtime's netstandard2.0 build really on Mono (Debian's Mono 6.8, the runtime family of Unity's editor and Mono
/// player; installed by scripts/setup.sh): Tests/Generated.MonoCheck, a net472 program with the MNIST convnet generated
/// into it, runs the kernel self-checks, predicts the committed reference digits and trains three SGD steps. Its numbers
/// must match this net8.0 process running the same <see cref="MnistCheck"/>.
/// </summary>
[Collection(ChildBuildsCollection.Name)]
public class MonoRuntimeTests(PortableBuilds builds, ITestOutputHelper log)
{
    private const string Mono = "/usr/bin/mono";

    /// <summary>Predictions: float32 sums in another order (no fused multiply-add on Mono's Vector&lt;T&gt;).</summary>
    private const double PredictionTolerance = 1e-5;

    /// <summary>
    /// Losses and predictions after three training steps: the prediction differences pass through three updates of
    /// learning rate 0.05, so they may grow a little, but stay far below what one step changes (about 1e-3 here).
    /// </summary>
    private const double TrainingTolerance = 2e-5;

    [Fact]
    public void The_netstandard20_build_on_Mono_predicts_and_trains_as_net80_does()
    {
        Assert.True(File.Exists(Mono), $"{Mono} is missing: install mono-runtime and mono-devel (scripts/setup.sh does).");
        var weights = Path.Combine(PortableBuilds.RepositoryRoot, "Samples", "MnistWeights", "mnist_convnet.safetensors");
        var digits = Path.Combine(PortableBuilds.RepositoryRoot, "Samples", "MnistWeights", "mnist_digits.safetensors");
        var folder = builds.MonoCheck;

        var (exitCode, output) = ChildProcess.Run(Mono, [Path.Combine(folder, "Generated.MonoCheck.exe"), weights, digits], folder, TimeSpan.FromMinutes(5));
        log.WriteLine(output);
        Assert.True(exitCode == 0, $"The Mono check failed (exit code {exitCode}):\n{output}");
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.StartsWith("runtime Mono ", StringComparison.Ordinal) && line.EndsWith("mono=True", StringComparison.Ordinal));
        // Mono maps Vector<T> to 128-bit SSE registers: the portable build's vector kernels run, not the scalar loops.
        Assert.Contains("vector accelerated=True lanes=4", lines);
        Assert.Contains("path Vector<float> (4 lanes, 128-bit, portable build)", lines);
        Assert.Contains(lines, line => line.StartsWith("selfcheck dense ok", StringComparison.Ordinal));
        Assert.Equal(5, lines.Count(line => line.StartsWith("selfcheck conv ok", StringComparison.Ordinal)));
        Assert.Contains(lines, line => line.StartsWith("reference ok", StringComparison.Ordinal));

        var net8 = MnistCheck.Run(weights, digits);
        AssertClose("predictions", net8.Predictions, Values(lines, "predictions"), PredictionTolerance);
        AssertClose("losses", net8.Losses, Values(lines, "losses"), TrainingTolerance);
        AssertClose("trained", net8.TrainedPredictions, Values(lines, "trained"), TrainingTolerance);
        // The steps changed the network (so the comparison after training is not the one before it again). The committed
        // weights are sure of these digits (scores within 1e-3 of 0 or 1, losses near 3e-4), so three steps move the scores
        // little in absolute terms (1.5e-4 at most) but by a third relative to themselves: compare their logarithms.
        Assert.True(net8.Predictions.Zip(net8.TrainedPredictions, (a, b) => Math.Abs(Math.Log(Math.Max(b, 1e-30)) - Math.Log(Math.Max(a, 1e-30)))).Max() > 0.1);
    }

    private static float[] Values(string[] lines, string name)
    {
        var prefix = name + " ";
        var line = Assert.Single(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line[prefix.Length..].Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    }

    private void AssertClose(string what, float[] net8, float[] mono, double tolerance)
    {
        Assert.Equal(net8.Length, mono.Length);
        var worst = 0.0;
        for (var i = 0; i < net8.Length; i++)
        {
            var difference = Math.Abs(net8[i] - mono[i]);
            worst = Math.Max(worst, difference);
            Assert.True(difference <= tolerance, $"{what}[{i}]: net8.0 {net8[i]:R}, Mono {mono[i]:R}");
        }
        log.WriteLine($"{what}: largest difference {worst:E2}");
    }
}
