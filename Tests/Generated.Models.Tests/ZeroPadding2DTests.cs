namespace Generated.Models.Tests;

/// <summary>A 3x3 convolution after ZeroPadding2D(1): by definition Keras' Same padding.</summary>
[Network(5, 6, 2)]
[ZeroPadding2D(1)]
[Conv2D(3, 3, Activation = Activation.Tanh)]
[Flatten]
[Dense(4)]
public partial class PaddedConvolution;

/// <summary><see cref="PaddedConvolution"/> with the padding inside the convolution.</summary>
[Network(5, 6, 2)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
[Flatten]
[Dense(4)]
public partial class SameConvolution;

/// <summary>An asymmetric frame feeding a pooling and a skip: the padded map's gradient has two readers.</summary>
[Network(3, 4, 2)]
[ZeroPadding2D(1, 0, 2, 2, Name = "framed")]
[Conv2D(2, 1, Padding = Padding.Same)]
[Add("framed")]
[Flatten]
[Dense(3)]
public partial class FramedSkip;

/// <summary>The generated ZeroPadding2D layer, compiled by the real build and run: shapes, Predict, Forward and Backward.</summary>
public class ZeroPadding2DTests
{
    [Fact]
    public void Padding_then_valid_convolution_is_a_same_convolution_forward_and_backward()
    {
        Assert.Equal(new TensorShape(7, 8, 2), PaddedConvolution.Layers[0].OutputShape);
        Assert.Equal("ZeroPadding2D", PaddedConvolution.Layers[0].Kind);
        Assert.Equal(SameConvolution.ParameterCount, PaddedConvolution.ParameterCount);

        var padded = new PaddedConvolution(seed: 7);
        var same = new SameConvolution(seed: 7);
        Assert.Equal(same.TrainableParameters.ToArray(), padded.TrainableParameters.ToArray());

        const int batch = 3;
        var input = Uniform(batch * PaddedConvolution.InputSize, seed: 1);
        // Two different kernels (explicit frame + Valid, Same inside the convolution) may sum in another order.
        AssertClose(same.Predict(input), padded.Predict(input));

        var upstream = Uniform(batch * PaddedConvolution.OutputSize, seed: 2);
        AssertClose(same.Forward(input, training: true).ToArray(), padded.Forward(input, training: true).ToArray());
        var sameInputGradient = same.Backward(upstream).ToArray();
        var paddedInputGradient = padded.Backward(upstream).ToArray();
        AssertClose(sameInputGradient, paddedInputGradient);
        AssertClose(same.Gradients.ToArray(), padded.Gradients.ToArray());
    }

    [Fact]
    public void Input_gradient_through_a_frame_with_two_readers_matches_finite_differences()
    {
        Assert.Equal(new TensorShape(4, 8, 2), FramedSkip.Layers[0].OutputShape);
        var network = new FramedSkip(seed: 3);
        const int batch = 2;
        var input = Uniform(batch * FramedSkip.InputSize, seed: 4);
        var upstream = Uniform(batch * FramedSkip.OutputSize, seed: 5);
        network.Forward(input, training: true);
        var gradient = network.Backward(upstream).ToArray();
        var parameterGradient = network.Gradients.ToArray();

        // A training step on data skips the input gradient (the frame's backward returns on an empty span) but not the weights'.
        network.Gradients.Clear();
        network.AccumulateGradients(upstream);
        Assert.Equal(parameterGradient, network.Gradients.ToArray());

        // The network is linear in its input: a central difference with a large step is exact up to rounding.
        const float step = 0.25f;
        for (var i = 0; i < input.Length; i++)
        {
            var saved = input[i];
            input[i] = saved + step;
            var plus = Loss(network.Predict(input), upstream);
            input[i] = saved - step;
            var minus = Loss(network.Predict(input), upstream);
            input[i] = saved;
            Assert.True(Math.Abs((plus - minus) / (2 * step) - gradient[i]) < 1e-4, $"input {i}: {(plus - minus) / (2 * step)} vs {gradient[i]}");
        }
    }

    private static double Loss(float[] output, float[] upstream)
    {
        double sum = 0;
        for (var i = 0; i < output.Length; i++)
        {
            sum += (double)output[i] * upstream[i];
        }
        return sum;
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f + 1e-5f * Math.Abs(expected[i]), $"[{i}] {expected[i]} vs {actual[i]}");
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
