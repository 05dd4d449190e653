using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Backward passes of Rescaling, Normalization, SpatialDropout2D, PReLU, GroupNormalization and the augmentation
/// resampling (<c>ImageTransform</c>, every fill mode, with flip, translation, rotation and zoom transforms), both twins,
/// against central finite differences of their forwards through <c>L = sum(output * upstream)</c>. Rescaling,
/// Normalization, SpatialDropout2D (a fixed mask: its generator is re-seeded for every forward), the resampling (fixed
/// transforms) and PReLU's alpha are linear in the nudged value: <see cref="GradientCheck.LinearStep"/>, rounding only,
/// 5e-5. PReLU's input is kept 0.05 from its kink and checked at <see cref="GradientCheck.SmoothStep"/>; group
/// normalization is smooth, with the tolerances of the other normalizations.
/// </summary>
public class PreprocessingGradientTests
{
    private static readonly GradientTolerance Linear = new(5e-5, 0.1);
    private static readonly GradientTolerance NormalizationInput = new(5e-3, 0.1);
    private static readonly GradientTolerance NormalizationParameters = new(1e-4, 1);

    public static TheoryData<Implementation> Implementations() => new(Enum.GetValues<Implementation>());

    /// <summary>Transform name, fill mode.</summary>
    public static TheoryData<string, FillMode, Implementation> TransformCases()
    {
        var data = new TheoryData<string, FillMode, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            foreach (var fill in Enum.GetValues<FillMode>())
            {
                data.Add("rotation", fill, implementation);
                data.Add("zoom", fill, implementation);
            }
            data.Add("translation", FillMode.Reflect, implementation);
            data.Add("flip", FillMode.Reflect, implementation);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Rescaling_and_normalization_backward_match_finite_differences(Implementation implementation)
    {
        Rescaling(implementation);
        Normalization(implementation);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Spatial_dropout_backward_matches_finite_differences(Implementation implementation) => SpatialDropout(implementation);

    [Theory]
    [MemberData(nameof(Implementations))]
    public void PReLU_backward_matches_finite_differences(Implementation implementation) => PReLU(implementation);

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Group_normalization_backward_matches_finite_differences(Implementation implementation) => GroupNormalization(implementation);

    [Theory]
    [MemberData(nameof(TransformCases))]
    public void Augmentation_backward_matches_finite_differences(string transform, FillMode fill, Implementation implementation) =>
        Transform(transform, fill, implementation);

    /// <summary>Every case above, for the report.</summary>
    public static IEnumerable<GradientCheckResult> All() =>
        Enum.GetValues<Implementation>().SelectMany(i => new[] { Rescaling(i), Normalization(i), SpatialDropout(i) }.Concat(PReLU(i)).Concat(GroupNormalization(i)))
            .Concat(TransformCases().Select(row => Transform((string)row[0], (FillMode)row[1], (Implementation)row[2])));

    private static GradientCheckResult Rescaling(Implementation implementation)
    {
        var input = LayerTestData.Uniform(37, seed: 90);
        var upstream = LayerTestData.Uniform(37, seed: 91);
        var output = new float[37];
        var gradient = new float[37];
        float[] Forward()
        {
            Run(implementation, () => Fast.Rescaling.Forward(1f / 255f, -0.5f, input, output), () => Ref.Rescaling.Forward(1f / 255f, -0.5f, input, output));
            return output;
        }
        Run(implementation, () => Fast.Rescaling.Backward(1f / 255f, upstream, gradient), () => Ref.Rescaling.Backward(1f / 255f, upstream, gradient));
        // The gradient is 1/255 of the upstream values: judged against that scale.
        return GradientCheck.Compare("Rescaling ∂input", $"{implementation} length 37", GradientCheck.Numerical(input, Forward, upstream, GradientCheck.LinearStep), gradient, new(5e-5, 1e-3));
    }

    private static GradientCheckResult Normalization(Implementation implementation)
    {
        const int rows = 6, channels = 5;
        var input = LayerTestData.Uniform(rows * channels, seed: 92, scale: 3f);
        var mean = LayerTestData.Uniform(channels, seed: 93);
        float[] variance = [0.5f, 2f, 0.25f, 4f, 0.1f];
        var upstream = LayerTestData.Uniform(rows * channels, seed: 94);
        var output = new float[input.Length];
        var gradient = new float[input.Length];
        float[] Forward()
        {
            Run(implementation, () => Fast.Normalization.Forward(rows, channels, input, mean, variance, output), () => Ref.Normalization.Forward(rows, channels, input, mean, variance, output));
            return output;
        }
        Run(implementation, () => Fast.Normalization.Backward(rows, channels, variance, upstream, gradient), () => Ref.Normalization.Backward(rows, channels, variance, upstream, gradient));
        return GradientCheck.Compare("Normalization ∂input", $"{implementation} rows {rows} channels {channels}", GradientCheck.Numerical(input, Forward, upstream, GradientCheck.LinearStep), gradient, Linear);
    }

    private static GradientCheckResult SpatialDropout(Implementation implementation)
    {
        const int batch = 3, pixels = 4, channels = 5;
        const float rate = 0.4f;
        var input = LayerTestData.Uniform(batch * pixels * channels, seed: 95);
        var upstream = LayerTestData.Uniform(input.Length, seed: 96);
        var output = new float[input.Length];
        var mask = new float[batch * channels];
        float[] Forward()
        {
            var random = new SeededRandom(17);
            if (implementation == Implementation.Fast)
            {
                Fast.SpatialDropout2D.Forward(batch, pixels, channels, rate, ref random, input, mask, output);
            }
            else
            {
                Ref.SpatialDropout2D.Forward(batch, pixels, channels, rate, ref random, input, mask, output);
            }
            return output;
        }
        var numerical = GradientCheck.Numerical(input, Forward, upstream, GradientCheck.LinearStep);
        Forward();
        Assert.Contains(0f, mask);
        Assert.Contains(1f / (1f - rate), mask);
        var gradient = new float[input.Length];
        Run(implementation, () => Fast.SpatialDropout2D.Backward(batch, pixels, channels, mask, upstream, gradient), () => Ref.SpatialDropout2D.Backward(batch, pixels, channels, mask, upstream, gradient));
        return GradientCheck.Compare("SpatialDropout2D ∂input", $"{implementation} batch {batch} pixels {pixels} channels {channels} rate {rate}", numerical, gradient, Linear);
    }

    private static IEnumerable<GradientCheckResult> PReLU(Implementation implementation)
    {
        const int batch = 2;
        foreach (var (geometry, name) in new[]
        {
            (new PReLUGeometry(3, 4, 5, false, false, false), "3x4x5 unshared"),
            (new PReLUGeometry(3, 4, 9, true, true, false), "3x4x9 shared 1, 2"),
            (new PReLUGeometry(2, 3, 4, false, true, true), "2x3x4 shared 2, 3"),
        })
        {
            var size = geometry.Height * geometry.Width * geometry.Channels;
            var input = LayerTestData.Uniform(batch * size, seed: 97).Select(x => x + (x >= 0 ? 0.05f : -0.05f)).ToArray();
            var alpha = LayerTestData.Uniform(geometry.AlphaSize, seed: 98, scale: 0.5f);
            var upstream = LayerTestData.Uniform(input.Length, seed: 99);
            var output = new float[input.Length];
            float[] Forward()
            {
                Run(implementation, () => Fast.PReLU.Forward(geometry, batch, input, alpha, output), () => Ref.PReLU.Forward(geometry, batch, input, alpha, output));
                return output;
            }
            var inputGradient = new float[input.Length];
            var alphaGradient = new float[alpha.Length];
            Run(implementation, () => Fast.PReLU.Backward(geometry, batch, input, alpha, upstream, inputGradient, alphaGradient),
                () => Ref.PReLU.Backward(geometry, batch, input, alpha, upstream, inputGradient, alphaGradient));
            var @case = $"{implementation} {name} batch {batch}";
            yield return GradientCheck.Compare("PReLU ∂input", @case, GradientCheck.Numerical(input, Forward, upstream, GradientCheck.SmoothStep), inputGradient, new(5e-4, 0.1));
            yield return GradientCheck.Compare("PReLU ∂alpha", @case, GradientCheck.Numerical(alpha, Forward, upstream, GradientCheck.LinearStep), alphaGradient, new(5e-5, 1));
        }
    }

    private static IEnumerable<GradientCheckResult> GroupNormalization(Implementation implementation)
    {
        foreach (var (batch, pixels, channels, groups) in new[] { (2, 6, 6, 3), (1, 5, 8, 2), (2, 4, 4, 4), (1, 3, 5, 1) })
        {
            var input = LayerTestData.Uniform(batch * pixels * channels, seed: 100 + channels, scale: 2f);
            var gamma = LayerTestData.Uniform(channels, seed: 101).Select(g => g + 1.5f).ToArray();
            var beta = LayerTestData.Uniform(channels, seed: 102);
            var upstream = LayerTestData.Uniform(input.Length, seed: 103);
            var output = new float[input.Length];
            var mean = new float[batch * groups];
            var inverse = new float[batch * groups];
            float[] Forward()
            {
                Run(implementation, () => Fast.GroupNormalization.Forward(batch, pixels, channels, groups, input, gamma, beta, 1e-3f, output, mean, inverse),
                    () => Ref.GroupNormalization.Forward(batch, pixels, channels, groups, input, gamma, beta, 1e-3f, output, mean, inverse));
                return output;
            }
            var numericalInput = GradientCheck.Numerical(input, Forward, upstream, GradientCheck.SmoothStep);
            var numericalGamma = GradientCheck.Numerical(gamma, Forward, upstream, GradientCheck.SmoothStep);
            var numericalBeta = GradientCheck.Numerical(beta, Forward, upstream, GradientCheck.SmoothStep);
            Forward();
            var inputGradient = new float[input.Length];
            var gammaGradient = new float[channels];
            var betaGradient = new float[channels];
            Run(implementation, () => Fast.GroupNormalization.Backward(batch, pixels, channels, groups, input, gamma, mean, inverse, upstream, inputGradient, gammaGradient, betaGradient),
                () => Ref.GroupNormalization.Backward(batch, pixels, channels, groups, input, gamma, mean, inverse, upstream, inputGradient, gammaGradient, betaGradient));
            var @case = $"{implementation} batch {batch} pixels {pixels} channels {channels} groups {groups}";
            yield return GradientCheck.Compare("GroupNormalization ∂input", @case, numericalInput, inputGradient, NormalizationInput);
            yield return GradientCheck.Compare("GroupNormalization ∂gamma", @case, numericalGamma, gammaGradient, NormalizationParameters);
            yield return GradientCheck.Compare("GroupNormalization ∂beta", @case, numericalBeta, betaGradient, NormalizationParameters);
        }
    }

    private static GradientCheckResult Transform(string transform, FillMode fill, Implementation implementation)
    {
        const int batch = 2, height = 5, width = 6, channels = 3;
        var transforms = new float[batch * ImageTransform.ParametersPerSample];
        var random = new SeededRandom(31);
        switch (transform)
        {
            case "rotation":
                RandomTransforms.Rotation(0.3f, batch, height, width, ref random, transforms);
                break;
            case "zoom":
                RandomTransforms.Zoom(0.5f, 0.4f, batch, height, width, ref random, transforms);
                break;
            case "translation":
                RandomTransforms.Translation(0.5f, 0.5f, batch, height, width, ref random, transforms);
                break;
            default:
                RandomTransforms.Flip(FlipMode.HorizontalAndVertical, batch, height, width, ref random, transforms);
                break;
        }
        var input = LayerTestData.Uniform(batch * height * width * channels, seed: 104);
        var upstream = LayerTestData.Uniform(input.Length, seed: 105);
        var output = new float[input.Length];
        float[] Forward()
        {
            Run(implementation, () => Fast.ImageTransform.Forward(batch, height, width, channels, fill, transforms, input, output),
                () => Ref.ImageTransform.Forward(batch, height, width, channels, fill, transforms, input, output));
            return output;
        }
        var gradient = new float[input.Length];
        Run(implementation, () => Fast.ImageTransform.Backward(batch, height, width, channels, fill, transforms, upstream, gradient),
            () => Ref.ImageTransform.Backward(batch, height, width, channels, fill, transforms, upstream, gradient));
        return GradientCheck.Compare("ImageTransform ∂input", $"{implementation} {transform} {fill} {height}x{width}x{channels} batch {batch}",
            GradientCheck.Numerical(input, Forward, upstream, GradientCheck.LinearStep), gradient, Linear);
    }

    private static void Run(Implementation implementation, Action fast, Action reference)
    {
        if (implementation == Implementation.Fast)
        {
            fast();
        }
        else
        {
            reference();
        }
    }
}
