using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The backward passes that also apply the derivative of the ReLU that produced their input
/// (<c>MaxPool2D.BackwardThroughRelu</c>, <c>Conv2D.BackwardThroughRelu</c>), which the generator calls instead of
/// the plain backward followed by <c>Activations.Backward(Relu)</c>. Each is checked three ways: bit for bit against
/// that two-pass composition (what generated code did before), against its scalar twin, and against central finite
/// differences of <c>sum(layer(relu(pre)) * upstream)</c> with respect to <c>pre</c>.
/// </summary>
public class ReluFusedBackwardTests
{
    // Max pooling: pre-activations 0.01 apart and at least 0.005 from the ReLU's kink, step 1e-3: no difference changes
    // which cell wins or which side of zero a value is on, so the quotient is exact up to rounding (see PoolingGradientTests).
    private const float PoolStep = 1e-3f;
    private static readonly GradientTolerance PoolTolerance = new(5e-5, 0.1);

    // Convolution: pre-activations at least 0.3 from zero, step 0.25: the ReLU never changes side, the loss is linear in
    // each nudged value and the quotient exact up to float rounding (see ConvolutionGradientTests).
    private static readonly GradientTolerance ConvolutionTolerance = new(2e-5, 1);

    /// <summary>Height, width, channels, pool, stride, padding, batch: tiling windows (stored), gaps and overlaps (added), vector tails.</summary>
    public static TheoryData<int, int, int, int, int, Padding, int> PoolShapes() => new()
    {
        { 8, 8, 16, 2, 2, Padding.Valid, 2 },  // tiles exactly: every cell stored once
        { 7, 5, 9, 2, 2, Padding.Same, 3 },    // tiles with clipped edge windows; one vector plus a tail of channels
        { 11, 11, 12, 2, 2, Padding.Valid, 2 }, // the last row and column belong to no window (MNIST's 11 -> 5)
        { 6, 7, 5, 3, 1, Padding.Valid, 1 },   // overlapping windows
        { 5, 6, 3, 3, 2, Padding.Same, 2 },
        { 4, 4, 1, 2, 2, Padding.Valid, 1 },
    };

    /// <summary>Height, width, input channels, filters, kernel, stride, padding, batch: the col2im path (strided, or many channels), the pixel-lane path (few channels), the 1x1 product.</summary>
    public static TheoryData<int, int, int, int, int, int, Padding, int> ConvolutionShapes() => new()
    {
        { 7, 6, 3, 4, 3, 2, Padding.Same, 2 },
        { 6, 6, 9, 40, 3, 1, Padding.Same, 3 },
        { 5, 7, 33, 48, 3, 1, Padding.Same, 2 },
        { 6, 5, 5, 3, 3, 1, Padding.Valid, 2 },
        { 4, 5, 17, 8, 1, 1, Padding.Valid, 2 },
        { 9, 8, 64, 64, 3, 1, Padding.Same, 2 },
    };

    /// <summary><see cref="ConvolutionShapes"/> small enough for finite differences through the scalar forward pass (one path each).</summary>
    public static TheoryData<int, int, int, int, int, int, Padding, int> SmallConvolutionShapes() => new()
    {
        { 7, 6, 3, 4, 3, 2, Padding.Same, 2 },
        { 6, 6, 9, 40, 3, 1, Padding.Same, 2 },
        { 6, 5, 5, 3, 3, 1, Padding.Valid, 2 },
        { 4, 5, 17, 8, 1, 1, Padding.Valid, 2 },
    };

    [Theory]
    [MemberData(nameof(PoolShapes))]
    public void MaxPool_through_relu_equals_backward_then_relu_and_its_twin(int height, int width, int channels, int pool, int stride, Padding padding, int batch)
    {
        var g = LayerTestData.Pool(height, width, channels, pool, stride, padding);
        var input = Relu(LayerTestData.Uniform(batch * g.InputSize, seed: 21));
        var output = new float[batch * g.OutputSize];
        Fast.MaxPool2D.Forward(g, batch, input, output);
        var upstream = LayerTestData.Uniform(output.Length, seed: 22);

        var twoPasses = new float[input.Length];
        Fast.MaxPool2D.Backward(g, batch, input, output, upstream, twoPasses);
        Activations.Backward(Activation.Relu, 0f, channels, ReadOnlySpan<float>.Empty, input, twoPasses, twoPasses);
        var fused = LayerTestData.Uniform(input.Length, seed: 23); // overwritten, whatever was there
        Fast.MaxPool2D.BackwardThroughRelu(g, batch, input, output, upstream, fused);
        LayerTestData.AssertEqual(twoPasses, fused, "fused vs two passes");

        var reference = new float[input.Length];
        Ref.MaxPool2D.BackwardThroughRelu(g, batch, input, output, upstream, reference);
        LayerTestData.AssertEqual(reference, fused, "fast vs reference");
    }

