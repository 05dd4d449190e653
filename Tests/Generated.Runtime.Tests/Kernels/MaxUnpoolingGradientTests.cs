using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Max-unpooling (<c>MaxUnpool2D</c>, both twins): the forward puts each value where its pooling window's first maximum
/// was; the backward gathers from there. For fixed pooling tensors the layer is linear in its input
/// (<see cref="GradientCheck.LinearStep"/>); the positions come from <see cref="LayerTestData.Distinct"/> inputs (no ties)
/// and, in one case, from a map with tied maxima, where the first cell in row-major order wins as in the pooling's backward.
/// </summary>
public class MaxUnpoolingGradientTests
{
    private static readonly GradientTolerance Tolerance = new(5e-5, 0.1);

    /// <summary>Pooling input height, width, channels, pool (= strides), padding, batch, ties.</summary>
    public static TheoryData<int, int, int, int, Padding, int, bool, Implementation> Cases()
    {
        var data = new TheoryData<int, int, int, int, Padding, int, bool, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(4, 6, 3, 2, Padding.Valid, 2, false, implementation);
            data.Add(6, 3, 17, 3, Padding.Same, 1, false, implementation);
            data.Add(4, 4, 5, 2, Padding.Valid, 2, true, implementation);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_matches_finite_differences(int height, int width, int channels, int pool, Padding padding, int batch, bool ties, Implementation implementation)
    {
        var result = Check(height, width, channels, pool, padding, batch, ties, implementation);
        Assert.True(result.WorstRelativeError <= result.Tolerance.Relative, $"{result.Case}: {result.WorstRelativeError:G3}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fast_equals_reference_and_inverts_the_pooling(int height, int width, int channels, int pool, Padding padding, int batch, bool ties, Implementation implementation)
    {
        Assert.True(Enum.IsDefined(implementation));
        var (g, poolInput, poolOutput) = Pooled(height, width, channels, pool, padding, batch, ties);
        var values = LayerTestData.Uniform(poolOutput.Length, seed: 95);
        float[] fast = new float[poolInput.Length], reference = new float[poolInput.Length];
        Fast.MaxUnpool2D.Forward(g, batch, poolInput, poolOutput, values, fast);
        Ref.MaxUnpool2D.Forward(g, batch, poolInput, poolOutput, values, reference);
        Assert.Equal(reference, fast);
        // Unpooling the pooled values gives back the maxima in place and zeros elsewhere: pooling that again is the identity.
        Fast.MaxUnpool2D.Forward(g, batch, poolInput, poolOutput, poolOutput, fast);
        Assert.Equal(poolOutput.Length, fast.Count(v => v != 0f) + poolOutput.Count(v => v == 0f));
        var pooledAgain = new float[poolOutput.Length];
        Fast.MaxPool2D.Forward(g, batch, fast, pooledAgain);
        Assert.Equal(poolOutput.Select(v => Math.Max(v, 0f)), pooledAgain.Select(v => Math.Max(v, 0f)));
    }

    /// <summary>Every case above, for the report.</summary>
    public static IEnumerable<GradientCheckResult> All() =>
        Cases().Select(row => Check((int)row[0], (int)row[1], (int)row[2], (int)row[3], (Padding)row[4], (int)row[5], (bool)row[6], (Implementation)row[7]));

    private static (Pool2DGeometry, float[], float[]) Pooled(int height, int width, int channels, int pool, Padding padding, int batch, bool ties)
    {
        var g = LayerTestData.Pool(height, width, channels, pool, pool, padding);
        var poolInput = ties
            ? LayerTestData.Uniform(batch * g.InputSize, seed: 93).Select(v => MathF.Round(v * 2) / 2).ToArray() // values in {-1, -0.5, 0, 0.5, 1}: many tied maxima
            : LayerTestData.Distinct(batch * g.InputSize, seed: 93);
        var poolOutput = new float[batch * g.OutputSize];
        Ref.MaxPool2D.Forward(g, batch, poolInput, poolOutput);
        return (g, poolInput, poolOutput);
    }

    private static GradientCheckResult Check(int height, int width, int channels, int pool, Padding padding, int batch, bool ties, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var (g, poolInput, poolOutput) = Pooled(height, width, channels, pool, padding, batch, ties);
        var input = LayerTestData.Uniform(poolOutput.Length, seed: 94);
        var upstream = LayerTestData.Uniform(poolInput.Length, seed: 96);
        var output = new float[poolInput.Length];
        float[] Forward()
        {
            if (fast)
            {
                Fast.MaxUnpool2D.Forward(g, batch, poolInput, poolOutput, input, output);
            }
            else
            {
                Ref.MaxUnpool2D.Forward(g, batch, poolInput, poolOutput, input, output);
            }
            return output;
        }
        var gradient = new float[input.Length];
        if (fast)
        {
            Fast.MaxUnpool2D.Backward(g, batch, poolInput, poolOutput, upstream, gradient);
        }
        else
        {
            Ref.MaxUnpool2D.Backward(g, batch, poolInput, poolOutput, upstream, gradient);
        }
        var @case = $"{implementation} {height}x{width}x{channels} pool {pool} {padding} batch {batch}{(ties ? " ties" : "")}";
        return GradientCheck.Compare("MaxUnpool2D ∂input", @case, GradientCheck.Numerical(input, Forward, upstream, GradientCheck.LinearStep), gradient, Tolerance);
    }
}
