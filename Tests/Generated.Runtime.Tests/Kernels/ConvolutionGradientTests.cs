using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The reference backward passes against central finite differences of their forward passes. The loss
/// is <c>sum(output * weights)</c> in double with a linear activation, so it is linear in each of input,
/// kernel and bias: the difference quotient is exact up to the float rounding of the forward outputs,
/// and the analytic gradient, given <c>outputGradient = weights</c>, must match to about 1e-5.
/// </summary>
public class ConvolutionGradientTests
{
    private const double Tolerance = 2e-5;
    private const float Step = 0.25f;

    public static IEnumerable<object[]> Shapes() =>
    [
        [Padding.Valid, 1, 1, 3, 2],
        [Padding.Same, 1, 1, 2, 3],
        [Padding.Same, 2, 1, 3, 2],
        [Padding.Valid, 2, 2, 2, 3],
        [Padding.Same, 3, 2, 1, 2],
        [Padding.Same, 2, 1, 4, 1], // even kernel: Same pads the odd pixel bottom/right
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Conv2D_backward_matches_finite_differences(Padding padding, int stride, int dilation, int kernel, int batch)
    {
        var g = ConvolutionCases.Conv(7, 6, 3, 4, kernel, kernel, stride, dilation, padding);
        Check(g, batch, Reference.Conv2D.Forward, Reference.Conv2D.Backward);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Conv2DTranspose_backward_matches_finite_differences(Padding padding, int stride, int dilation, int kernel, int batch)
    {
        var g = ConvolutionCases.Transpose(4, 3, 3, 2, kernel, kernel, stride, dilation, padding);
        Check(g, batch, Reference.Conv2DTranspose.Forward, Reference.Conv2DTranspose.Backward);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 4)]
    [InlineData(4, 17, 9)]
    public void Dense_backward_matches_finite_differences(int rows, int inputs, int units)
    {
        var input = TestData.Uniform(rows * inputs, 1);
        var kernel = TestData.Uniform(inputs * units, 2);
        var bias = TestData.Uniform(units, 3);
        var weights = TestData.Uniform(rows * units, 4);
        var output = new float[rows * units];
        double Loss()
        {
            Reference.Dense.Forward(rows, inputs, units, input, kernel, bias, Activation.Linear, output);
            return FiniteDifferences.Dot(output, weights);
        }
        var (inputGradient, kernelGradient, biasGradient) = (new float[input.Length], new float[kernel.Length], new float[units]);
        Reference.Dense.Backward(rows, inputs, units, input, kernel, weights, inputGradient, kernelGradient, biasGradient);
        NumericAssert.Close(FiniteDifferences.Gradient(input, Loss, Step), inputGradient, Tolerance, "input gradient");
        NumericAssert.Close(FiniteDifferences.Gradient(kernel, Loss, Step), kernelGradient, Tolerance, "kernel gradient");
        NumericAssert.Close(FiniteDifferences.Gradient(bias, Loss, Step), biasGradient, Tolerance, "bias gradient");
    }

    private delegate void ForwardPass(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output);

    private delegate void BackwardPass(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> kernelGradient, Span<float> biasGradient);

    private static void Check(Conv2DGeometry g, int batch, ForwardPass forward, BackwardPass backward)
    {
        var input = TestData.Uniform(batch * g.InputSize, 11);
        var kernel = TestData.Uniform(g.KernelSize, 12);
        var bias = TestData.Uniform(g.OutputChannels, 13);
        var weights = TestData.Uniform(batch * g.OutputSize, 14);
        var output = new float[batch * g.OutputSize];
        double Loss()
        {
            forward(g, batch, input, kernel, bias, Activation.Linear, output);
            return FiniteDifferences.Dot(output, weights);
        }
        var (inputGradient, kernelGradient, biasGradient) = (new float[input.Length], new float[kernel.Length], new float[bias.Length]);
        backward(g, batch, input, kernel, weights, inputGradient, kernelGradient, biasGradient);
        NumericAssert.Close(FiniteDifferences.Gradient(input, Loss, Step), inputGradient, Tolerance, "input gradient");
        NumericAssert.Close(FiniteDifferences.Gradient(kernel, Loss, Step), kernelGradient, Tolerance, "kernel gradient");
        NumericAssert.Close(FiniteDifferences.Gradient(bias, Loss, Step), biasGradient, Tolerance, "bias gradient");
    }
}
