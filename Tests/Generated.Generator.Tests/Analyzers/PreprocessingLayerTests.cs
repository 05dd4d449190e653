using Generated.Generator.Tests.Infrastructure;
using Generated.Model;
using Microsoft.CodeAnalysis;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>
/// Shape inference of the issue-11 preprocessing, augmentation, regularization and PReLU layers (Keras names, shapes,
/// parameter counts) and their diagnostics with exact IDs, locations and messages.
/// </summary>
public class PreprocessingLayerTests
{
    [Fact]
    public void New_layers_have_keras_names_shapes_and_parameter_counts()
    {
        var model = Infer("""
            [Network(8, 8, 3)]
            [Rescaling(1.0 / 255)]
            [Normalization]
            [RandomFlip(FlipMode.Horizontal)]
            [RandomTranslation(0.1, 0.2)]
            [RandomRotation(0.5)]
            [RandomZoom(0.2)]
            [Conv2D(8, 3)]
            [GroupNormalization(4)]
            [PReLU(SharedAxes = new[] { 1, 2 })]
            [SpatialDropout2D(0.2)]
            [PReLU]
            [Flatten]
            [Dense(3)]
            public partial class Net;
            """);
        Assert.Empty(model.Diagnostics);
        Assert.Equal(["rescaling", "normalization", "random_flip", "random_translation", "random_rotation", "random_zoom", "conv2d",
            "group_normalization", "p_re_lu", "spatial_dropout2d", "p_re_lu_1", "flatten", "dense"], model.Layers.Select(l => l.Name));
        // Keras: Normalization 3 + 3 + 1 (count), conv 224, GroupNormalization 16, PReLU per channel 8, per element 6*6*8.
        Assert.Equal([0, 7, 0, 0, 0, 0, 224, 16, 8, 0, 288, 0, 289 * 3 - 3 + 3], model.Layers.Select(l => l.ParameterCount));
        Assert.Equal(7 + 224 + 16 + 8 + 288 + 288 * 3 + 3, model.ParameterCount);
        Assert.All(model.Layers.Take(6), l => Assert.Equal(Generated.Model.TensorShape.Image(8, 8, 3), l.OutputShape));
        Assert.Equal(["mean", "variance", "count"], model.Layers[1].Parameters.Select(p => p.Suffix));
        Assert.All(model.Layers[1].Parameters, p => Assert.False(p.Trainable));
        Assert.Equal([6, 6, 8], model.Layers[10].Parameters[0].Shape);
        Assert.Equal([1, 1, 8], model.Layers[8].Parameters[0].Shape);
    }

    [Fact]
    public void Activations_relu6_gelu_selu_and_hard_swish_are_accepted_everywhere()
    {
        var model = Infer("""
            [Network(8)]
            [Dense(4, Activation = Activation.Gelu)]
            [Activation(Activation.Relu6)]
            [Dense(4, Activation = Activation.HardSwish)]
            [Activation(Activation.Selu)]
            public partial class Net;
            """);
        Assert.True(model.IsValid);
        Assert.Equal(ActivationKind.Gelu, model.Layers[0].Declaration.Activation);
        Assert.Equal(ActivationKind.Selu, model.Layers[3].Declaration.Activation);
    }

    [Fact]
    public void Groups_that_do_not_divide_the_channels_are_an_error_at_the_argument()
    {
        var diagnostic = Assert.Single(AnalyzerVerifier.Verify("""
            [Network(8, 8, 3)]
            [Conv2D(6, 3)]
            [GroupNormalization({|NNG0045:4|})]
            public partial class Net;
            """));
        Assert.Equal("GroupNormalization layer group_normalization splits its 6 channels (input 6x6x6) into 4 groups, which does not divide them; use a divisor of 6",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Keras_default_of_32_groups_is_checked_at_the_attribute()
    {
        AnalyzerVerifier.Verify("""
            [Network(8, 8, 3)]
            [Conv2D(6, 3)]
            [{|NNG0045:GroupNormalization|}]
            public partial class Net;
            """);
        AnalyzerVerifier.Verify("""
            [Network(8, 8, 3)]
            [GroupNormalization({|NNG0006:0|})]
            public partial class Net;
            """);
    }

    [Fact]
    public void Augmentation_factors_outside_zero_to_one_are_errors_at_the_argument()
    {
        var diagnostics = AnalyzerVerifier.Verify("""
            [Network(28, 28, 1)]
            [RandomRotation({|NNG0047:1.5|})]
            [RandomTranslation({|NNG0047:-0.1|}, 0.2)]
            [RandomZoom(0.2, {|NNG0047:2|})]
            [RandomZoom({|NNG0047:-1|})]
            public partial class Net;
            """);
        Assert.Equal("Factor of RandomRotation layer random_rotation must be in [0, 1] (a fraction of a full turn, 2π), but is 1.5",
            diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("HeightFactor of RandomTranslation layer random_translation must be in [0, 1] (a fraction of the 28x28x1 input's height), but is -0.1",
            diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Other_bad_arguments_are_errors_at_the_argument()
    {
        AnalyzerVerifier.Verify("""
            [Network(8, 8, 2)]
            [SpatialDropout2D({|NNG0010:1.0|})]
            [RandomFlip({|NNG0020:(FlipMode)5|})]
            [RandomRotation(0.1, {|NNG0020:FillMode = (FillMode)9|})]
            [Rescaling({|NNG0018:double.NaN|})]
            [GroupNormalization(2, {|NNG0018:Epsilon = 0|})]
            public partial class Net;
            """);
        // A shared axis the input lacks, or one listed twice: reported at the argument (and the shape is unknown after it).
        AnalyzerVerifier.Verify("""
            [Network(8, 8, 2)]
            [PReLU({|NNG0046:SharedAxes = new[] { 1, 4 }|})]
            public partial class Net;
            """);
        AnalyzerVerifier.Verify("""
            [Network(8, 8, 2)]
            [PReLU({|NNG0046:SharedAxes = new[] { 2, 2 }|})]
            public partial class Net;
            """);
        var diagnostic = Assert.Single(AnalyzerVerifier.Verify("""
            [Network(10)]
            [PReLU({|NNG0046:SharedAxes = new[] { 2 }|})]
            public partial class Net;
            """));
        Assert.Equal("SharedAxes of PReLU layer p_re_lu lists [2], but its input (None, 10) has the axes 1 (features), each listed at most once",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Spatial_layers_need_a_feature_map()
    {
        AnalyzerVerifier.Verify("""
            [Network(16)]
            [{|NNG0009:RandomFlip|}]
            public partial class Net;
            """);
        AnalyzerVerifier.Verify("""
            [Network(8, 8, 1)]
            [Flatten]
            [{|NNG0009:SpatialDropout2D(0.1)|}]
            public partial class Net;
            """);
    }

    private static NetworkModel Infer(string source)
    {
        var compilation = AnalyzerTestCompilation.Create("using Generated;\n\n" + source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var type = compilation.GetTypeByMetadataName("Net")!;
        return ShapeInference.Infer(DeclarationReader.Read(type, withLocations: false, CancellationToken.None));
    }
}
