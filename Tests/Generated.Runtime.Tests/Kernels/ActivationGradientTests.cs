using Generated.Runtime.Tests.Common;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Every activation's backward (both twins) against central finite differences of <c>sum(output * upstream)</c>
/// at <see cref="GradientCheck.SmoothStep"/>. Inputs are kept 0.05 away from zero, the kink of ReLU and LeakyReLU
/// and of ELU's second derivative, so no difference straddles it. Gradients are upstream values in [-1, 1] times
/// derivatives of order 1: the floor is 0.1. The h² truncation of the curved ones stays under 1e-4, hence 5e-4.
/// </summary>
public class ActivationGradientTests
{
    private const float Alpha = 0.2f;
    private static readonly GradientTolerance Tolerance = new(5e-4, 0.1);

    /// <summary>Kind, length, channels (the Softmax group size): 8 groups of 5 and 3 groups of 7.</summary>
    public static TheoryData<Activation, int, int, Implementation> Cases()
    {
        var data = new TheoryData<Activation, int, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        foreach (var kind in Enum.GetValues<Activation>())
        {
            data.Add(kind, 40, 5, implementation);
            data.Add(kind, 21, 7, implementation);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Activation_backward_matches_finite_differences(Activation kind, int length, int channels, Implementation implementation) =>
        Check(kind, length, channels, implementation);

    /// <summary>Every case above, for the report.</summary>
    public static IEnumerable<GradientCheckResult> All() =>
        Cases().Select(row => Check((Activation)row[0], (int)row[1], (int)row[2], (Implementation)row[3]));

    private static GradientCheckResult Check(Activation kind, int length, int channels, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var input = LayerTestData.Uniform(length, seed: 62 + length, scale: 3f).Select(x => x + (x >= 0 ? 0.05f : -0.05f)).ToArray();
        var upstream = LayerTestData.Uniform(length, seed: 63 + length);
        var output = new float[length];
        float[] Forward()
        {
            if (fast)
            {
                Fast.Activations.Forward(kind, Alpha, channels, input, output);
            }
            else
            {
                Ref.Activations.Forward(kind, Alpha, channels, input, output);
            }
            return output;
        }
        var numerical = GradientCheck.Numerical(input, Forward, upstream, GradientCheck.SmoothStep);
        Forward();
        var gradient = new float[length];
        if (fast)
        {
            Fast.Activations.Backward(kind, Alpha, channels, input, output, upstream, gradient);
        }
        else
        {
            Ref.Activations.Backward(kind, Alpha, channels, input, output, upstream, gradient);
        }
        return GradientCheck.Compare($"{kind} ∂input", $"{implementation} length {length} channels {channels}", numerical, gradient, Tolerance);
    }
}
