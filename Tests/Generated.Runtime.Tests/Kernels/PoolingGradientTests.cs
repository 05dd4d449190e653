using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Pooling backward passes (both twins) against central finite differences of <c>sum(output * upstream)</c>.
/// Max pooling is piecewise linear: inputs are <see cref="LayerTestData.Distinct"/> (0.01 apart) and the step is
/// 1e-3, under half the spacing, so no difference changes which cell wins and the quotient is exact up to
/// rounding. Average pooling is linear (<see cref="GradientCheck.LinearStep"/>); with Same padding it divides by
/// the real cells only, which the finite differences of the forward see, so the backward must share the same way.
/// Gradients are sums of a few upstream values in [-1, 1], so the floor is 0.1; the only error is float rounding
/// (measured near 1e-6), hence 5e-5.
/// </summary>
public class PoolingGradientTests
{
    private const float MaxStep = 1e-3f;
    private static readonly GradientTolerance Tolerance = new(5e-5, 0.1);

    /// <summary>Height, width, channels, pool, stride, padding, batch.</summary>
    public static TheoryData<int, int, int, int, int, Padding, int, Implementation> Shapes()
    {
        var data = new TheoryData<int, int, int, int, int, Padding, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(5, 6, 3, 3, 2, Padding.Valid, 2, implementation);
            data.Add(5, 6, 3, 3, 2, Padding.Same, 2, implementation);
            data.Add(5, 6, 3, 2, 1, Padding.Same, 2, implementation); // pads one row below and one column right only
            data.Add(5, 6, 3, 3, 3, Padding.Same, 2, implementation);
            data.Add(7, 5, 9, 2, 2, Padding.Same, 3, implementation); // odd sizes, a vector plus a tail of channels
            data.Add(6, 7, 5, 3, 1, Padding.Valid, 1, implementation); // overlapping windows
        }
        return data;
    }

    /// <summary>Batch, pixels, channels.</summary>
    public static TheoryData<int, int, int, Implementation> GlobalShapes()
    {
        var data = new TheoryData<int, int, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(2, 6, 5, implementation);
            data.Add(3, 9, 17, implementation);
            data.Add(1, 1, 1, implementation);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MaxPool2D_backward_matches_finite_differences(int height, int width, int channels, int pool, int stride, Padding padding, int batch, Implementation implementation) =>
        MaxPool2D(height, width, channels, pool, stride, padding, batch, implementation);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AveragePool2D_backward_matches_finite_differences(int height, int width, int channels, int pool, int stride, Padding padding, int batch, Implementation implementation) =>
        AveragePool2D(height, width, channels, pool, stride, padding, batch, implementation);

    [Theory]
    [MemberData(nameof(GlobalShapes))]
    public void Global_pool_backwards_match_finite_differences(int batch, int pixels, int channels, Implementation implementation)
    {
        GlobalMaxPool2D(batch, pixels, channels, implementation);
        GlobalAveragePool2D(batch, pixels, channels, implementation);
    }

    /// <summary>Every case above, for the report.</summary>
    public static IEnumerable<GradientCheckResult> All()
    {
        foreach (var row in Shapes())
        {
            var (height, width, channels, pool, stride, padding, batch, implementation) = ((int)row[0], (int)row[1], (int)row[2], (int)row[3], (int)row[4], (Padding)row[5], (int)row[6], (Implementation)row[7]);
            yield return MaxPool2D(height, width, channels, pool, stride, padding, batch, implementation);
            yield return AveragePool2D(height, width, channels, pool, stride, padding, batch, implementation);
        }
        foreach (var row in GlobalShapes())
        {
            yield return GlobalMaxPool2D((int)row[0], (int)row[1], (int)row[2], (Implementation)row[3]);
            yield return GlobalAveragePool2D((int)row[0], (int)row[1], (int)row[2], (Implementation)row[3]);
        }
    }

    private static GradientCheckResult MaxPool2D(int height, int width, int channels, int pool, int stride, Padding padding, int batch, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var g = LayerTestData.Pool(height, width, channels, pool, stride, padding);
        var input = LayerTestData.Distinct(batch * g.InputSize, seed: 10);
        var upstream = LayerTestData.Uniform(batch * g.OutputSize, seed: 11);
        var output = new float[batch * g.OutputSize];
        float[] Forward()
        {
            if (fast)
            {
                Fast.MaxPool2D.Forward(g, batch, input, output);
            }
            else
            {
                Ref.MaxPool2D.Forward(g, batch, input, output);
            }
            return output;
        }
        var numerical = GradientCheck.Numerical(input, Forward, upstream, MaxStep);
        Forward();
        var gradient = new float[input.Length];
        if (fast)
        {
            Fast.MaxPool2D.Backward(g, batch, input, output, upstream, gradient);
        }
        else
        {
            Ref.MaxPool2D.Backward(g, batch, input, output, upstream, gradient);
        }
        return GradientCheck.Compare("MaxPool2D ∂input", Case(height, width, channels, pool, stride, padding, batch, implementation), numerical, gradient, Tolerance);
    }

    private static GradientCheckResult AveragePool2D(int height, int width, int channels, int pool, int stride, Padding padding, int batch, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var g = LayerTestData.Pool(height, width, channels, pool, stride, padding);
        var input = LayerTestData.Uniform(batch * g.InputSize, seed: 12);
        var upstream = LayerTestData.Uniform(batch * g.OutputSize, seed: 13);
        var output = new float[batch * g.OutputSize];
        float[] Forward()
        {
            if (fast)
            {
                Fast.AveragePool2D.Forward(g, batch, input, output);
            }
            else
            {
                Ref.AveragePool2D.Forward(g, batch, input, output);
            }
            return output;
        }
        var numerical = GradientCheck.Numerical(input, Forward, upstream, GradientCheck.LinearStep);
        var gradient = new float[input.Length];
        if (fast)
        {
            Fast.AveragePool2D.Backward(g, batch, upstream, gradient);
        }
        else
        {
            Ref.AveragePool2D.Backward(g, batch, upstream, gradient);
        }
        return GradientCheck.Compare("AveragePool2D ∂input", Case(height, width, channels, pool, stride, padding, batch, implementation), numerical, gradient, Tolerance);
    }

    private static GradientCheckResult GlobalMaxPool2D(int batch, int pixels, int channels, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var input = LayerTestData.Distinct(batch * pixels * channels, seed: 14);
        var upstream = LayerTestData.Uniform(batch * channels, seed: 15);
        var output = new float[batch * channels];
        float[] Forward()
        {
            if (fast)
            {
                Fast.GlobalMaxPool2D.Forward(batch, pixels, channels, input, output);
            }
            else
            {
                Ref.GlobalMaxPool2D.Forward(batch, pixels, channels, input, output);
            }
            return output;
        }
        var numerical = GradientCheck.Numerical(input, Forward, upstream, MaxStep);
        Forward();
        var gradient = new float[input.Length];
        if (fast)
        {
            Fast.GlobalMaxPool2D.Backward(batch, pixels, channels, input, output, upstream, gradient);
        }
        else
        {
            Ref.GlobalMaxPool2D.Backward(batch, pixels, channels, input, output, upstream, gradient);
        }
        return GradientCheck.Compare("GlobalMaxPool2D ∂input", $"{implementation} batch {batch} pixels {pixels} channels {channels}", numerical, gradient, Tolerance);
    }

    private static GradientCheckResult GlobalAveragePool2D(int batch, int pixels, int channels, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var input = LayerTestData.Uniform(batch * pixels * channels, seed: 16);
        var upstream = LayerTestData.Uniform(batch * channels, seed: 17);
        var output = new float[batch * channels];
        float[] Forward()
        {
            if (fast)
            {
                Fast.GlobalAveragePool2D.Forward(batch, pixels, channels, input, output);
            }
            else
            {
                Ref.GlobalAveragePool2D.Forward(batch, pixels, channels, input, output);
            }
            return output;
        }
        var numerical = GradientCheck.Numerical(input, Forward, upstream, GradientCheck.LinearStep);
        var gradient = new float[input.Length];
        if (fast)
        {
            Fast.GlobalAveragePool2D.Backward(batch, pixels, channels, upstream, gradient);
        }
        else
        {
            Ref.GlobalAveragePool2D.Backward(batch, pixels, channels, upstream, gradient);
        }
        return GradientCheck.Compare("GlobalAveragePool2D ∂input", $"{implementation} batch {batch} pixels {pixels} channels {channels}", numerical, gradient, Tolerance);
    }

    private static string Case(int height, int width, int channels, int pool, int stride, Padding padding, int batch, Implementation implementation) =>
        $"{implementation} {height}x{width}x{channels} pool {pool} stride {stride} {padding} batch {batch}";
}
