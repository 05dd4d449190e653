using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

public class ActivationsTests
{
    public static TheoryData<Activation, int> KindsAndLengths()
    {
        var data = new TheoryData<Activation, int>();
        foreach (var kind in Enum.GetValues<Activation>())
        foreach (var length in new[] { 0, 1, 7, 8, 9, 31, 33, 255, 256, 257, 700 })
        {
            data.Add(kind, length);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndLengths))]
    public void FastMatchesReference(Activation kind, int length)
    {
        var channels = kind == Activation.Softmax ? Math.Max(1, length / 7) : 5;
        if (kind == Activation.Softmax)
        {
            length -= length % channels;
        }
        var input = LayerTestData.Uniform(length, seed: length, scale: 6f);
        var upstream = LayerTestData.Uniform(length, seed: length + 1);
        float[] expected = new float[length], actual = new float[length];
        Ref.Activations.Forward(kind, 0.3f, channels, input, expected);
        Fast.Activations.Forward(kind, 0.3f, channels, input, actual);
        LayerTestData.AssertClose(expected, actual, 1e-6, 1e-5, $"{kind} forward");

        float[] expectedGradient = new float[length], actualGradient = new float[length];
        Ref.Activations.Backward(kind, 0.3f, channels, input, expected, upstream, expectedGradient);
        Fast.Activations.Backward(kind, 0.3f, channels, input, expected, upstream, actualGradient);
        LayerTestData.AssertClose(expectedGradient, actualGradient, 1e-6, 1e-5, $"{kind} backward");
    }

    [Theory]
    [MemberData(nameof(KindsAndLengths))]
    public void ForwardAndBackwardWorkInPlace(Activation kind, int length)
    {
        const int channels = 1; // any length is a whole number of softmax groups
        var input = LayerTestData.Uniform(length, seed: 60, scale: 4f);
        var upstream = LayerTestData.Uniform(length, seed: 61);
        float[] output = new float[length], gradient = new float[length];
        Fast.Activations.Forward(kind, 0.2f, channels, input, output);
        Fast.Activations.Backward(kind, 0.2f, channels, input, output, upstream, gradient);

        var inPlace = (float[])input.Clone();
        Fast.Activations.Forward(kind, 0.2f, channels, inPlace, inPlace);
        LayerTestData.AssertEqual(output, inPlace, $"{kind} forward in place");
        var gradientInPlace = (float[])upstream.Clone();
        Fast.Activations.Backward(kind, 0.2f, channels, input, output, gradientInPlace, gradientInPlace);
        LayerTestData.AssertEqual(gradient, gradientInPlace, $"{kind} backward in place");
    }

    [Fact]
    public void HandComputedValues()
    {
        float[] input = { -2f, 0f, 3f }, output = new float[3];
        Fast.Activations.Forward(Activation.LeakyRelu, Fast.Activations.LeakyReluAlpha, 1, input, output);
        Assert.Equal(new[] { -0.4f, 0f, 3f }, output);
        Fast.Activations.Forward(Activation.Relu, 0f, 1, input, output);
        Assert.Equal(new[] { 0f, 0f, 3f }, output);
        Fast.Activations.Forward(Activation.Elu, 0f, 1, input, output);
        Assert.Equal(new[] { MathF.Exp(-2f) - 1f, 0f, 3f }, output);

        // Softmax of [1, 2, 3] is e^[0, 1, 2] / sum; a group shifted by 1000 gives the same (stability).
        float[] logits = { 1, 2, 3, 1001, 1002, 1003 }, probabilities = new float[6];
        Fast.Activations.Forward(Activation.Softmax, 0f, 3, logits, probabilities);
        var sum = 1 + Math.E + Math.E * Math.E;
        var expected = new[] { (float)(1 / sum), (float)(Math.E / sum), (float)(Math.E * Math.E / sum) };
        LayerTestData.AssertClose(expected.Concat(expected).ToArray(), probabilities, 1e-7, 1e-6, "softmax");

        // Softplus is accurate far from zero in both directions.
        float[] extremes = { -30f, 30f, 100f }, softplus = new float[3];
        Fast.Activations.Forward(Activation.Softplus, 0f, 1, extremes, softplus);
        LayerTestData.AssertClose(new[] { (float)Math.Exp(-30), 30f, 100f }, softplus, 0, 1e-5, "softplus");
    }

    [Fact]
    public void LeakyReluAlphaIsKerasDefault() => Assert.Equal(0.2f, Fast.Activations.LeakyReluAlpha);

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Fast.Activations.Forward(Activation.Softmax, 0f, 4, new float[10], new float[10]));
        Assert.Contains("multiple of 4", error.Message);
        error = Assert.Throws<ArgumentException>(() => Fast.Activations.Forward(Activation.Relu, 0f, 1, new float[10], new float[9]));
        Assert.Contains("10", error.Message);
        error = Assert.Throws<ArgumentException>(() => Fast.Activations.Backward(Activation.Swish, 0f, 1, default, new float[4], new float[4], new float[4]));
        Assert.Equal("input", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ref.Activations.Forward((Activation)42, 0f, 1, new float[1], new float[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fast.Activations.Forward(Activation.LeakyRelu, -1f, 1, new float[1], new float[1]));
        Fast.Activations.Backward(Activation.Tanh, 0f, 1, default, new float[4], new float[4], new float[4]); // input not needed
    }
}
