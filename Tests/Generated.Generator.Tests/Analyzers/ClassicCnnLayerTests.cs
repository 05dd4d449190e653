using Generated.Generator.Tests.Infrastructure;
using Generated.Model;
using Microsoft.CodeAnalysis;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>
/// Shape inference of the classic CNNs' layers (DepthwiseConv2D, SeparableConv2D, Conv2D groups, rectangular strides,
/// Conv2DTranspose output padding, Cropping2D, MinPooling2D, bed of nails): Keras' output shapes, names, weight shapes and
/// parameter counts, and the messages of NNG0035-NNG0038.
/// </summary>
public class ClassicCnnLayerTests
{
    [Fact]
    public void Separable_and_depthwise_counts_are_keras()
    {
        var model = Infer("""
            [Network(32, 32, 32)]
            [SeparableConv2D(64, 3)]
            [DepthwiseConv2D(3, DepthMultiplier = 2, Strides = 2, Padding = Padding.Same, UseBias = false)]
            [SeparableConv2D(8, 5, 3, DepthMultiplier = 3, Padding = Padding.Same, UseBias = false)]
            public partial class Net;
            """);
        Assert.Empty(model.Diagnostics);
        Assert.Equal(new[] { "separable_conv2d", "depthwise_conv2d", "separable_conv2d_1" }, model.Layers.Select(l => l.Name));
        // Keras: SeparableConv2D(64, 3) on 32 channels = 3*3*32 + 32*64 + 64.
        Assert.Equal(3 * 3 * 32 + 32 * 64 + 64, model.Layers[0].ParameterCount);
        Assert.Equal(Generated.Model.TensorShape.Image(30, 30, 64), model.Layers[0].OutputShape);
        Assert.Equal(new[] { "depthwise_kernel", "pointwise_kernel", "bias" }, model.Layers[0].Parameters.Select(p => p.Suffix));
        Assert.Equal(new[] { 1, 1, 32, 64 }, model.Layers[0].Parameters[1].Shape.ToArray());
        Assert.Equal(new[] { 3, 3, 64, 2 }, model.Layers[1].Parameters[0].Shape.ToArray());
        Assert.Equal(Generated.Model.TensorShape.Image(15, 15, 128), model.Layers[1].OutputShape);
        Assert.Equal(5 * 3 * 128 * 3 + 384 * 8, model.Layers[2].ParameterCount);
        Assert.Equal(Generated.Model.TensorShape.Image(15, 15, 8), model.Layers[2].OutputShape);
    }

    [Fact]
    public void Groups_and_rectangular_strides_follow_keras()
    {
        var model = Infer("""
            [Network(9, 10, 8)]
            [Conv2D(12, 3, Groups = 4, StridesHeight = 2, Padding = Padding.Same)]
            [MaxPooling2D(2, StridesWidth = 1)]
            [MinPooling2D(3, 2, Strides = 1, StridesHeight = 2, Padding = Padding.Same)]
            public partial class Net;
            """);
        Assert.DoesNotContain(model.Diagnostics, d => DiagnosticDescriptors.IsError(d.Id));
        Assert.Equal(new[] { 3, 3, 2, 12 }, model.Layers[0].Parameters[0].Shape.ToArray());
        Assert.Equal(3 * 3 * 2 * 12 + 12, model.Layers[0].ParameterCount);
        Assert.Equal(Generated.Model.TensorShape.Image(5, 10, 12), model.Layers[0].OutputShape);
        Assert.Equal((2, 1), (model.Layers[0].StrideHeight, model.Layers[0].StrideWidth));
        Assert.Equal(Generated.Model.TensorShape.Image(2, 9, 12), model.Layers[1].OutputShape); // pool 2, strides (2, 1)
        Assert.Equal(Generated.Model.TensorShape.Image(1, 9, 12), model.Layers[2].OutputShape);
        Assert.Equal("min_pooling2d", model.Layers[2].Name);
    }

