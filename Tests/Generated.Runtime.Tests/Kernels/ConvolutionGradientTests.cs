using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Conv2D, Conv2DTranspose and Dense backward passes (both twins) against central finite differences of their
/// forward passes. The loss is <c>sum(output * upstream)</c> with a linear activation, linear in each of input,
/// kernel and bias, so the difference quotient at <see cref="GradientCheck.LinearStep"/> is exact up to the float
/// rounding of the forward outputs (sums of tens of products of order 1: a few 1e-7). Gradients are of order 1,
/// so the floor is 1 and the tolerance 2e-5 leaves a wide margin over the measured worst error.
/// </summary>
public class ConvolutionGradientTests
{
    private static readonly GradientTolerance Tolerance = new(2e-5, 1);

    /// <summary>Padding, stride, dilation, kernel height and width, batch; on a 7x6 input (odd height, even width).</summary>
    public static TheoryData<Padding, int, int, int, int, int, Implementation> Shapes()
    {
        var data = new TheoryData<Padding, int, int, int, int, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(Padding.Valid, 1, 1, 3, 3, 2, implementation);
            data.Add(Padding.Same, 1, 1, 2, 2, 3, implementation); // even kernel: Same pads the odd pixel bottom/right
            data.Add(Padding.Same, 2, 1, 3, 3, 2, implementation); // 7 rows: out 4, pad 1 top 1 bottom; 6 columns: pad 0 left 1 right
            data.Add(Padding.Valid, 2, 2, 2, 2, 3, implementation);
            data.Add(Padding.Same, 3, 2, 1, 1, 2, implementation);
            data.Add(Padding.Same, 2, 1, 4, 4, 1, implementation);
            data.Add(Padding.Same, 1, 2, 3, 2, 1, implementation); // dilated, non-square, asymmetric in width
            data.Add(Padding.Valid, 3, 1, 2, 3, 2, implementation);
        }
        return data;
    }

    /// <summary>Rows, inputs, units.</summary>
    public static TheoryData<int, int, int, Implementation> DenseShapes()
    {
        var data = new TheoryData<int, int, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(1, 1, 1, implementation);
            data.Add(3, 5, 4, implementation);
            data.Add(4, 17, 9, implementation);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Conv2D_backward_matches_finite_differences(Padding padding, int stride, int dilation, int kernelHeight, int kernelWidth, int batch, Implementation implementation) =>
        Conv2D(padding, stride, dilation, kernelHeight, kernelWidth, batch, implementation);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Conv2DTranspose_backward_matches_finite_differences(Padding padding, int stride, int dilation, int kernelHeight, int kernelWidth, int batch, Implementation implementation) =>
        Conv2DTranspose(padding, stride, dilation, kernelHeight, kernelWidth, batch, implementation);

    [Theory]
    [MemberData(nameof(DenseShapes))]
    public void Dense_backward_matches_finite_differences(int rows, int inputs, int units, Implementation implementation) =>
        Dense(rows, inputs, units, implementation);

    [Theory]
    [InlineData(Padding.Same, 2)]
    [InlineData(Padding.Valid, 3)]
    public void Conv2D_by_Winograd_backward_matches_finite_differences(Padding padding, int batch)
    {
        // 16 -> 32 channels, 3x3, stride 1: forward, input gradient (Same) and kernel gradient run Winograd's F(2x2, 3x3)
        // (KernelOptions.Winograd), Valid's input gradient stays on the GEMM. Each output sums 144 products of order 1
        // (above: tens), so the forward outputs' rounding, which the difference quotient divides by its step, is about
        // 5 times larger: 1e-4 (measured worst: 2.0e-5 to 2.7e-5, on the input gradient, which in the Valid case is the GEMM's).
        var g = ConvolutionCases.Conv(6, 8, 16, 32, 3, 3, 1, 1, padding);
        Assert.True(Fast.WinogradConv2D.Suits(g));
        Check("Conv2D", $"Winograd {padding} batch {batch}", g, batch, Fast.Conv2D.Forward, Fast.Conv2D.Backward, new GradientTolerance(1e-4, 1)); // asserts each check
    }

    /// <summary>Every case above, for the report.</summary>
    public static IEnumerable<GradientCheckResult> All()
    {
        foreach (var row in Shapes())
        {
            var (padding, stride, dilation, kernelHeight, kernelWidth, batch, implementation) = ((Padding)row[0], (int)row[1], (int)row[2], (int)row[3], (int)row[4], (int)row[5], (Implementation)row[6]);
            foreach (var result in Conv2D(padding, stride, dilation, kernelHeight, kernelWidth, batch, implementation))
            {
                yield return result;
            }
            foreach (var result in Conv2DTranspose(padding, stride, dilation, kernelHeight, kernelWidth, batch, implementation))
            {
                yield return result;
            }
        }
        foreach (var row in DenseShapes())
        {
            foreach (var result in Dense((int)row[0], (int)row[1], (int)row[2], (Implementation)row[3]))
            {
                yield return result;
            }
        }
    }

    private static GradientCheckResult[] Conv2D(Padding padding, int stride, int dilation, int kernelHeight, int kernelWidth, int batch, Implementation implementation)
    {
        var g = ConvolutionCases.Conv(7, 6, 3, 4, kernelHeight, kernelWidth, stride, dilation, padding);
        var @case = $"{implementation} {padding} stride {stride} dilation {dilation} kernel {kernelHeight}x{kernelWidth} batch {batch}";
        return implementation == Implementation.Fast
            ? Check("Conv2D", @case, g, batch, Fast.Conv2D.Forward, Fast.Conv2D.Backward)
            : Check("Conv2D", @case, g, batch, Ref.Conv2D.Forward, Ref.Conv2D.Backward);
    }

    private static GradientCheckResult[] Conv2DTranspose(Padding padding, int stride, int dilation, int kernelHeight, int kernelWidth, int batch, Implementation implementation)
    {
        var g = ConvolutionCases.Transpose(4, 3, 3, 2, kernelHeight, kernelWidth, stride, dilation, padding);
        var @case = $"{implementation} {padding} stride {stride} dilation {dilation} kernel {kernelHeight}x{kernelWidth} batch {batch}";
        return implementation == Implementation.Fast
            ? Check("Conv2DTranspose", @case, g, batch, Fast.Conv2DTranspose.Forward, Fast.Conv2DTranspose.Backward)
            : Check("Conv2DTranspose", @case, g, batch, Ref.Conv2DTranspose.Forward, Ref.Conv2DTranspose.Backward);
    }

    private static GradientCheckResult[] Dense(int rows, int inputs, int units, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var input = TestData.Uniform(rows * inputs, 1);
        var kernel = TestData.Uniform(inputs * units, 2);
        var bias = TestData.Uniform(units, 3);
        var upstream = TestData.Uniform(rows * units, 4);
        var output = new float[rows * units];
        double Loss()
        {
            if (fast)
            {
                Fast.Dense.Forward(rows, inputs, units, input, kernel, bias, Activation.Linear, output);
            }
            else
            {
                Ref.Dense.Forward(rows, inputs, units, input, kernel, bias, Activation.Linear, output);
            }
            return GradientCheck.Dot(output, upstream);
        }
        var (inputGradient, kernelGradient, biasGradient) = (new float[input.Length], new float[kernel.Length], new float[units]);
        if (fast)
        {
            Fast.Dense.Backward(rows, inputs, units, input, kernel, upstream, inputGradient, kernelGradient, biasGradient);
        }
        else
        {
            Ref.Dense.Backward(rows, inputs, units, input, kernel, upstream, inputGradient, kernelGradient, biasGradient);
        }
        var @case = $"{implementation} rows {rows} inputs {inputs} units {units}";
        return
        [
            GradientCheck.Check("Dense ∂input", @case, input, Loss, GradientCheck.LinearStep, inputGradient, Tolerance),
            GradientCheck.Check("Dense ∂kernel", @case, kernel, Loss, GradientCheck.LinearStep, kernelGradient, Tolerance),
            GradientCheck.Check("Dense ∂bias", @case, bias, Loss, GradientCheck.LinearStep, biasGradient, Tolerance),
        ];
    }

    private delegate void ForwardPass(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output);

    private delegate void BackwardPass(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient);

    private static GradientCheckResult[] Check(string layer, string @case, Conv2DGeometry g, int batch, ForwardPass forward, BackwardPass backward, GradientTolerance? tolerance = null)
    {
        var bound = tolerance ?? Tolerance;
        var input = TestData.Uniform(batch * g.InputSize, 11);
        var kernel = TestData.Uniform(g.KernelSize, 12);
        var bias = TestData.Uniform(g.OutputChannels, 13);
        var upstream = TestData.Uniform(batch * g.OutputSize, 14);
        var output = new float[batch * g.OutputSize];
        double Loss()
        {
            forward(g, batch, input, kernel, bias, Activation.Linear, output);
            return GradientCheck.Dot(output, upstream);
        }
        var (inputGradient, kernelGradient, biasGradient) = (new float[input.Length], new float[kernel.Length], new float[bias.Length]);
        backward(g, batch, input, kernel, upstream, inputGradient, kernelGradient, biasGradient);
        return
        [
            GradientCheck.Check($"{layer} ∂input", @case, input, Loss, GradientCheck.LinearStep, inputGradient, bound),
            GradientCheck.Check($"{layer} ∂kernel", @case, kernel, Loss, GradientCheck.LinearStep, kernelGradient, bound),
            GradientCheck.Check($"{layer} ∂bias", @case, bias, Loss, GradientCheck.LinearStep, biasGradient, bound),
        ];
    }
}
