using Generated.IO;

namespace Generated.Models.Tests;

/// <summary>Reads the PyTorch fixtures and compares floats with a stated tolerance.</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "models", name);

    public static SafeTensorsContent Expected(string model) => SafeTensors.Read(Path(model + ".expected.safetensors"));

    public static string Weights(string model) => Path(model + ".weights.safetensors");

    /// <summary>
    /// The fixtures are exact (float64) values; the network computes in float32 with vectorized sums
    /// in another order, so each value may differ by a few float32 ulps of the partial sums.
    /// </summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what, double absolute = 1e-4, double relative = 1e-3)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, got {actual.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = absolute + relative * Math.Abs(expected[i]);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance:G3})");
        }
    }
}
