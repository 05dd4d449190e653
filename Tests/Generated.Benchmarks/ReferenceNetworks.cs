using Generated.Benchmarks.Networks;
using Generated.Training;

namespace Generated.Benchmarks;

/// <summary>Our generated network for each reference model, with the loss it trains on and matching targets.</summary>
public static class ReferenceNetworks
{
    /// <summary>A new network for <paramref name="model"/> (Keras default initialization; the benchmark then loads the shared weights).</summary>
    public static INetwork Create(ReferenceModel model) => model.Name switch
    {
        "M1" => new M1MnistConvnet(),
        "M2" => new M2TutorialCnn(),
        "M3" => new M3Autoencoder(),
        "M4" => new M4StridedNet(),
        "M5" => new M5VggBlock(),
        _ => throw new ArgumentException($"No generated network for model '{model.Name}'.", nameof(model)),
    };

    /// <summary>The loss <paramref name="model"/> trains with, as in bench_models.py.</summary>
    public static Loss LossOf(ReferenceModel model) => model.Name switch
    {
        "M1" or "M2" => Loss.CategoricalCrossentropy,
        "M3" => Loss.BinaryCrossentropy,
        "M4" => Loss.MeanSquaredError,
        "M5" => new CategoricalCrossentropy(fromLogits: true),
        _ => throw new ArgumentException($"No loss for model '{model.Name}'.", nameof(model)),
    };

    /// <summary>
    /// Training targets for <paramref name="input"/>: the input itself for the autoencoder, one-hot rows of
    /// random classes otherwise (what the cross-entropies and M4's mean squared error take).
    /// </summary>
    public static float[] Targets(ReferenceModel model, int batch, float[] input, int seed)
    {
        if (model.Name == "M3")
        {
            return (float[])input.Clone();
        }
        var random = new Random(seed);
        var targets = new float[batch * model.OutputSize];
        for (var sample = 0; sample < batch; sample++)
        {
            targets[sample * model.OutputSize + random.Next(model.OutputSize)] = 1f;
        }
        return targets;
    }
}
