using Generated.IO;

namespace Generated.Interop.Tests.Export;

/// <summary>Random values in every parameter tensor (kernels, biases, gamma, beta, moving statistics), loaded through LoadWeights.</summary>
internal static class NetworkWeights
{
    /// <summary>Fills every tensor of <paramref name="network"/> from a seeded generator; variances stay positive.</summary>
    public static void Randomize(INetwork network, int seed)
    {
        var random = new Random(seed);
        var tensors = new List<SafeTensor>();
        foreach (var view in network.ParameterTensors)
        {
            var values = new float[view.Length];
            // Kernels scaled by 1/sqrt(fan-in), as initializers do, so activations stay near unit size through deep stacks
            // and an absolute tolerance means the same at every layer.
            // A depthwise kernel [kh, kw, in, multiplier] sums kh * kw taps per output.
            var fanIn = view.Name.EndsWith("depthwise_kernel", StringComparison.Ordinal) ? view.Shape[0] * view.Shape[1] : view.Length / Math.Max(view.Shape.IsEmpty ? 1 : view.Shape[^1], 1);
            var scale = view.Name.EndsWith("kernel", StringComparison.Ordinal) ? (float)(1.5 / Math.Sqrt(fanIn)) : 1f;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = view.Name.EndsWith("variance", StringComparison.Ordinal) // BatchNormalization's moving_variance, Normalization's variance
                    ? 0.5f + (float)random.NextDouble()
                    : (float)(random.NextDouble() * 2 - 1) * scale;
            }
            tensors.Add(new SafeTensor(view.Name, view.Shape.ToArray(), values));
        }
        var path = Path.Combine(Path.GetTempPath(), $"interop-weights-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Write(path, tensors);
            network.LoadWeights(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A seeded batch of inputs in [-1, 1).</summary>
    public static float[] Inputs(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return values;
    }
}
