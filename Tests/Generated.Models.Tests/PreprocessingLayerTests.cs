using Generated.Training;

namespace Generated.Models.Tests;

/// <summary>Rescaling then a convolution: 0 + (3*3*3*4 + 4) + (4*4*4*2 + 2) = 242 parameters, as Keras counts.</summary>
[Network(6, 6, 3)]
[Rescaling(1.0 / 255, Offset = -0.5)]
[Conv2D(4, 3, Activation = Activation.Relu6)]
[Flatten]
[Dense(2, Activation = Activation.Softmax)]
public partial class RescaledNet;

/// <summary>Normalization (mean, variance, count: 3 + 3 + 1 non-trainable) before a dense head of 6*6*3*2 + 2.</summary>
[Network(6, 6, 3)]
[Normalization]
[Flatten]
[Dense(2, Activation = Activation.Softmax)]
public partial class NormalizedInputNet;

/// <summary>Every augmentation layer before a small convnet: (3*3*3*4 + 4) + (4*4*4*2 + 2) = 242 parameters.</summary>
[Network(6, 6, 3)]
[RandomFlip]
[RandomTranslation(0.2, 0.1)]
[RandomRotation(0.1, FillMode = FillMode.Nearest)]
[RandomZoom(0.2, 0.1, FillMode = FillMode.Constant)]
[Conv2D(4, 3, Activation = Activation.Gelu)]
[Flatten]
[Dense(2, Activation = Activation.Softmax)]
public partial class AugmentedNet;

/// <summary>SpatialDropout2D between convolutions: (3*3*3*8 + 8) + (3*3*8*4 + 4) + (2*2*4*2 + 2) = 260 + 34 = 552 parameters.</summary>
[Network(6, 6, 3)]
[Conv2D(8, 3, Activation = Activation.Selu)]
[SpatialDropout2D(0.5)]
[Conv2D(4, 3, Activation = Activation.HardSwish)]
[Flatten]
[Dense(2, Activation = Activation.Softmax)]
public partial class SpatialDropoutNet;

/// <summary>GroupNormalization(2) on 8 channels (gamma, beta: 16): 224 + 16 + (4*4*8*2 + 2) = 498 parameters.</summary>
[Network(6, 6, 3)]
[Conv2D(8, 3)]
[GroupNormalization(2)]
[Activation(Activation.Gelu)]
[Flatten]
[Dense(2, Activation = Activation.Softmax)]
public partial class GroupNormalizedNet;

/// <summary>PReLU with one alpha per channel (8), then one per element (4*4*4 = 64): 224 + 8 + 292 + 64 + 130 = 718 parameters.</summary>
[Network(6, 6, 3)]
[Conv2D(8, 3)]
[PReLU(SharedAxes = new[] { 1, 2 })]
[Conv2D(4, 1)]
[PReLU]
[Flatten]
[Dense(2, Activation = Activation.Softmax)]
public partial class PReLUNet;

/// <summary>The new activations as stand-alone layers and as Dense activations: 8*16+16 + 16*8+8 + 8*2+2 = 298 parameters.</summary>
[Network(8)]
[Dense(16, Activation = Activation.Gelu)]
[Activation(Activation.Relu6)]
[Dense(8, Activation = Activation.HardSwish)]
[Activation(Activation.Selu)]
[Dense(2, Activation = Activation.Softmax)]
public partial class NewActivationsNet;

/// <summary>The generated preprocessing, augmentation, regularization and activation layers, compiled by the real build and run.</summary>
public class PreprocessingLayerTests
{
    [Fact]
    public void Parameter_counts_equal_keras()
    {
        Assert.Equal(0 + 112 + 130, RescaledNet.ParameterCount);
        Assert.Equal(7 + 218, NormalizedInputNet.ParameterCount);
        Assert.Equal(218, NormalizedInputNet.TrainableParameterCount);
        Assert.Equal(242, AugmentedNet.ParameterCount);
        Assert.Equal(224 + 292 + 34, SpatialDropoutNet.ParameterCount);
        Assert.Equal(224 + 16 + 258, GroupNormalizedNet.ParameterCount);
        Assert.Equal(224 + 8 + 36 + 64 + 130, PReLUNet.ParameterCount);
        Assert.Equal(144 + 136 + 18, NewActivationsNet.ParameterCount);
    }

