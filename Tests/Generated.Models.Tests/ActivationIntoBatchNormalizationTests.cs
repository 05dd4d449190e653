using Generated.Tests;

namespace Generated.Models.Tests;

/// <summary>M4's pattern: strided convolutions, each followed by a LeakyReLU layer and BatchNormalization.</summary>
[Network(14, 14, 1)]
[Conv2D(10, 5, Strides = 2)]
[LeakyReLU(0.02)]
[BatchNormalization]
[Conv2D(6, 3, Strides = 2)]
[LeakyReLU(0.02)]
[BatchNormalization]
[Flatten]
[Dense(5, Activation = Activation.Sigmoid)]
public partial class LeakyThenNormalized;

/// <summary>An activation that a skip also reads (it must keep its own output), and an activation then BatchNormalization as the last layers.</summary>
[Network(6, 6, 2)]
[Conv2D(4, 3, Padding = Padding.Same)]
[ReLU(Name = "shared")]
[BatchNormalization]
[Add("shared")]
[Activation(Activation.Tanh)]
[BatchNormalization]
public partial class SharedActivationThenNormalized;

/// <summary>
/// Predict applies an activation layer inside the batch normalization after it (one pass, no memory of its own):
/// it must give what Forward(training: false), which runs every layer on its own, gives, with moving statistics
/// far from their initial zeros and ones, on one chunk and on several chunks shared among threads.
/// </summary>
public class ActivationIntoBatchNormalizationTests
{
    private static float[] RandomValues(int length, int seed, double low, double high)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(low + random.NextDouble() * (high - low));
        }
        return values;
    }

    /// <summary>Gives every batch normalization statistic and affine parameter a value away from its initializer's.</summary>
    private static void RandomizeNormalization(INetwork network, int seed)
    {
        var index = 0;
        foreach (var tensor in network.ParameterTensors)
        {
            if (!tensor.Name.Contains("batch_normalization", StringComparison.Ordinal))
            {
                continue;
            }
            var positive = tensor.Name.EndsWith("variance", StringComparison.Ordinal) || tensor.Name.EndsWith("gamma", StringComparison.Ordinal);
            var values = RandomValues(tensor.Length, seed + index++, positive ? 0.3 : -0.8, positive ? 1.7 : 0.8);
            values.CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
                ref System.Runtime.InteropServices.MemoryMarshal.GetReference(tensor.Span), tensor.Length));
        }
        network.MarkWeightsChanged();
    }

    private static void PredictMatchesForward(INetwork network, int inputSize, int samples, int seed)
    {
        RandomizeNormalization(network, seed);
        var input = RandomValues(samples * inputSize, seed + 100, -2, 2);
        var expected = network.Forward(input, training: false).ToArray();
        foreach (var threads in new[] { 1, 2 })
        {
            var saved = Generated.Kernels.KernelOptions.MaxThreads;
            try
            {
                Generated.Kernels.KernelOptions.MaxThreads = threads;
                var actual = new float[expected.Length];
                network.Predict(input, actual);
                Fixture.AssertClose(expected, actual, $"{samples} samples, {threads} thread(s)", 1e-6, 1e-5);
            }
            finally
            {
                Generated.Kernels.KernelOptions.MaxThreads = saved;
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(LeakyThenNormalized.PredictChunk * 2 + 5)]
    public void Strided_leaky_relu_then_batch_normalization_matches_forward(int samples) =>
        PredictMatchesForward(new LeakyThenNormalized(7), LeakyThenNormalized.InputSize, samples, 11);

    [Theory]
    [InlineData(3)]
    [InlineData(SharedActivationThenNormalized.PredictChunk * 2 + 1)]
    public void Shared_activation_and_activation_as_the_last_layers_match_forward(int samples) =>
        PredictMatchesForward(new SharedActivationThenNormalized(8), SharedActivationThenNormalized.InputSize, samples, 12);
}
