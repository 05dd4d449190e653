using Generated.Runtime.Tests.Common;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The backward passes the generator emits for Multiply, Subtract, Average, Maximum and Minimum over two and three
/// inputs (folded left to right, as Keras), both twins, against central finite differences of the forward kernels.
/// Multiply, Subtract and Average are linear in each input (<see cref="GradientCheck.LinearStep"/>); Maximum and
/// Minimum are piecewise linear: their inputs are <see cref="LayerTestData.Distinct"/> (0.01 apart, across all inputs)
/// and the step is 1e-3, so no nudge changes the winner. Gradients are upstream values times order-1 factors: floor 0.1.
/// </summary>
public class ElementwiseMergeGradientTests
{
    private static readonly GradientTolerance Tolerance = new(5e-5, 0.1);

    private const float PiecewiseStep = 1e-3f;

    private delegate void Binary(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> output);

    /// <summary>Merge kind, number of inputs and length.</summary>
    public static TheoryData<string, int, int, Implementation> Cases()
    {
        var data = new TheoryData<string, int, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            foreach (var kind in new[] { "Multiply", "Subtract", "Average", "Maximum", "Minimum" })
            {
                data.Add(kind, 2, 37, implementation);
                if (kind != "Subtract")
                {
                    data.Add(kind, 3, 130, implementation);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_matches_finite_differences(string kind, int count, int length, Implementation implementation)
    {
        foreach (var result in Check(kind, count, length, implementation))
        {
            Assert.True(result.WorstRelativeError <= result.Tolerance.Relative, $"{result.Check} [{result.Case}]: {result.WorstRelativeError:G3}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ties_share_the_gradient_as_torch_maximum_does(bool fast)
    {
        // torch.maximum(a, b) gives each of two tied inputs half the gradient; amax over three tied inputs a third.
        float[] a = [1f, 2f, 3f], b = [1f, 1f, 3f], c = [0f, 2f, 3f], upstream = [6f, 6f, 6f];
        var output = new float[3];
        var ties = new float[3];
        var gradient = new float[3];
        Run(fast ? Fast.Merge.Maximum : Ref.Merge.Maximum, a, b, output);
        Run(fast ? Fast.Merge.Maximum : Ref.Merge.Maximum, output, c, output);
        CountEqual(fast, a, output, ties, false);
        CountEqual(fast, b, output, ties, true);
        CountEqual(fast, c, output, ties, true);
        RouteToEqual(fast, a, output, ties, upstream, gradient);
        Assert.Equal([3f, 3f, 2f], gradient);
        RouteToEqual(fast, b, output, ties, upstream, gradient);
        Assert.Equal([3f, 0f, 2f], gradient);
        RouteToEqual(fast, c, output, ties, upstream, gradient);
        Assert.Equal([0f, 3f, 2f], gradient);
    }

    /// <summary>Every case above, for the report.</summary>
    public static IEnumerable<GradientCheckResult> All() =>
        Cases().SelectMany(row => Check((string)row[0], (int)row[1], (int)row[2], (Implementation)row[3]));

    private static GradientCheckResult[] Check(string kind, int count, int length, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var piecewise = kind is "Maximum" or "Minimum";
        var all = piecewise ? LayerTestData.Distinct(count * length, seed: 90) : LayerTestData.Uniform(count * length, seed: 90);
        var inputs = Enumerable.Range(0, count).Select(i => all.AsSpan(i * length, length).ToArray()).ToArray();
        var upstream = LayerTestData.Uniform(length, seed: 91);
        var output = new float[length];
        Binary step = kind switch
        {
            "Multiply" => fast ? Fast.Merge.Multiply : Ref.Merge.Multiply,
            "Subtract" => fast ? Fast.Merge.Subtract : Ref.Merge.Subtract,
            "Average" => fast ? Fast.Merge.Add : Ref.Merge.Add,
            "Maximum" => fast ? Fast.Merge.Maximum : Ref.Merge.Maximum,
            _ => fast ? Fast.Merge.Minimum : Ref.Merge.Minimum,
        };
        float[] Forward()
        {
            Run(step, inputs[0], inputs[1], output);
            for (var i = 2; i < count; i++)
            {
                Run(step, output, inputs[i], output);
            }
            if (kind == "Average")
            {
                Divide(fast, output, count, output);
            }
            return output;
        }
        Forward();
        var gradients = Backward(kind, fast, inputs, output, upstream);
        var @case = $"{implementation} {count} inputs length {length}";
        return Enumerable.Range(0, count).Select(i => GradientCheck.Compare($"{kind} ∂input {i + 1}", @case,
            GradientCheck.Numerical(inputs[i], Forward, upstream, piecewise ? PiecewiseStep : GradientCheck.LinearStep), gradients[i], Tolerance)).ToArray();
    }

    /// <summary>What the generated Backward computes for each input (MergeRule.WriteBackward).</summary>
    private static float[][] Backward(string kind, bool fast, float[][] inputs, float[] output, float[] upstream)
    {
        var count = inputs.Length;
        var gradients = inputs.Select(x => new float[x.Length]).ToArray();
        switch (kind)
        {
            case "Subtract":
                upstream.CopyTo(gradients[0], 0);
                if (fast)
                {
                    Fast.Merge.Negate(upstream, gradients[1]);
                }
                else
                {
                    Ref.Merge.Negate(upstream, gradients[1]);
                }
                break;
            case "Average":
                foreach (var gradient in gradients)
                {
                    Divide(fast, upstream, count, gradient);
                }
                break;
            case "Multiply":
                for (var i = 0; i < count; i++)
                {
                    var others = Enumerable.Range(0, count).Where(j => j != i).ToList();
                    Run(fast ? Fast.Merge.Multiply : Ref.Merge.Multiply, upstream, inputs[others[0]], gradients[i]);
                    foreach (var j in others.Skip(1))
                    {
                        Run(fast ? Fast.Merge.Multiply : Ref.Merge.Multiply, gradients[i], inputs[j], gradients[i]);
                    }
                }
                break;
            default:
                var ties = new float[output.Length];
                for (var i = 0; i < count; i++)
                {
                    CountEqual(fast, inputs[i], output, ties, accumulate: i > 0);
                }
                for (var i = 0; i < count; i++)
                {
                    RouteToEqual(fast, inputs[i], output, ties, upstream, gradients[i]);
                }
                break;
        }
        return gradients;
    }

    private static void Run(Binary kernel, float[] a, float[] b, float[] output) => kernel(a, b, output);

    private static void Divide(bool fast, float[] input, int divisor, float[] output)
    {
        if (fast)
        {
            Fast.Merge.Divide(input, divisor, output);
        }
        else
        {
            Ref.Merge.Divide(input, divisor, output);
        }
    }

    private static void CountEqual(bool fast, float[] input, float[] output, float[] count, bool accumulate)
    {
        if (fast)
        {
            Fast.Merge.CountEqual(input, output, count, accumulate);
        }
        else
        {
            Ref.Merge.CountEqual(input, output, count, accumulate);
        }
    }

    private static void RouteToEqual(bool fast, float[] input, float[] output, float[] count, float[] upstream, float[] gradient)
    {
        if (fast)
        {
            Fast.Merge.RouteToEqual(input, output, count, upstream, gradient);
        }
        else
        {
            Ref.Merge.RouteToEqual(input, output, count, upstream, gradient);
        }
    }
}
