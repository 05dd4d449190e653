using Generated.IO;
using Generated.Kernels;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The layer kernels (fast and reference) against PyTorch, through Keras' semantics, on the fixtures
/// written by Tests/Fixtures/scripts/make_layer_fixtures.py (shapes below are the script's).
/// </summary>
public class LayerFixtureTests
{
    private const double Absolute = 1e-5, Relative = 1e-4;

    private static SafeTensorsContent Load(string file) =>
        SafeTensors.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "layers", file));

    [Theory]
    [InlineData("max", 2, 2, Padding.Valid)]
    [InlineData("max", 3, 2, Padding.Same)]
    [InlineData("max", 2, 1, Padding.Same)]
    [InlineData("max", 3, 1, Padding.Valid)]
    [InlineData("avg", 3, 2, Padding.Valid)]
    [InlineData("avg", 3, 2, Padding.Same)]
    [InlineData("avg", 2, 1, Padding.Same)]
    [InlineData("avg", 2, 3, Padding.Same)]
    public void PoolingMatchesPyTorch(string kind, int pool, int stride, Padding padding)
    {
        const int batch = 2;
        var fixture = Load("pooling.safetensors");
        var name = $"{kind}_p{pool}_s{stride}_{padding.ToString().ToLowerInvariant()}";
        var input = fixture.Get("input");
        var expected = fixture.Get($"{name}.output");
        var upstream = fixture.Get($"{name}.grad_output");
        var expectedGradient = fixture.Get($"{name}.grad_input");
        var g = LayerTestData.Pool(5, 7, 3, pool, stride, padding);
        Assert.Equal(expected.Length, batch * g.OutputSize);

        foreach (var reference in new[] { false, true })
        {
            float[] output = new float[expected.Length], gradient = new float[input.Length];
            if (kind == "max")
            {
                if (reference)
                {
                    Ref.MaxPool2D.Forward(g, batch, input, output);
                    Ref.MaxPool2D.Backward(g, batch, input, output, upstream, gradient);
                }
                else
                {
                    Fast.MaxPool2D.Forward(g, batch, input, output);
                    Fast.MaxPool2D.Backward(g, batch, input, output, upstream, gradient);
                }
            }
            else if (reference)
            {
                Ref.AveragePool2D.Forward(g, batch, input, output);
                Ref.AveragePool2D.Backward(g, batch, upstream, gradient);
            }
            else
            {
                Fast.AveragePool2D.Forward(g, batch, input, output);
                Fast.AveragePool2D.Backward(g, batch, upstream, gradient);
            }
            var which = reference ? "reference" : "fast";
            LayerTestData.AssertClose(expected, output, Absolute, Relative, $"{name} {which} output");
            LayerTestData.AssertClose(expectedGradient, gradient, Absolute, Relative, $"{name} {which} input gradient");
        }
    }

    [Fact]
    public void GlobalPoolingMatchesPyTorch()
    {
        const int batch = 2, pixels = 35, channels = 3;
        var fixture = Load("pooling.safetensors");
        var input = fixture.Get("input");
        foreach (var kind in new[] { "global_avg", "global_max" })
        {
            var upstream = fixture.Get($"{kind}.grad_output");
            foreach (var reference in new[] { false, true })
            {
                float[] output = new float[batch * channels], gradient = new float[input.Length];
                switch (kind, reference)
                {
                    case ("global_avg", false):
                        Fast.GlobalAveragePool2D.Forward(batch, pixels, channels, input, output);
                        Fast.GlobalAveragePool2D.Backward(batch, pixels, channels, upstream, gradient);
                        break;
                    case ("global_avg", true):
                        Ref.GlobalAveragePool2D.Forward(batch, pixels, channels, input, output);
                        Ref.GlobalAveragePool2D.Backward(batch, pixels, channels, upstream, gradient);
                        break;
                    case (_, false):
                        Fast.GlobalMaxPool2D.Forward(batch, pixels, channels, input, output);
                        Fast.GlobalMaxPool2D.Backward(batch, pixels, channels, input, output, upstream, gradient);
                        break;
                    default:
                        Ref.GlobalMaxPool2D.Forward(batch, pixels, channels, input, output);
                        Ref.GlobalMaxPool2D.Backward(batch, pixels, channels, input, output, upstream, gradient);
                        break;
                }
                LayerTestData.AssertClose(fixture.Get($"{kind}.output"), output, Absolute, Relative, $"{kind} output");
                LayerTestData.AssertClose(fixture.Get($"{kind}.grad_input"), gradient, Absolute, Relative, $"{kind} input gradient");
            }
        }
    }

    [Theory]
    [InlineData(Interpolation.Nearest, 2, 2)]
    [InlineData(Interpolation.Nearest, 3, 2)]
    [InlineData(Interpolation.Bilinear, 2, 2)]
    [InlineData(Interpolation.Bilinear, 3, 2)]
    public void UpSamplingMatchesPyTorch(Interpolation interpolation, int factorHeight, int factorWidth)
    {
        const int batch = 2;
        var fixture = Load("upsampling.safetensors");
        var name = $"{interpolation.ToString().ToLowerInvariant()}_{factorHeight}x{factorWidth}";
        var input = fixture.Get("input");
        var upstream = fixture.Get($"{name}.grad_output");
        var g = new UpSampling2DGeometry(3, 4, 5, factorHeight, factorWidth);
        foreach (var reference in new[] { false, true })
        {
            float[] output = new float[batch * g.OutputSize], gradient = new float[input.Length];
            if (reference)
            {
                Ref.UpSampling2D.Forward(g, interpolation, batch, input, output);
                Ref.UpSampling2D.Backward(g, interpolation, batch, upstream, gradient);
            }
            else
            {
                Fast.UpSampling2D.Forward(g, interpolation, batch, input, output);
                Fast.UpSampling2D.Backward(g, interpolation, batch, upstream, gradient);
            }
            LayerTestData.AssertClose(fixture.Get($"{name}.output"), output, Absolute, Relative, $"{name} output");
            LayerTestData.AssertClose(fixture.Get($"{name}.grad_input"), gradient, Absolute, Relative, $"{name} input gradient");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BatchNormalizationMatchesPyTorchWithKerasMovingStatistics(bool reference)
    {
        const int rows = 3 * 4 * 5, channels = 6;
        var f = Load("batch_normalization.safetensors");
        var momentum = float.Parse(f.Metadata["momentum"], System.Globalization.CultureInfo.InvariantCulture);
        var epsilon = float.Parse(f.Metadata["epsilon"], System.Globalization.CultureInfo.InvariantCulture);
        float[] input = f.Get("input"), gamma = f.Get("gamma"), beta = f.Get("beta"), upstream = f.Get("grad_output");
        float[] movingMean = f.Get("moving_mean"), movingVariance = f.Get("moving_variance");
        float[] output = new float[input.Length], inference = new float[input.Length], mean = new float[channels], inverse = new float[channels];
        float[] inputGradient = new float[input.Length], gammaGradient = new float[channels], betaGradient = new float[channels];
        if (reference)
        {
            Ref.BatchNormalization.ForwardInference(rows, channels, input, gamma, beta, movingMean, movingVariance, epsilon, inference);
            Ref.BatchNormalization.ForwardTraining(rows, channels, input, gamma, beta, movingMean, movingVariance, momentum, epsilon, output, mean, inverse);
            Ref.BatchNormalization.Backward(rows, channels, input, gamma, mean, inverse, upstream, inputGradient, gammaGradient, betaGradient);
        }
        else
        {
            Fast.BatchNormalization.ForwardInference(rows, channels, input, gamma, beta, movingMean, movingVariance, epsilon, inference);
            Fast.BatchNormalization.ForwardTraining(rows, channels, input, gamma, beta, movingMean, movingVariance, momentum, epsilon, output, mean, inverse);
            Fast.BatchNormalization.Backward(rows, channels, input, gamma, mean, inverse, upstream, inputGradient, gammaGradient, betaGradient);
        }
        LayerTestData.AssertClose(f.Get("inference_output"), inference, Absolute, Relative, "inference output");
        LayerTestData.AssertClose(f.Get("output"), output, Absolute, Relative, "training output");
        LayerTestData.AssertClose(f.Get("saved_mean"), mean, Absolute, Relative, "batch mean");
        LayerTestData.AssertClose(f.Get("saved_inverse_std"), inverse, Absolute, Relative, "batch inverse std");
        LayerTestData.AssertClose(f.Get("moving_mean_updated"), movingMean, Absolute, Relative, "moving mean");
        LayerTestData.AssertClose(f.Get("moving_variance_updated"), movingVariance, Absolute, Relative, "moving variance");
        LayerTestData.AssertClose(f.Get("grad_input"), inputGradient, Absolute, Relative, "input gradient");
        LayerTestData.AssertClose(f.Get("grad_gamma"), gammaGradient, 1e-4, Relative, "gamma gradient");
        LayerTestData.AssertClose(f.Get("grad_beta"), betaGradient, 1e-4, Relative, "beta gradient");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LayerNormalizationMatchesPyTorch(bool reference)
    {
        const int rows = 2 * 3 * 4, channels = 7;
        var f = Load("layer_normalization.safetensors");
        var epsilon = float.Parse(f.Metadata["epsilon"], System.Globalization.CultureInfo.InvariantCulture);
        float[] input = f.Get("input"), gamma = f.Get("gamma"), beta = f.Get("beta"), upstream = f.Get("grad_output");
        float[] output = new float[input.Length], mean = new float[rows], inverse = new float[rows];
        float[] inputGradient = new float[input.Length], gammaGradient = new float[channels], betaGradient = new float[channels];
        if (reference)
        {
            Ref.LayerNormalization.Forward(rows, channels, input, gamma, beta, epsilon, output, mean, inverse);
            Ref.LayerNormalization.Backward(rows, channels, input, gamma, mean, inverse, upstream, inputGradient, gammaGradient, betaGradient);
        }
        else
        {
            Fast.LayerNormalization.Forward(rows, channels, input, gamma, beta, epsilon, output, mean, inverse);
            Fast.LayerNormalization.Backward(rows, channels, input, gamma, mean, inverse, upstream, inputGradient, gammaGradient, betaGradient);
        }
        LayerTestData.AssertClose(f.Get("output"), output, Absolute, Relative, "output");
        LayerTestData.AssertClose(f.Get("grad_input"), inputGradient, Absolute, Relative, "input gradient");
        LayerTestData.AssertClose(f.Get("grad_gamma"), gammaGradient, 1e-4, Relative, "gamma gradient");
        LayerTestData.AssertClose(f.Get("grad_beta"), betaGradient, 1e-4, Relative, "beta gradient");
    }

    [Theory]
    [InlineData("linear", Activation.Linear)]
    [InlineData("relu", Activation.Relu)]
    [InlineData("leaky_relu", Activation.LeakyRelu)]
    [InlineData("sigmoid", Activation.Sigmoid)]
    [InlineData("tanh", Activation.Tanh)]
    [InlineData("softmax", Activation.Softmax)]
    [InlineData("elu", Activation.Elu)]
    [InlineData("swish", Activation.Swish)]
    [InlineData("softplus", Activation.Softplus)]
    public void ActivationsMatchPyTorch(string name, Activation kind)
    {
        const int channels = 10;
        var f = Load("activations.safetensors");
        var input = f.Get("input");
        var upstream = f.Get($"{name}.grad_output");
        foreach (var reference in new[] { false, true })
        {
            float[] output = new float[input.Length], gradient = new float[input.Length];
            if (reference)
            {
                Ref.Activations.Forward(kind, Fast.Activations.LeakyReluAlpha, channels, input, output);
                Ref.Activations.Backward(kind, Fast.Activations.LeakyReluAlpha, channels, input, output, upstream, gradient);
            }
            else
            {
                Fast.Activations.Forward(kind, Fast.Activations.LeakyReluAlpha, channels, input, output);
                Fast.Activations.Backward(kind, Fast.Activations.LeakyReluAlpha, channels, input, output, upstream, gradient);
            }
            LayerTestData.AssertClose(f.Get($"{name}.output"), output, Absolute, Relative, $"{name} output");
            LayerTestData.AssertClose(f.Get($"{name}.grad_input"), gradient, Absolute, Relative, $"{name} input gradient");
        }
    }
}
