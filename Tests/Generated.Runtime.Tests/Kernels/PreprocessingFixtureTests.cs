using Generated.IO;
using Generated.Kernels;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The issue-11 layer kernels (fast and reference) against PyTorch through Keras' semantics, on
/// Tests/Fixtures/layers/preprocessing.safetensors written by Tests/Fixtures/scripts/make_preprocessing_fixtures.py
/// (shapes below are the script's). The augmentation cases also check the draws: the script drew each transform
/// from its own transcription of the seeded generator.
/// </summary>
public class PreprocessingFixtureTests
{
    private const double Absolute = 1e-5, Relative = 1e-4;

    private static readonly SafeTensorsContent Fixture =
        SafeTensors.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "layers", "preprocessing.safetensors"));

    public static TheoryData<bool> Twins() => new(false, true);

    [Theory]
    [InlineData("relu6", Activation.Relu6)]
    [InlineData("gelu", Activation.Gelu)]
    [InlineData("selu", Activation.Selu)]
    [InlineData("hard_swish", Activation.HardSwish)]
    public void Activations_match_pytorch(string name, Activation kind)
    {
        var input = Fixture.Get("activations.input");
        var upstream = Fixture.Get($"{name}.grad_output");
        foreach (var reference in new[] { false, true })
        {
            float[] output = new float[input.Length], gradient = new float[input.Length];
            if (reference)
            {
                Ref.Activations.Forward(kind, 0f, 10, input, output);
                Ref.Activations.Backward(kind, 0f, 10, input, output, upstream, gradient);
            }
            else
            {
                Fast.Activations.Forward(kind, 0f, 10, input, output);
                Fast.Activations.Backward(kind, 0f, 10, input, output, upstream, gradient);
            }
            LayerTestData.AssertClose(Fixture.Get($"{name}.output"), output, Absolute, Relative, $"{name} output ({(reference ? "reference" : "fast")})");
            LayerTestData.AssertClose(Fixture.Get($"{name}.grad_input"), gradient, Absolute, Relative, $"{name} input gradient ({(reference ? "reference" : "fast")})");
        }
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public void Rescaling_and_normalization_match_pytorch(bool reference)
    {
        var input = Fixture.Get("rescaling.input");
        const int rows = 2 * 4 * 5, channels = 3;
        float[] output = new float[input.Length], gradient = new float[input.Length];
        var upstream = Fixture.Get("rescaling.grad_output");
        if (reference)
        {
            Ref.Rescaling.Forward(1f / 255, -0.5f, input, output);
            Ref.Rescaling.Backward(1f / 255, upstream, gradient);
        }
        else
        {
            Fast.Rescaling.Forward(1f / 255, -0.5f, input, output);
            Fast.Rescaling.Backward(1f / 255, upstream, gradient);
        }
        LayerTestData.AssertClose(Fixture.Get("rescaling.output"), output, Absolute, Relative, "rescaling output");
        LayerTestData.AssertClose(Fixture.Get("rescaling.grad_input"), gradient, Absolute, Relative, "rescaling input gradient");

        var mean = Fixture.Get("normalization.mean");
        var variance = Fixture.Get("normalization.variance"); // one channel of variance 0: Keras divides by 1e-7
        upstream = Fixture.Get("normalization.grad_output");
        if (reference)
        {
            Ref.Normalization.Forward(rows, channels, input, mean, variance, output);
            Ref.Normalization.Backward(rows, channels, variance, upstream, gradient);
        }
        else
        {
            Fast.Normalization.Forward(rows, channels, input, mean, variance, output);
            Fast.Normalization.Backward(rows, channels, variance, upstream, gradient);
        }
        LayerTestData.AssertClose(Fixture.Get("normalization.output"), output, Absolute, Relative, "normalization output");
        LayerTestData.AssertClose(Fixture.Get("normalization.grad_input"), gradient, Absolute, Relative, "normalization input gradient");
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public void Group_normalization_matches_pytorch(bool reference)
    {
        const int batch = 2, pixels = 12, channels = 6, groups = 3;
        var input = Fixture.Get("group_norm.input");
        var gamma = Fixture.Get("group_norm.gamma");
        var beta = Fixture.Get("group_norm.beta");
        var upstream = Fixture.Get("group_norm.grad_output");
        float[] output = new float[input.Length], gradient = new float[input.Length], mean = new float[batch * groups], inverse = new float[batch * groups];
        float[] gammaGradient = new float[channels], betaGradient = new float[channels];
        if (reference)
        {
            Ref.GroupNormalization.Forward(batch, pixels, channels, groups, input, gamma, beta, 1e-3f, output, mean, inverse);
            Ref.GroupNormalization.Backward(batch, pixels, channels, groups, input, gamma, mean, inverse, upstream, gradient, gammaGradient, betaGradient);
        }
        else
        {
            Fast.GroupNormalization.Forward(batch, pixels, channels, groups, input, gamma, beta, 1e-3f, output, mean, inverse);
            Fast.GroupNormalization.Backward(batch, pixels, channels, groups, input, gamma, mean, inverse, upstream, gradient, gammaGradient, betaGradient);
        }
        LayerTestData.AssertClose(Fixture.Get("group_norm.output"), output, Absolute, Relative, "output");
        LayerTestData.AssertClose(Fixture.Get("group_norm.grad_input"), gradient, Absolute, Relative, "input gradient");
        LayerTestData.AssertClose(Fixture.Get("group_norm.grad_gamma"), gammaGradient, 1e-4, Relative, "gamma gradient");
        LayerTestData.AssertClose(Fixture.Get("group_norm.grad_beta"), betaGradient, 1e-4, Relative, "beta gradient");
    }

    [Theory]
    [InlineData("channel", true, false)]
    [InlineData("element", false, true)]
    [InlineData("channel", true, true)]
    [InlineData("element", false, false)]
    public void PReLU_matches_pytorch(string name, bool shared, bool reference)
    {
        const int batch = 2;
        var geometry = new PReLUGeometry(3, 4, 5, shared, shared, false);
        var input = Fixture.Get("prelu.input");
        var alpha = Fixture.Get($"prelu_{name}.alpha");
        var upstream = Fixture.Get($"prelu_{name}.grad_output");
        float[] output = new float[input.Length], gradient = new float[input.Length], alphaGradient = new float[alpha.Length];
        if (reference)
        {
            Ref.PReLU.Forward(geometry, batch, input, alpha, output);
            Ref.PReLU.Backward(geometry, batch, input, alpha, upstream, gradient, alphaGradient);
        }
        else
        {
            Fast.PReLU.Forward(geometry, batch, input, alpha, output);
            Fast.PReLU.Backward(geometry, batch, input, alpha, upstream, gradient, alphaGradient);
        }
        LayerTestData.AssertClose(Fixture.Get($"prelu_{name}.output"), output, Absolute, Relative, "output");
        LayerTestData.AssertClose(Fixture.Get($"prelu_{name}.grad_input"), gradient, Absolute, Relative, "input gradient");
        LayerTestData.AssertClose(Fixture.Get($"prelu_{name}.grad_alpha"), alphaGradient, 1e-4, Relative, "alpha gradient");
    }

    [Theory]
    [InlineData("flip", FillMode.Reflect)]
    [InlineData("translation", FillMode.Reflect)]
    [InlineData("translation", FillMode.Constant)]
    [InlineData("translation", FillMode.Nearest)]
    [InlineData("rotation", FillMode.Reflect)]
    [InlineData("rotation", FillMode.Constant)]
    [InlineData("rotation", FillMode.Nearest)]
    [InlineData("zoom", FillMode.Reflect)]
    [InlineData("zoom", FillMode.Constant)]
    [InlineData("zoom", FillMode.Nearest)]
    public void Augmentation_draws_and_resampling_match_pytorch(string kind, FillMode fill)
    {
        const int batch = 3, height = 5, width = 6, channels = 2;
        var transforms = new float[batch * ImageTransform.ParametersPerSample];
        var random = new SeededRandom(5);
        switch (kind)
        {
            case "flip":
                RandomTransforms.Flip(FlipMode.HorizontalAndVertical, batch, height, width, ref random, transforms);
                break;
            case "translation":
                RandomTransforms.Translation(0.3f, 0.4f, batch, height, width, ref random, transforms);
                break;
            case "rotation":
                RandomTransforms.Rotation(0.2f, batch, height, width, ref random, transforms);
                break;
            default:
                RandomTransforms.Zoom(0.3f, 0.2f, batch, height, width, ref random, transforms);
                break;
        }
        // The same draws as the script's transcription of the generator (the trigonometry may differ in the last bit).
        LayerTestData.AssertClose(Fixture.Get($"{kind}.transforms"), transforms, 1e-6, 1e-6, "transforms");

        var input = Fixture.Get("augment.input");
        var name = $"{kind}_{fill.ToString().ToLowerInvariant()}";
        var upstream = Fixture.Get($"{name}.grad_output");
        foreach (var reference in new[] { false, true })
        {
            float[] output = new float[input.Length], gradient = new float[input.Length];
            if (reference)
            {
                Ref.ImageTransform.Forward(batch, height, width, channels, fill, transforms, input, output);
                Ref.ImageTransform.Backward(batch, height, width, channels, fill, transforms, upstream, gradient);
            }
            else
            {
                Fast.ImageTransform.Forward(batch, height, width, channels, fill, transforms, input, output);
                Fast.ImageTransform.Backward(batch, height, width, channels, fill, transforms, upstream, gradient);
            }
            LayerTestData.AssertClose(Fixture.Get($"{name}.output"), output, 1e-4, 1e-4, $"{name} output");
            LayerTestData.AssertClose(Fixture.Get($"{name}.grad_input"), gradient, 1e-4, 1e-4, $"{name} input gradient");
        }
    }

    [Fact]
    public void Spatial_dropout_draws_the_scripts_mask()
    {
        var input = Fixture.Get("spatial_dropout.input");
        var random = new SeededRandom(9);
        float[] mask = new float[2 * 4], output = new float[input.Length];
        Fast.SpatialDropout2D.Forward(2, 9, 4, 0.4f, ref random, input, mask, output);
        Assert.Equal(Fixture.Get("spatial_dropout.mask"), mask);
        LayerTestData.AssertClose(Fixture.Get("spatial_dropout.output"), output, 1e-6, 1e-6, "output");
    }
}
