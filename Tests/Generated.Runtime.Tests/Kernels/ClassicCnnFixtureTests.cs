using Generated.IO;
using Generated.Kernels;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// DepthwiseConv2D, SeparableConv2D, grouped Conv2D, Conv2DTranspose with output padding, Cropping2D, MinPooling2D and the
/// bed of nails (both twins) against PyTorch through Keras' semantics: forward values and every gradient, on the fixture
/// written by Tests/Fixtures/scripts/make_classic_cnn_fixtures.py (shapes below are the script's).
/// </summary>
public class ClassicCnnFixtureTests
{
    private const double Absolute = 1e-5, Relative = 1e-4;
    private const int Batch = 2;

    private static readonly SafeTensorsContent Fixture =
        SafeTensors.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "layers", "classic_cnn.safetensors"));

    [Theory]
    [InlineData(1, 3, 1, 1, 1, Padding.Same)]
    [InlineData(2, 3, 2, 2, 1, Padding.Same)]
    [InlineData(1, 2, 2, 1, 1, Padding.Valid)]
    [InlineData(1, 3, 1, 1, 2, Padding.Same)]
    public void Depthwise_matches_pytorch(int multiplier, int kernel, int strideHeight, int strideWidth, int dilation, Padding padding)
    {
        var name = $"depthwise_m{multiplier}_k{kernel}_s{strideHeight}x{strideWidth}_d{dilation}_{padding.ToString().ToLowerInvariant()}";
        var g = ClassicCnnCases.Depthwise(7, 6, 5, multiplier, kernel, strideHeight, strideWidth, dilation, padding);
        var (input, weights, bias, upstream) = (Get(name, "input"), Get(name, "depthwise_kernel"), Get(name, "bias"), Get(name, "grad_output"));
        foreach (var reference in new[] { false, true })
        {
            var output = new float[Batch * g.OutputSize];
            var (dx, dw, db) = (new float[input.Length], new float[weights.Length], new float[bias.Length]);
            if (reference)
            {
                Ref.DepthwiseConv2D.Forward(g, Batch, input, weights, bias, Activation.Linear, output);
                Ref.DepthwiseConv2D.Backward(g, Batch, input, weights, upstream, dx, dw, db);
            }
            else
            {
                Fast.DepthwiseConv2D.Forward(g, Batch, input, weights, bias, Activation.Linear, output);
                Fast.DepthwiseConv2D.Backward(g, Batch, input, weights, upstream, dx, dw, db);
            }
            Compare(name, reference, ("output", output), ("grad_input", dx), ("grad_depthwise_kernel", dw), ("grad_bias", db));
        }
    }

    [Theory]
    [InlineData(5, 1, 4, 3, 1)]
    [InlineData(3, 2, 6, 3, 2)]
    public void Separable_matches_pytorch(int channels, int multiplier, int filters, int kernel, int stride)
    {
        var name = $"separable_c{channels}_m{multiplier}_f{filters}_k{kernel}_s{stride}";
        var g = ClassicCnnCases.Separable(7, 6, channels, multiplier, filters, kernel, stride, Padding.Same);
        var (input, depthwise, pointwise, bias, upstream) = (Get(name, "input"), Get(name, "depthwise_kernel"), Get(name, "pointwise_kernel"), Get(name, "bias"), Get(name, "grad_output"));
        foreach (var reference in new[] { false, true })
        {
            var (output, step) = (new float[Batch * g.OutputSize], new float[Batch * g.DepthwiseSize]);
            var (dx, ddw, dpw, db) = (new float[input.Length], new float[depthwise.Length], new float[pointwise.Length], new float[bias.Length]);
            if (reference)
            {
                Ref.SeparableConv2D.Forward(g, Batch, input, depthwise, pointwise, bias, Activation.Linear, step, output);
                Ref.SeparableConv2D.Backward(g, Batch, input, depthwise, pointwise, step, upstream, dx, ddw, dpw, db);
            }
            else
            {
                Fast.SeparableConv2D.Forward(g, Batch, input, depthwise, pointwise, bias, Activation.Linear, step, output);
                Fast.SeparableConv2D.Backward(g, Batch, input, depthwise, pointwise, step, upstream, dx, ddw, dpw, db);
            }
            Compare(name, reference, ("output", output), ("grad_input", dx), ("grad_depthwise_kernel", ddw), ("grad_pointwise_kernel", dpw), ("grad_bias", db));
        }
    }

    [Theory]
    [InlineData(2, 4, 3, 1, Padding.Same)]
    [InlineData(3, 6, 2, 2, Padding.Valid)]
    public void Grouped_convolution_matches_pytorch(int groups, int filters, int kernel, int stride, Padding padding)
    {
        var name = $"grouped_g{groups}_f{filters}_k{kernel}_s{stride}_{padding.ToString().ToLowerInvariant()}";
        var g = ConvolutionCases.Conv(7, 6, 6, filters, kernel, kernel, stride, 1, padding);
        var (input, weights, bias, upstream) = (Get(name, "input"), Get(name, "kernel"), Get(name, "bias"), Get(name, "grad_output"));
        foreach (var reference in new[] { false, true })
        {
            var output = new float[Batch * g.OutputSize];
            var (dx, dw, db) = (new float[input.Length], new float[weights.Length], new float[bias.Length]);
            if (reference)
            {
                Ref.GroupedConv2D.Forward(g, groups, Batch, input, weights, bias, Activation.Linear, output);
                Ref.GroupedConv2D.Backward(g, groups, Batch, input, weights, upstream, dx, dw, db);
            }
            else
            {
                Fast.GroupedConv2D.Forward(g, groups, Batch, input, weights, bias, Activation.Linear, output);
                Fast.GroupedConv2D.Backward(g, groups, Batch, input, weights, upstream, dx, dw, db);
            }
            Compare(name, reference, ("output", output), ("grad_input", dx), ("grad_kernel", dw), ("grad_bias", db));
        }
    }

    [Theory]
    [InlineData(3, 2, Padding.Same, 1)]
    [InlineData(3, 2, Padding.Same, 0)]
    [InlineData(4, 2, Padding.Same, 1)]
    [InlineData(3, 3, Padding.Valid, 2)]
    [InlineData(1, 2, Padding.Same, 1)]
    public void Transpose_with_output_padding_matches_pytorch(int kernel, int stride, Padding padding, int outputPadding)
    {
        var name = $"transpose_k{kernel}_s{stride}_{padding.ToString().ToLowerInvariant()}_op{outputPadding}";
        var g = ClassicCnnCases.TransposeWithOutputPadding(4, 3, 3, 2, kernel, stride, padding, outputPadding);
        var (input, weights, bias, upstream) = (Get(name, "input"), Get(name, "kernel"), Get(name, "bias"), Get(name, "grad_output"));
        foreach (var reference in new[] { false, true })
        {
            var output = new float[Batch * g.OutputSize];
            var (dx, dw, db) = (new float[input.Length], new float[weights.Length], new float[bias.Length]);
            if (reference)
            {
                Ref.Conv2DTranspose.Forward(g, Batch, input, weights, bias, Activation.Linear, output);
                Ref.Conv2DTranspose.Backward(g, Batch, input, weights, upstream, dx, dw, db);
            }
            else
            {
                Fast.Conv2DTranspose.Forward(g, Batch, input, weights, bias, Activation.Linear, output);
                Fast.Conv2DTranspose.Backward(g, Batch, input, weights, upstream, dx, dw, db);
            }
            Compare(name, reference, ("output", output), ("grad_input", dx), ("grad_kernel", dw), ("grad_bias", db));
        }
    }

    [Theory]
    [InlineData(1, 2, 0, 3)]
    [InlineData(1, 1, 2, 2)]
    public void Cropping_matches_pytorch(int top, int bottom, int left, int right)
    {
        var name = $"cropping_{top}_{bottom}_{left}_{right}";
        var g = new Cropping2DGeometry(6, 7, 3, top, bottom, left, right);
        var (input, upstream) = (Get(name, "input"), Get(name, "grad_output"));
        foreach (var reference in new[] { false, true })
        {
            var (output, dx) = (new float[Batch * g.OutputSize], new float[input.Length]);
            if (reference)
            {
                Ref.Cropping2D.Forward(g, Batch, input, output);
                Ref.Cropping2D.Backward(g, Batch, upstream, dx);
            }
            else
            {
                Fast.Cropping2D.Forward(g, Batch, input, output);
                Fast.Cropping2D.Backward(g, Batch, upstream, dx);
            }
            Compare(name, reference, ("output", output), ("grad_input", dx));
        }
    }

    [Theory]
    [InlineData(2, 2, Padding.Valid)]
    [InlineData(3, 2, Padding.Same)]
    [InlineData(2, 1, Padding.Same)]
    public void Min_pooling_matches_pytorch(int pool, int stride, Padding padding)
    {
        var name = $"min_p{pool}_s{stride}_{padding.ToString().ToLowerInvariant()}";
        var g = LayerTestData.Pool(5, 7, 3, pool, stride, padding);
        var (input, upstream) = (Get(name, "input"), Get(name, "grad_output"));
        foreach (var reference in new[] { false, true })
        {
            var (output, dx) = (new float[Batch * g.OutputSize], new float[input.Length]);
            if (reference)
            {
                Ref.MinPool2D.Forward(g, Batch, input, output);
                Ref.MinPool2D.Backward(g, Batch, input, output, upstream, dx);
            }
            else
            {
                Fast.MinPool2D.Forward(g, Batch, input, output);
                Fast.MinPool2D.Backward(g, Batch, input, output, upstream, dx);
            }
            Compare(name, reference, ("output", output), ("grad_input", dx));
        }
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    public void Bed_of_nails_matches_pytorch(int factorHeight, int factorWidth)
    {
        var name = $"bed_of_nails_{factorHeight}x{factorWidth}";
        var g = new UpSampling2DGeometry(3, 4, 5, factorHeight, factorWidth);
        var (input, upstream) = (Get(name, "input"), Get(name, "grad_output"));
        foreach (var reference in new[] { false, true })
        {
            var (output, dx) = (new float[Batch * g.OutputSize], new float[input.Length]);
            if (reference)
            {
                Ref.UpSampling2D.Forward(g, Interpolation.BedOfNails, Batch, input, output);
                Ref.UpSampling2D.Backward(g, Interpolation.BedOfNails, Batch, upstream, dx);
            }
            else
            {
                Fast.UpSampling2D.Forward(g, Interpolation.BedOfNails, Batch, input, output);
                Fast.UpSampling2D.Backward(g, Interpolation.BedOfNails, Batch, upstream, dx);
            }
            Compare(name, reference, ("output", output), ("grad_input", dx));
        }
    }

    private static float[] Get(string @case, string tensor) => Fixture.Get($"{@case}.{tensor}");

    private static void Compare(string @case, bool reference, params (string Tensor, float[] Actual)[] results)
    {
        foreach (var (tensor, actual) in results)
        {
            LayerTestData.AssertClose(Get(@case, tensor), actual, Absolute, Relative, $"{@case} {(reference ? "reference" : "fast")} {tensor}");
        }
    }
}
