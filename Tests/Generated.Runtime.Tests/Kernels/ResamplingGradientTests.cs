using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// UpSampling2D backward (both twins, nearest and bilinear) against central finite differences. The layer is linear
/// in its input, so the step is <see cref="GradientCheck.LinearStep"/>; gradients are sums of a few upstream values
/// in [-1, 1] weighted by interpolation weights: the floor is 0.1. The only error
/// is float rounding (measured at most a few 1e-6), hence 5e-5.
/// </summary>
public class ResamplingGradientTests
{
    private static readonly GradientTolerance Tolerance = new(5e-5, 0.1);

    /// <summary>Interpolation, height, width, channels, factors, batch.</summary>
    public static TheoryData<Interpolation, int, int, int, int, int, int, Implementation> Cases()
    {
        var data = new TheoryData<Interpolation, int, int, int, int, int, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(Interpolation.Nearest, 3, 4, 3, 2, 2, 2, implementation);
            data.Add(Interpolation.Nearest, 5, 3, 9, 1, 3, 1, implementation);
            data.Add(Interpolation.Bilinear, 3, 4, 3, 2, 2, 2, implementation);
            data.Add(Interpolation.Bilinear, 3, 4, 3, 3, 2, 2, implementation);
            data.Add(Interpolation.Bilinear, 5, 3, 9, 3, 3, 1, implementation); // odd factors: sample points on input centres
            data.Add(Interpolation.Bilinear, 1, 2, 1, 2, 3, 1, implementation); // a single row clamps both edges
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void UpSampling2D_backward_matches_finite_differences(Interpolation interpolation, int height, int width, int channels, int factorHeight, int factorWidth, int batch, Implementation implementation) =>
        Check(interpolation, height, width, channels, factorHeight, factorWidth, batch, implementation);

    /// <summary>Every case above, for the report.</summary>
    public static IEnumerable<GradientCheckResult> All() =>
        Cases().Select(row => Check((Interpolation)row[0], (int)row[1], (int)row[2], (int)row[3], (int)row[4], (int)row[5], (int)row[6], (Implementation)row[7]));

    private static GradientCheckResult Check(Interpolation interpolation, int height, int width, int channels, int factorHeight, int factorWidth, int batch, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var g = new UpSampling2DGeometry(height, width, channels, factorHeight, factorWidth);
        var input = LayerTestData.Uniform(batch * g.InputSize, seed: 23);
        var upstream = LayerTestData.Uniform(batch * g.OutputSize, seed: 24);
        var output = new float[upstream.Length];
        float[] Forward()
        {
            if (fast)
            {
                Fast.UpSampling2D.Forward(g, interpolation, batch, input, output);
            }
            else
            {
                Ref.UpSampling2D.Forward(g, interpolation, batch, input, output);
            }
            return output;
        }
        var numerical = GradientCheck.Numerical(input, Forward, upstream, GradientCheck.LinearStep);
        var gradient = new float[input.Length];
        if (fast)
        {
            Fast.UpSampling2D.Backward(g, interpolation, batch, upstream, gradient);
        }
        else
        {
            Ref.UpSampling2D.Backward(g, interpolation, batch, upstream, gradient);
        }
        var @case = $"{implementation} {height}x{width}x{channels} factors {factorHeight}x{factorWidth} batch {batch}";
        return GradientCheck.Compare($"UpSampling2D {interpolation} ∂input", @case, numerical, gradient, Tolerance);
    }
}