    [Theory]
    [MemberData(nameof(PoolShapes))]
    public void MaxPool_through_relu_matches_finite_differences(int height, int width, int channels, int pool, int stride, Padding padding, int batch)
    {
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            MaxPoolThroughRelu(height, width, channels, pool, stride, padding, batch, implementation);
        }
    }

    /// <summary>Every finite-difference case of this class, for <see cref="GradientCheckReport"/>.</summary>
    public static IEnumerable<GradientCheckResult> All()
    {
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            foreach (var row in PoolShapes())
            {
                yield return MaxPoolThroughRelu((int)row[0], (int)row[1], (int)row[2], (int)row[3], (int)row[4], (Padding)row[5], (int)row[6], implementation);
            }
            foreach (var row in SmallConvolutionShapes())
            {
                yield return Conv2DThroughRelu((int)row[0], (int)row[1], (int)row[2], (int)row[3], (int)row[4], (int)row[5], (Padding)row[6], (int)row[7], implementation);
            }
        }
    }

    private static GradientCheckResult MaxPoolThroughRelu(int height, int width, int channels, int pool, int stride, Padding padding, int batch, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var g = LayerTestData.Pool(height, width, channels, pool, stride, padding);
        var pre = LayerTestData.Distinct(batch * g.InputSize, seed: 24);
        for (var i = 0; i < pre.Length; i++)
        {
            pre[i] += 0.005f; // no value at the kink
        }
        var upstream = LayerTestData.Uniform(batch * g.OutputSize, seed: 25);
        var output = new float[batch * g.OutputSize];
        float[] Forward()
        {
            Fast.MaxPool2D.Forward(g, batch, Relu(pre), output);
            return output;
        }
        var numerical = GradientCheck.Numerical(pre, Forward, upstream, PoolStep);
        var input = Relu(pre);
        Forward();
        var gradient = new float[pre.Length];
        if (fast)
        {
            Fast.MaxPool2D.BackwardThroughRelu(g, batch, input, output, upstream, gradient);
        }
        else
        {
            Ref.MaxPool2D.BackwardThroughRelu(g, batch, input, output, upstream, gradient);
        }
        return GradientCheck.Compare("MaxPool2D through ReLU ∂pre", $"{implementation} {height}x{width}x{channels} pool {pool} stride {stride} {padding} batch {batch}",
            numerical, gradient, PoolTolerance);
    }

    [Theory]
    [MemberData(nameof(ConvolutionShapes))]
    public void Conv2D_through_relu_equals_backward_then_relu_and_its_twin(int height, int width, int inputChannels, int filters, int kernel, int stride, Padding padding, int batch)
    {
        var g = ConvolutionCases.Conv(height, width, inputChannels, filters, kernel, kernel, stride, 1, padding);
        var input = Relu(TestData.Uniform(batch * g.InputSize, 31));
        var weights = TestData.Uniform(g.KernelSize, 32);
        var outputGradient = TestData.Uniform(batch * g.OutputSize, 33);

        var (twoPasses, twoPassKernel, twoPassBias) = (new float[input.Length], new float[g.KernelSize], new float[filters]);
        Fast.Conv2D.Backward(g, batch, input, weights, outputGradient, twoPasses, twoPassKernel, twoPassBias);
        Activations.Backward(Activation.Relu, 0f, inputChannels, ReadOnlySpan<float>.Empty, input, twoPasses, twoPasses);
        var (fused, fusedKernel, fusedBias) = (new float[input.Length], new float[g.KernelSize], new float[filters]);
        fused.AsSpan().Fill(float.NaN); // every value must be written
        Fast.Conv2D.BackwardThroughRelu(g, batch, input, weights, outputGradient, fused, fusedKernel, fusedBias);
        LayerTestData.AssertEqual(twoPasses, fused, "input gradient, fused vs two passes");
        // With several threads the kernel gradient's partial sums depend on which thread took which chunk: close, not equal.
        NumericAssert.Close(twoPassKernel, fusedKernel, 1e-5, "kernel gradient, fused vs plain");
        NumericAssert.Close(twoPassBias, fusedBias, 1e-5, "bias gradient, fused vs plain");

        var (reference, referenceKernel, referenceBias) = (new float[input.Length], new float[g.KernelSize], new float[filters]);
        Ref.Conv2D.BackwardThroughRelu(g, batch, input, weights, outputGradient, reference, referenceKernel, referenceBias);
        NumericAssert.Close(reference, fused, 1e-4, "input gradient, fast vs reference");
        NumericAssert.Close(referenceKernel, fusedKernel, 1e-4, "kernel gradient, fast vs reference");
        NumericAssert.Close(referenceBias, fusedBias, 1e-4, "bias gradient, fast vs reference");
    }

    [Theory]
    [MemberData(nameof(SmallConvolutionShapes))]
    public void Conv2D_through_relu_matches_finite_differences(int height, int width, int inputChannels, int filters, int kernel, int stride, Padding padding, int batch)
    {
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            Conv2DThroughRelu(height, width, inputChannels, filters, kernel, stride, padding, batch, implementation);
        }
    }

    private static GradientCheckResult Conv2DThroughRelu(int height, int width, int inputChannels, int filters, int kernel, int stride, Padding padding, int batch, Implementation implementation)
    {
        var g = ConvolutionCases.Conv(height, width, inputChannels, filters, kernel, kernel, stride, 1, padding);
        var pre = TestData.Uniform(batch * g.InputSize, 34);
        for (var i = 0; i < pre.Length; i++)
        {
            pre[i] = MathF.CopySign(0.3f + 0.7f * MathF.Abs(pre[i]), pre[i]); // at least 0.3 from the kink
        }
        var weights = TestData.Uniform(g.KernelSize, 35);
        var upstream = TestData.Uniform(batch * g.OutputSize, 36);
        var output = new float[batch * g.OutputSize];
        float[] Forward()
        {
            Ref.Conv2D.Forward(g, batch, Relu(pre), weights, [], Activation.Linear, output);
            return output;
        }
        var numerical = GradientCheck.Numerical(pre, Forward, upstream, GradientCheck.LinearStep);
        var gradient = new float[pre.Length];
        var input = Relu(pre);
        if (implementation == Implementation.Fast)
        {
            Fast.Conv2D.BackwardThroughRelu(g, batch, input, weights, upstream, gradient, new float[g.KernelSize], []);
        }
        else
        {
            Ref.Conv2D.BackwardThroughRelu(g, batch, input, weights, upstream, gradient, new float[g.KernelSize], []);
        }
        return GradientCheck.Compare("Conv2D through ReLU ∂pre", $"{implementation} {height}x{width}x{inputChannels} -> {filters} kernel {kernel} stride {stride} {padding} batch {batch}",
            numerical, gradient, ConvolutionTolerance);
    }

    [Fact]
    public void Empty_input_gradient_skips_the_work_and_bad_lengths_name_the_expected_size()
    {
        var pool = LayerTestData.Pool(4, 4, 2, 2, 2, Padding.Valid);
        Fast.MaxPool2D.BackwardThroughRelu(pool, 1, new float[32], new float[8], new float[8], []);
        var error = Assert.Throws<ArgumentException>(() => Fast.MaxPool2D.BackwardThroughRelu(pool, 1, new float[32], new float[8], new float[8], new float[31]));
        Assert.Equal("inputGradient", error.ParamName);
        Assert.Contains("32", error.Message);

        var g = ConvolutionCases.Conv(5, 5, 2, 3, 3, 3, 1, 1, Padding.Valid);
        var kernelGradient = new float[54];
        Fast.Conv2D.BackwardThroughRelu(g, 1, TestData.Uniform(50, 1), TestData.Uniform(54, 2), TestData.Uniform(27, 3), [], kernelGradient, []);
        Assert.Contains(kernelGradient, value => value != 0);
        error = Assert.Throws<ArgumentException>(() => Fast.Conv2D.BackwardThroughRelu(g, 1, new float[50], new float[54], new float[27], new float[49], new float[54], []));
        Assert.Equal("inputGradient", error.ParamName);
        Assert.Contains("50", error.Message);
    }

    private static float[] Relu(float[] values) => values.Select(v => MathF.Max(v, 0f)).ToArray();
}
