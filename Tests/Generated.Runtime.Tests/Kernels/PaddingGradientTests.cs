using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// ZeroPadding2D backward (both twins) against central finite differences. The layer is linear in its input, so the
/// step is <see cref="GradientCheck.LinearStep"/>; each input's gradient is one upstream value in [-1, 1]: the floor is
/// 0.1. The only error is float rounding of the loss sum, hence 5e-5 as for the other linear layers.
/// </summary>
public class PaddingGradientTests
{
    private static readonly GradientTolerance Tolerance = new(5e-5, 0.1);

    /// <summary>Height, width, channels, top, bottom, left, right, batch.</summary>
    public static TheoryData<int, int, int, int, int, int, int, int, Implementation> Cases()
    {
        var data = new TheoryData<int, int, int, int, int, int, int, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(3, 4, 3, 1, 1, 1, 1, 2, implementation);
            data.Add(5, 3, 9, 2, 0, 0, 3, 1, implementation); // asymmetric, zero sides
            data.Add(1, 1, 2, 0, 1, 2, 0, 3, implementation); // a single pixel
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ZeroPadding2D_backward_matches_finite_differences(int height, int width, int channels, int top, int bottom, int left, int right, int batch, Implementation implementation) =>
        Check(height, width, channels, top, bottom, left, right, batch, implementation);

    /// <summary>Every case above, for the report.</summary>
    public static IEnumerable<GradientCheckResult> All() =>
        Cases().Select(row => Check((int)row[0], (int)row[1], (int)row[2], (int)row[3], (int)row[4], (int)row[5], (int)row[6], (int)row[7], (Implementation)row[8]));

    private static GradientCheckResult Check(int height, int width, int channels, int top, int bottom, int left, int right, int batch, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var g = new Padding2DGeometry(height, width, channels, top, bottom, left, right);
        var input = LayerTestData.Uniform(batch * g.InputSize, seed: 36);
        var upstream = LayerTestData.Uniform(batch * g.OutputSize, seed: 37);
        var output = new float[upstream.Length];
        float[] Forward()
        {
            if (fast)
            {
                Fast.ZeroPadding2D.Forward(g, batch, input, output);
            }
            else
            {
                Ref.ZeroPadding2D.Forward(g, batch, input, output);
            }
            return output;
        }
        var numerical = GradientCheck.Numerical(input, Forward, upstream, GradientCheck.LinearStep);
        var gradient = new float[input.Length];
        if (fast)
        {
            Fast.ZeroPadding2D.Backward(g, batch, upstream, gradient);
        }
        else
        {
            Ref.ZeroPadding2D.Backward(g, batch, upstream, gradient);
        }
        var @case = $"{implementation} {height}x{width}x{channels} pad {top},{bottom},{left},{right} batch {batch}";
        return GradientCheck.Compare("ZeroPadding2D ∂input", @case, numerical, gradient, Tolerance);
    }
}
