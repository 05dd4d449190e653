namespace Generated.Runtime.Tests.Training;

/// <summary>Small, seeded, separable classification problems.</summary>
public static class SyntheticData
{
    /// <summary>
    /// <paramref name="classes"/> Gaussian blobs (std 0.5) in <paramref name="features"/> dimensions around centres on the
    /// axes at distance 3: linearly separable with a wide margin, so a trained model reaches 100% while chance is 1/classes.
    /// Returns inputs, integer labels and one-hot targets.
    /// </summary>
    public static (float[] X, int[] Labels, float[] OneHot) Blobs(int samples, int features, int classes, int seed)
    {
        var random = new SeededRandom((ulong)seed);
        var x = new float[samples * features];
        var labels = new int[samples];
        var oneHot = new float[samples * classes];
        for (var s = 0; s < samples; s++)
        {
            var label = random.NextInt(classes);
            labels[s] = label;
            oneHot[s * classes + label] = 1;
            for (var f = 0; f < features; f++)
            {
                var centre = f == label % features ? (label < features ? 3f : -3f) : 0f;
                x[s * features + f] = centre + 0.5f * random.NextGaussian();
            }
        }
        return (x, labels, oneHot);
    }
}
