using Generated.Training;

namespace Generated;

/// <summary>Keras' <c>model.compile</c> for every generated network.</summary>
public static class NetworkTrainingExtensions
{
    /// <summary>
    /// Compiles <paramref name="network"/> for training: <c>model.compile(optimizer=..., loss=..., metrics=[...])</c> becomes
    /// <c>var trainer = model.Compile(new Adam(), Loss.CategoricalCrossentropy, Metric.Accuracy);</c>. See <see cref="Trainer"/>.
    /// </summary>
    public static Trainer Compile(this INetwork network, Optimizer optimizer, Loss loss, params Metric[] metrics) =>
        new(network, optimizer, loss, metrics);
}