    [Theory]
    [InlineData(3, 2, "Padding.Same", 1, 16)] // Keras: (8-1)*2 + 3 - 2*1 + 1
    [InlineData(3, 2, "Padding.Same", 0, 15)]
    [InlineData(4, 2, "Padding.Same", 1, 15)] // (8-1)*2 + 4 - 2*2 + 1
    [InlineData(3, 3, "Padding.Valid", 2, 26)] // (8-1)*3 + 3 + 2
    public void Output_padding_sizes_are_keras(int kernel, int stride, string padding, int outputPadding, int expected)
    {
        var model = Infer($$"""
            [Network(8, 8, 2)]
            [Conv2DTranspose(4, {{kernel}}, Strides = {{stride}}, Padding = {{padding}}, OutputPadding = {{outputPadding}})]
            public partial class Net;
            """);
        Assert.Empty(model.Diagnostics);
        Assert.Equal(Generated.Model.TensorShape.Image(expected, expected, 4), model.OutputShape);
    }

    [Fact]
    public void Cropping_forms_and_bed_of_nails()
    {
        var model = Infer("""
            [Network(10, 12, 3)]
            [Cropping2D(1)]
            [Cropping2D(2, 1)]
            [Cropping2D(0, 1, 2, 3)]
            [UpSampling2D(2, 3, Interpolation = Interpolation.BedOfNails)]
            public partial class Net;
            """);
        Assert.Empty(model.Diagnostics);
        Assert.Equal(new[] { "cropping2d", "cropping2d_1", "cropping2d_2", "up_sampling2d" }, model.Layers.Select(l => l.Name));
        Assert.Equal(Generated.Model.TensorShape.Image(8, 10, 3), model.Layers[0].OutputShape);
        Assert.Equal(Generated.Model.TensorShape.Image(4, 8, 3), model.Layers[1].OutputShape);
        Assert.Equal(Generated.Model.TensorShape.Image(3, 3, 3), model.Layers[2].OutputShape);
        Assert.Equal(Generated.Model.TensorShape.Image(6, 9, 3), model.OutputShape);
        Assert.Equal(0, model.ParameterCount);
    }

    [Theory]
    [InlineData("[Network(28, 28, 3)]\n[Conv2D(8, 3, {|NNG0035:Groups = 2|})]",
        "Groups = 2 of layer conv2d must divide both its 3 input channels (input 28x28x3) and its 8 filters; 3 channels split into groups of 1 leave 1 over")]
    [InlineData("[Network(28, 28, 4)]\n[Conv2D(6, 3, {|NNG0035:Groups = 4|})]",
        "Groups = 4 of layer conv2d must divide both its 4 input channels (input 28x28x4) and its 6 filters; 6 filters split into groups of 1 leave 2 over")]
    [InlineData("[Network(4, 8, 1)]\n[{|NNG0036:Cropping2D(2, 1)|}]",
        "Cropping2D layer cropping2d removes 4 rows and 2 columns of the 4x8x1 input, leaving 0x6; crop less so that at least one row and one column remain")]
    [InlineData("[Network(8, 8, 1)]\n[Conv2DTranspose(4, 3, Strides = 2, {|NNG0037:OutputPadding = 2|})]",
        "OutputPadding of layer conv2d_transpose is 2, but must be 0 or more and smaller than the stride (2); Keras rejects it, as the extra rows would receive no input")]
    [InlineData("[Network(8, 8, 1)]\n[Conv2DTranspose(4, 3, StridesHeight = 3, StridesWidth = 1, {|NNG0037:OutputPadding = 1|})]",
        "OutputPadding of layer conv2d_transpose is 1, but must be 0 or more and smaller than the stride (3x1); Keras rejects it, as the extra rows would receive no input")]
    [InlineData("[Network(8, 8, 1)]\n[Cropping2D(1, 0, {|NNG0038:left: -1|}, 2)]",
        "Left of layer cropping2d must be 0 or more, but is -1; cropping can only remove rows and columns (use ZeroPadding2D to add them)")]
    [InlineData("[Network(8, 8, 1)]\n[Cropping2D(1, {|NNG0038:-2|})]",
        "Width of layer cropping2d must be 0 or more, but is -2; cropping can only remove rows and columns (use ZeroPadding2D to add them)")]
    public void Messages_name_the_argument_and_the_shapes(string layers, string message)
    {
        var diagnostic = Assert.Single(AnalyzerVerifier.Verify(layers + "\npublic partial class Net;"));
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    private static NetworkModel Infer(string source)
    {
        var compilation = AnalyzerTestCompilation.Create("using Generated;\n\n" + source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var type = compilation.GetTypeByMetadataName("Net")!;
        return ShapeInference.Infer(DeclarationReader.Read(type, withLocations: false, CancellationToken.None));
    }
}