    [Fact]
    public void Layers_have_keras_names_and_weight_shapes()
    {
        Assert.Equal(["rescaling", "conv2d", "flatten", "dense"], RescaledNet.Layers.Select(l => l.Name));
        Assert.Equal(["random_flip", "random_translation", "random_rotation", "random_zoom", "conv2d", "flatten", "dense"], AugmentedNet.Layers.Select(l => l.Name));
        Assert.Equal("spatial_dropout2d", SpatialDropoutNet.Layers[1].Name);
        Assert.Equal("group_normalization", GroupNormalizedNet.Layers[1].Name);
        Assert.Equal(["p_re_lu", "p_re_lu_1"], PReLUNet.Layers.Where(l => l.Kind == "PReLU").Select(l => l.Name));

        var normalized = new NormalizedInputNet();
        Assert.Equal(["normalization.mean", "normalization.variance", "normalization.count", "dense.kernel", "dense.bias"], normalized.ParameterTensors.Select(t => t.Name));
        Assert.Equal([3], normalized.NormalizationMean.Shape.ToArray());
        Assert.Empty(normalized.NormalizationCount.Shape.ToArray());
        Assert.Equal([1f, 1f, 1f], normalized.NormalizationVariance.Span.ToArray());

        var prelu = new PReLUNet();
        Assert.Equal([1, 1, 8], prelu.PReLuAlpha.Shape.ToArray());
        Assert.Equal([4, 4, 4], prelu.PReLu1Alpha.Shape.ToArray());
        Assert.All(prelu.PReLuAlpha.Span.ToArray(), a => Assert.Equal(0f, a)); // Keras' zeros
        var group = new GroupNormalizedNet();
        Assert.Equal(["conv2d.kernel", "conv2d.bias", "group_normalization.gamma", "group_normalization.beta", "dense.kernel", "dense.bias"],
            group.ParameterTensors.Select(t => t.Name));
    }

    [Fact]
    public void Every_model_trains_a_few_steps()
    {
        AssertTrains(new RescaledNet(1), RescaledNet.InputSize, scale: 255f);
        AssertTrains(new NormalizedInputNet(1), NormalizedInputNet.InputSize);
        AssertTrains(new AugmentedNet(1), AugmentedNet.InputSize);
        AssertTrains(new SpatialDropoutNet(1), SpatialDropoutNet.InputSize);
        AssertTrains(new GroupNormalizedNet(1), GroupNormalizedNet.InputSize);
        AssertTrains(new PReLUNet(1), PReLUNet.InputSize);
        AssertTrains(new NewActivationsNet(1), NewActivationsNet.InputSize);
    }

    [Fact]
    public void Augmentation_is_the_identity_at_inference_and_seeded_in_training()
    {
        var input = Uniform(4 * AugmentedNet.InputSize, seed: 3);
        var a = new AugmentedNet(5);
        var b = new AugmentedNet(5);
        var inference = a.Predict(input);
        Fixture.AssertClose(inference, a.Forward(input, training: false).ToArray(), "Forward(training: false)", 1e-6, 1e-5);
        var trainingA = a.Forward(input, training: true).ToArray();
        Assert.Equal(trainingA, b.Forward(input, training: true).ToArray()); // same seed, same draws
        Assert.False(inference.AsSpan().SequenceEqual(trainingA));
        Assert.False(a.Forward(input, training: true).SequenceEqual(trainingA)); // new draws per step
        Assert.False(new AugmentedNet(6).Forward(input, training: true).SequenceEqual(trainingA));
    }

    [Fact]
    public void Spatial_dropout_drops_whole_channels_in_training_only()
    {
        var network = new SpatialDropoutNet(2);
        var input = Uniform(3 * SpatialDropoutNet.InputSize, seed: 4);
        Fixture.AssertClose(network.Predict(input), network.Forward(input, training: false).ToArray(), "Forward(training: false)", 1e-6, 1e-5);
        Assert.False(network.Predict(input).AsSpan().SequenceEqual(network.Forward(input, training: true)));
    }

    [Fact]
    public void Adapt_sets_mean_and_variance_so_the_data_comes_out_standardized()
    {
        var network = new NormalizedInputNet();
        const int samples = 20;
        var data = Uniform(samples * NormalizedInputNet.InputSize, seed: 7);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = data[i] * (1 + i % 3) + 10 * (i % 3); // channel c: mean 10c, scale 1 + c
        }
        network.AdaptNormalization(data);
        var mean = network.NormalizationMean.Span.ToArray();
        var variance = network.NormalizationVariance.Span.ToArray();
        for (var c = 0; c < 3; c++)
        {
            var values = data.Where((_, i) => i % 3 == c).Select(v => (double)v).ToArray();
            var m = values.Average();
            Assert.Equal(m, mean[c], 4);
            Assert.Equal(values.Select(v => (v - m) * (v - m)).Average(), variance[c], 4);
        }
        Assert.Throws<ArgumentException>(() => network.AdaptNormalization(data.AsSpan(1).ToArray()));

