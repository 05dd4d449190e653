using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Backward passes (both twins) of DepthwiseConv2D, SeparableConv2D, grouped Conv2D, Conv2DTranspose with output
/// padding, Cropping2D, MinPooling2D and UpSampling2D's bed of nails against central finite differences. All but
/// min pooling are linear in each nudged tensor: <see cref="GradientCheck.LinearStep"/>, floor 1 and 2e-5 as for the
/// other convolutions. Min pooling is piecewise linear: <see cref="LayerTestData.Distinct"/> inputs 0.01 apart and a
/// step of 0.004, so a difference never changes which cell wins (tolerance as max pooling's).
/// </summary>
public class ClassicCnnGradientTests
{
    private static readonly GradientTolerance Linear = new(2e-5, 1);
    private static readonly GradientTolerance Routing = new(5e-5, 0.1);

    /// <summary>Channels, multiplier, kernel, row stride, column stride, dilation, padding, batch.</summary>
    public static TheoryData<int, int, int, int, int, int, Padding, int, Implementation> DepthwiseCases()
    {
        var data = new TheoryData<int, int, int, int, int, int, Padding, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(3, 1, 3, 1, 1, 1, Padding.Same, 2, implementation);
            data.Add(5, 2, 3, 2, 2, 1, Padding.Same, 1, implementation); // MobileNet's stride-2 block, multiplier 2
            data.Add(17, 1, 2, 2, 1, 1, Padding.Valid, 2, implementation); // rectangular strides, 17 channels: vector tails
            data.Add(2, 3, 3, 1, 1, 2, Padding.Same, 1, implementation); // dilated
        }
        return data;
    }

    /// <summary>Input channels, filters, groups, kernel, stride, padding, batch.</summary>
    public static TheoryData<int, int, int, int, int, Padding, int, Implementation> GroupedCases()
    {
        var data = new TheoryData<int, int, int, int, int, Padding, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(4, 6, 2, 3, 1, Padding.Same, 2, implementation);
            data.Add(6, 3, 3, 2, 2, Padding.Valid, 1, implementation); // one filter per group
            data.Add(8, 8, 8, 3, 1, Padding.Same, 1, implementation); // groups = channels: depthwise as a grouped convolution
        }
        return data;
    }

    /// <summary>Kernel, stride, padding, output padding.</summary>
    public static TheoryData<int, int, Padding, int, Implementation> OutputPaddingCases()
    {
        var data = new TheoryData<int, int, Padding, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(3, 2, Padding.Same, 1, implementation);
            data.Add(3, 2, Padding.Same, 0, implementation);
            data.Add(4, 2, Padding.Same, 1, implementation);
            data.Add(3, 3, Padding.Valid, 2, implementation);
            data.Add(1, 2, Padding.Same, 1, implementation);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DepthwiseCases))]
    public void DepthwiseConv2D_backward_matches_finite_differences(int channels, int multiplier, int kernel, int strideHeight, int strideWidth, int dilation, Padding padding, int batch, Implementation implementation) =>
        Depthwise(channels, multiplier, kernel, strideHeight, strideWidth, dilation, padding, batch, implementation);

    [Theory]
    [MemberData(nameof(DepthwiseCases))]
    public void SeparableConv2D_backward_matches_finite_differences(int channels, int multiplier, int kernel, int strideHeight, int strideWidth, int dilation, Padding padding, int batch, Implementation implementation) =>
        Separable(channels, multiplier, kernel, strideHeight == strideWidth && dilation == 1 ? strideHeight : 1, padding, batch, implementation);

    [Theory]
    [MemberData(nameof(GroupedCases))]
    public void Grouped_Conv2D_backward_matches_finite_differences(int inputChannels, int filters, int groups, int kernel, int stride, Padding padding, int batch, Implementation implementation) =>
        Grouped(inputChannels, filters, groups, kernel, stride, padding, batch, implementation);

    [Theory]
    [MemberData(nameof(OutputPaddingCases))]
    public void Conv2DTranspose_with_output_padding_backward_matches_finite_differences(int kernel, int stride, Padding padding, int outputPadding, Implementation implementation) =>
        OutputPadding(kernel, stride, padding, outputPadding, implementation);

    [Theory]
    [InlineData(Implementation.Fast)]
    [InlineData(Implementation.Reference)]
    public void Cropping_min_pooling_and_bed_of_nails_backward_match_finite_differences(Implementation implementation)
    {
        Assert.NotEmpty(Cropping(implementation));
        Assert.NotEmpty(MinPooling(implementation));
        Assert.NotEmpty(BedOfNails(implementation));
    }

    /// <summary>Every case above, for the report.</summary>
    public static IEnumerable<GradientCheckResult> All()
    {
        foreach (var row in DepthwiseCases())
        {
            var (c, m, k, sh, sw, d, p, b, i) = ((int)row[0], (int)row[1], (int)row[2], (int)row[3], (int)row[4], (int)row[5], (Padding)row[6], (int)row[7], (Implementation)row[8]);
            foreach (var result in Depthwise(c, m, k, sh, sw, d, p, b, i).Concat(Separable(c, m, k, sh == sw && d == 1 ? sh : 1, p, b, i)))
            {
                yield return result;
            }
        }
        foreach (var row in GroupedCases())
        {
            foreach (var result in Grouped((int)row[0], (int)row[1], (int)row[2], (int)row[3], (int)row[4], (Padding)row[5], (int)row[6], (Implementation)row[7]))
            {
                yield return result;
            }
        }
        foreach (var row in OutputPaddingCases())
        {
            foreach (var result in OutputPadding((int)row[0], (int)row[1], (Padding)row[2], (int)row[3], (Implementation)row[4]))
            {
                yield return result;
            }
        }
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            foreach (var result in Cropping(implementation).Concat(MinPooling(implementation)).Concat(BedOfNails(implementation)))
            {
                yield return result;
            }
        }
    }

    private static GradientCheckResult[] Depthwise(int channels, int multiplier, int kernel, int strideHeight, int strideWidth, int dilation, Padding padding, int batch, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var g = ClassicCnnCases.Depthwise(7, 6, channels, multiplier, kernel, strideHeight, strideWidth, dilation, padding);
        var input = TestData.Uniform(batch * g.InputSize, 21);
        var weights = TestData.Uniform(g.KernelSize, 22);
        var bias = TestData.Uniform(g.OutputChannels, 23);
        var upstream = TestData.Uniform(batch * g.OutputSize, 24);
        var output = new float[upstream.Length];
        double Loss()
        {
            if (fast)
            {
                Fast.DepthwiseConv2D.Forward(g, batch, input, weights, bias, Activation.Linear, output);
            }
            else
            {
                Ref.DepthwiseConv2D.Forward(g, batch, input, weights, bias, Activation.Linear, output);
            }
            return GradientCheck.Dot(output, upstream);
        }
        var (inputGradient, kernelGradient, biasGradient) = (new float[input.Length], new float[weights.Length], new float[bias.Length]);
        if (fast)
        {
            Fast.DepthwiseConv2D.Backward(g, batch, input, weights, upstream, inputGradient, kernelGradient, biasGradient);
        }
        else
        {
            Ref.DepthwiseConv2D.Backward(g, batch, input, weights, upstream, inputGradient, kernelGradient, biasGradient);
        }
        var @case = $"{implementation} {padding} {channels} channels x{multiplier} kernel {kernel} stride {strideHeight}x{strideWidth} dilation {dilation} batch {batch}";
        return
        [
            GradientCheck.Check("DepthwiseConv2D ∂input", @case, input, Loss, GradientCheck.LinearStep, inputGradient, Linear),
            GradientCheck.Check("DepthwiseConv2D ∂depthwise_kernel", @case, weights, Loss, GradientCheck.LinearStep, kernelGradient, Linear),
            GradientCheck.Check("DepthwiseConv2D ∂bias", @case, bias, Loss, GradientCheck.LinearStep, biasGradient, Linear),
        ];
    }

    private static GradientCheckResult[] Separable(int channels, int multiplier, int kernel, int stride, Padding padding, int batch, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var g = ClassicCnnCases.Separable(7, 6, channels, multiplier, 4, kernel, stride, padding);
        var input = TestData.Uniform(batch * g.InputSize, 31);
        var depthwise = TestData.Uniform(g.Depthwise.KernelSize, 32);
        var pointwise = TestData.Uniform(g.Pointwise.KernelSize, 33);
        var bias = TestData.Uniform(g.Filters, 34);
        var upstream = TestData.Uniform(batch * g.Pointwise.OutputSize, 35);
        var output = new float[upstream.Length];
        var step = new float[batch * g.DepthwiseSize];
        double Loss()
        {
            if (fast)
            {
                Fast.SeparableConv2D.Forward(g, batch, input, depthwise, pointwise, bias, Activation.Linear, step, output);
            }
            else
            {
                Ref.SeparableConv2D.Forward(g, batch, input, depthwise, pointwise, bias, Activation.Linear, step, output);
            }
            return GradientCheck.Dot(output, upstream);
        }
        Loss();
        var (inputGradient, depthwiseGradient, pointwiseGradient, biasGradient) = (new float[input.Length], new float[depthwise.Length], new float[pointwise.Length], new float[bias.Length]);
        if (fast)
        {
            Fast.SeparableConv2D.Backward(g, batch, input, depthwise, pointwise, step, upstream, inputGradient, depthwiseGradient, pointwiseGradient, biasGradient);
        }
        else
        {
            Ref.SeparableConv2D.Backward(g, batch, input, depthwise, pointwise, step, upstream, inputGradient, depthwiseGradient, pointwiseGradient, biasGradient);
        }
        var @case = $"{implementation} {padding} {channels} channels x{multiplier} kernel {kernel} stride {stride} batch {batch}";
        return
        [
            GradientCheck.Check("SeparableConv2D ∂input", @case, input, Loss, GradientCheck.LinearStep, inputGradient, Linear),
            GradientCheck.Check("SeparableConv2D ∂depthwise_kernel", @case, depthwise, Loss, GradientCheck.LinearStep, depthwiseGradient, Linear),
            GradientCheck.Check("SeparableConv2D ∂pointwise_kernel", @case, pointwise, Loss, GradientCheck.LinearStep, pointwiseGradient, Linear),
            GradientCheck.Check("SeparableConv2D ∂bias", @case, bias, Loss, GradientCheck.LinearStep, biasGradient, Linear),
        ];
    }

    private static GradientCheckResult[] Grouped(int inputChannels, int filters, int groups, int kernel, int stride, Padding padding, int batch, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var g = ConvolutionCases.Conv(7, 6, inputChannels, filters, kernel, kernel, stride, 1, padding);
        var input = TestData.Uniform(batch * g.InputSize, 41);
        var weights = TestData.Uniform(g.KernelSize / groups, 42);
        var bias = TestData.Uniform(filters, 43);
        var upstream = TestData.Uniform(batch * g.OutputSize, 44);
        var output = new float[upstream.Length];
        double Loss()
        {
            if (fast)
            {
                Fast.GroupedConv2D.Forward(g, groups, batch, input, weights, bias, Activation.Linear, output);
            }
            else
            {
                Ref.GroupedConv2D.Forward(g, groups, batch, input, weights, bias, Activation.Linear, output);
            }
            return GradientCheck.Dot(output, upstream);
        }
        var (inputGradient, kernelGradient, biasGradient) = (new float[input.Length], new float[weights.Length], new float[bias.Length]);
        if (fast)
        {
            Fast.GroupedConv2D.Backward(g, groups, batch, input, weights, upstream, inputGradient, kernelGradient, biasGradient);
        }
        else
        {
            Ref.GroupedConv2D.Backward(g, groups, batch, input, weights, upstream, inputGradient, kernelGradient, biasGradient);
        }
        var @case = $"{implementation} {padding} {inputChannels}->{filters} groups {groups} kernel {kernel} stride {stride} batch {batch}";
        return
        [
            GradientCheck.Check("Conv2D groups ∂input", @case, input, Loss, GradientCheck.LinearStep, inputGradient, Linear),
            GradientCheck.Check("Conv2D groups ∂kernel", @case, weights, Loss, GradientCheck.LinearStep, kernelGradient, Linear),
            GradientCheck.Check("Conv2D groups ∂bias", @case, bias, Loss, GradientCheck.LinearStep, biasGradient, Linear),
        ];
    }

    private static GradientCheckResult[] OutputPadding(int kernel, int stride, Padding padding, int outputPadding, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var g = ClassicCnnCases.TransposeWithOutputPadding(4, 3, 3, 2, kernel, stride, padding, outputPadding);
        var input = TestData.Uniform(g.InputSize, 51);
        var weights = TestData.Uniform(g.KernelSize, 52);
        var bias = TestData.Uniform(g.OutputChannels, 53);
        var upstream = TestData.Uniform(g.OutputSize, 54);
        var output = new float[upstream.Length];
        double Loss()
        {
            if (fast)
            {
                Fast.Conv2DTranspose.Forward(g, 1, input, weights, bias, Activation.Linear, output);
            }
            else
            {
                Ref.Conv2DTranspose.Forward(g, 1, input, weights, bias, Activation.Linear, output);
            }
            return GradientCheck.Dot(output, upstream);
        }
        var (inputGradient, kernelGradient, biasGradient) = (new float[input.Length], new float[weights.Length], new float[bias.Length]);
        if (fast)
        {
            Fast.Conv2DTranspose.Backward(g, 1, input, weights, upstream, inputGradient, kernelGradient, biasGradient);
        }
        else
        {
            Ref.Conv2DTranspose.Backward(g, 1, input, weights, upstream, inputGradient, kernelGradient, biasGradient);
        }
        var @case = $"{implementation} {padding} kernel {kernel} stride {stride} output padding {outputPadding}";
        return
        [
            GradientCheck.Check("Conv2DTranspose output padding ∂input", @case, input, Loss, GradientCheck.LinearStep, inputGradient, Linear),
            GradientCheck.Check("Conv2DTranspose output padding ∂kernel", @case, weights, Loss, GradientCheck.LinearStep, kernelGradient, Linear),
        ];
    }

    private static GradientCheckResult[] Cropping(Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var g = new Cropping2DGeometry(6, 7, 3, 1, 2, 0, 3);
        const int batch = 2;
        var input = TestData.Uniform(batch * g.InputSize, 61);
        var upstream = TestData.Uniform(batch * g.OutputSize, 62);
        var output = new float[upstream.Length];
        float[] Forward()
        {
            if (fast)
            {
                Fast.Cropping2D.Forward(g, batch, input, output);
            }
            else
            {
                Ref.Cropping2D.Forward(g, batch, input, output);
            }
            return output;
        }
        var gradient = new float[input.Length];
        if (fast)
        {
            Fast.Cropping2D.Backward(g, batch, upstream, gradient);
        }
        else
        {
            Ref.Cropping2D.Backward(g, batch, upstream, gradient);
        }
        var numerical = GradientCheck.Numerical(input, Forward, upstream, GradientCheck.LinearStep);
        return [GradientCheck.Compare("Cropping2D ∂input", $"{implementation} 6x7x3 crop 1,2,0,3 batch 2", numerical, gradient, Linear)];
    }

    private static GradientCheckResult[] MinPooling(Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var results = new List<GradientCheckResult>();
        foreach (var (pool, stride, padding, channels) in new[] { (2, 2, Padding.Valid, 3), (3, 2, Padding.Same, 17), (3, 1, Padding.Same, 2) })
        {
            var g = LayerTestData.Pool(5, 6, channels, pool, stride, padding);
            const int batch = 2;
            var input = LayerTestData.Distinct(batch * g.InputSize, seed: 63);
            var upstream = TestData.Uniform(batch * g.OutputSize, 64);
            var output = new float[upstream.Length];
            float[] Forward()
            {
                if (fast)
                {
                    Fast.MinPool2D.Forward(g, batch, input, output);
                }
                else
                {
                    Ref.MinPool2D.Forward(g, batch, input, output);
                }
                return output;
            }
            var numerical = GradientCheck.Numerical(input, Forward, upstream, 0.004f);
            Forward();
            var gradient = new float[input.Length];
            if (fast)
            {
                Fast.MinPool2D.Backward(g, batch, input, output, upstream, gradient);
            }
            else
            {
                Ref.MinPool2D.Backward(g, batch, input, output, upstream, gradient);
            }
            results.Add(GradientCheck.Compare("MinPool2D ∂input", $"{implementation} 5x6x{channels} pool {pool} stride {stride} {padding}", numerical, gradient, Routing));
        }
        return results.ToArray();
    }

    private static GradientCheckResult[] BedOfNails(Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var g = new UpSampling2DGeometry(3, 4, 5, 2, 3);
        const int batch = 2;
        var input = TestData.Uniform(batch * g.InputSize, 65);
        var upstream = TestData.Uniform(batch * g.OutputSize, 66);
        var output = new float[upstream.Length];
        float[] Forward()
        {
            if (fast)
            {
                Fast.UpSampling2D.Forward(g, Interpolation.BedOfNails, batch, input, output);
            }
            else
            {
                Ref.UpSampling2D.Forward(g, Interpolation.BedOfNails, batch, input, output);
            }
            return output;
        }
        var numerical = GradientCheck.Numerical(input, Forward, upstream, GradientCheck.LinearStep);
        var gradient = new float[input.Length];
        if (fast)
        {
            Fast.UpSampling2D.Backward(g, Interpolation.BedOfNails, batch, upstream, gradient);
        }
        else
        {
            Ref.UpSampling2D.Backward(g, Interpolation.BedOfNails, batch, upstream, gradient);
        }
        return [GradientCheck.Compare("UpSampling2D BedOfNails ∂input", $"{implementation} 3x4x5 size 2x3 batch 2", numerical, gradient, Linear)];
    }
}
