using Generated.Generator.Tests.Infrastructure;
using Generated.Model;
using Microsoft.CodeAnalysis;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>ZeroPadding2D's shape inference (Keras' output shapes and names, no weights) and its NNG0024 message.</summary>
public class ZeroPadding2DTests
{
    [Fact]
    public void Symmetric_and_per_side_paddings_grow_the_map_as_keras_does()
    {
        var model = Infer("""
            [Network(28, 27, 3)]
            [ZeroPadding2D(1)]
            [ZeroPadding2D(2, 0, 3, 1)]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """);
        Assert.Empty(model.Diagnostics);
        Assert.Equal(new[] { "zero_padding2d", "zero_padding2d_1" }, model.Layers.Take(2).Select(l => l.Name));
        Assert.Equal(Generated.Model.TensorShape.Image(30, 29, 3), model.Layers[0].OutputShape);
        Assert.Equal(Generated.Model.TensorShape.Image(32, 33, 3), model.Layers[1].OutputShape);
        Assert.Equal((2, 0, 3, 1), (model.Layers[1].PadTop, model.Layers[1].PadBottom, model.Layers[1].PadLeft, model.Layers[1].PadRight));
        Assert.Equal(0, model.Layers[0].ParameterCount + model.Layers[1].ParameterCount);
        Assert.Equal(32 * 33 * 3 * 10 + 10, model.ParameterCount);
    }

    [Fact]
    public void Zero_padding_is_allowed()
    {
        var model = Infer("""
            [Network(4, 4, 1)]
            [ZeroPadding2D(0)]
            public partial class Net;
            """);
        Assert.True(model.IsValid);
        Assert.Equal(Generated.Model.TensorShape.Image(4, 4, 1), model.OutputShape);
    }

    [Fact]
    public void Negative_padding_names_the_side_layer_and_value()
    {
        var diagnostic = Assert.Single(AnalyzerVerifier.Verify("""
            [Network(28, 28, 1)]
            [ZeroPadding2D(1, {|NNG0024:-1|}, 0, 0)]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """));
        Assert.Equal("Bottom of layer zero_padding2d must be 0 or more, but is -1; padding can only add zero rows and columns",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Padding_a_vector_needs_a_feature_map()
    {
        var model = Infer("""
            [Network(28, 28, 1)]
            [Flatten]
            [ZeroPadding2D(1)]
            public partial class Net;
            """);
        Assert.Equal("NNG0009", Assert.Single(model.Diagnostics).Id);
        Assert.False(model.IsValid);
    }

    private static NetworkModel Infer(string source)
    {
        var compilation = AnalyzerTestCompilation.Create("using Generated;\n\n" + source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var type = compilation.GetTypeByMetadataName("Net")!;
        return ShapeInference.Infer(DeclarationReader.Read(type, withLocations: false, CancellationToken.None));
    }
}