        // The layer's output over the data has mean 0 and variance 1 per channel: probe it through the dense head's gradient-free path.
        var path = Path.Combine(Path.GetTempPath(), $"normalization-{Environment.ProcessId}.safetensors");
        try
        {
            network.SaveWeights(path);
            var loaded = new NormalizedInputNet(9);
            loaded.LoadWeights(path);
            Assert.Equal(mean, loaded.NormalizationMean.Span.ToArray());
            Assert.Equal(variance, loaded.NormalizationVariance.Span.ToArray());
            Fixture.AssertClose(network.Predict(data), loaded.Predict(data), "Predict after LoadWeights", 1e-6, 1e-6);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Normalization_and_rescaling_backward_match_finite_differences()
    {
        var network = new NormalizedInputNet(3);
        network.AdaptNormalization(Uniform(5 * NormalizedInputNet.InputSize, seed: 8).Select(v => v * 3 + 1).ToArray());
        AssertInputGradient(network, NormalizedInputNet.InputSize, NormalizedInputNet.OutputSize, step: 1e-2f);
        AssertInputGradient(new RescaledNet(3), RescaledNet.InputSize, RescaledNet.OutputSize, step: 1f);
        AssertInputGradient(new PReLUNet(3), PReLUNet.InputSize, PReLUNet.OutputSize, step: 1e-2f);
        AssertInputGradient(new GroupNormalizedNet(3), GroupNormalizedNet.InputSize, GroupNormalizedNet.OutputSize, step: 1e-2f);
    }

    private static void AssertTrains(INetwork network, int inputSize, float scale = 1f)
    {
        const int samples = 32;
        var x = Uniform(samples * inputSize, seed: 11).Select(v => v * scale).ToArray();
        var y = new float[samples * 2];
        for (var n = 0; n < samples; n++)
        {
            // Class 1 when the sample's first half sums higher than its second: learnable by every model here.
            var sample = x.AsSpan(n * inputSize, inputSize);
            var first = 0f;
            var second = 0f;
            for (var i = 0; i < inputSize; i++)
            {
                if (i < inputSize / 2)
                {
                    first += sample[i];
                }
                else
                {
                    second += sample[i];
                }
            }
            y[n * 2 + (first > second ? 1 : 0)] = 1f;
        }
        var trainer = network.Compile(new Adam(learningRate: 0.01f), Loss.CategoricalCrossentropy);
        var history = trainer.Fit(x, y, epochs: 8, batchSize: 8, verbose: 0, seed: 2);
        var losses = history["loss"];
        Assert.All(losses, l => Assert.True(float.IsFinite(l)));
        Assert.True(losses[^1] < losses[0], $"{network.GetType().Name}: loss {losses[0]} -> {losses[^1]}");
    }

    private static void AssertInputGradient(INetwork network, int inputSize, int outputSize, float step)
    {
        const int batch = 2;
        var input = Uniform(batch * inputSize, seed: 21);
        var upstream = Uniform(batch * outputSize, seed: 22);
        network.Forward(input, training: false);
        var analytic = network.Backward(upstream).ToArray();
        double Loss(float[] x)
        {
            var y = network.Forward(x, training: false);
            double sum = 0;
            for (var i = 0; i < y.Length; i++)
            {
                sum += (double)y[i] * upstream[i];
            }
            return sum;
        }
        for (var i = 0; i < input.Length; i += 5)
        {
            var plus = (float[])input.Clone();
            var minus = (float[])input.Clone();
            plus[i] += step;
            minus[i] -= step;
            var numeric = (Loss(plus) - Loss(minus)) / (plus[i] - minus[i]);
            Assert.True(Math.Abs(numeric - analytic[i]) < 2e-3 + 2e-2 * Math.Abs(numeric), $"{network.GetType().Name} dInput[{i}]: numeric {numeric}, analytic {analytic[i]}");
        }
    }

    private static float[] Uniform(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return values;
    }
}
