using Generated.Generator.Tests.Infrastructure;
using Generated.Model;
using Microsoft.CodeAnalysis;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>Shape inference on parsed declarations reproduces Keras' parameter counts and shapes.</summary>
public class ParameterCountTests
{
    [Theory]
    [InlineData(ReferenceModels.Vgg16, "Vgg16", 138_357_544L, "1000")]
    [InlineData(ReferenceModels.TutorialCnn, "TutorialCnn", 122_570L, "10")]
    [InlineData(ReferenceModels.MnistConvnet, "MnistConvnet", 34_826L, "10")]
    [InlineData(ReferenceModels.Residual, "Models.Zoo+ResidualNet", 5_306L, "10")]
    [InlineData(ReferenceModels.UNet, "UNet", 18_460L, "16x16x1")]
    public void Parameter_count_matches_keras(string source, string typeName, long parameters, string output)
    {
        var model = Infer(source, typeName);
        Assert.True(model.IsValid, string.Join("\n", model.Diagnostics));
        Assert.Equal(parameters, model.ParameterCount);
        Assert.Equal(output, model.OutputShape.ToString());
    }

    [Fact]
    public void Vgg16_layer_shapes_follow_keras()
    {
        var model = Infer(ReferenceModels.Vgg16, "Vgg16");
        var shapes = model.Layers.Select(l => $"{l.Name} {l.OutputShape}").ToList();
        Assert.Equal("conv2d 224x224x64", shapes[0]);
        Assert.Equal("max_pooling2d_4 7x7x512", shapes[17]);
        Assert.Equal("flatten 25088", shapes[18]);
        Assert.Equal("dense_2 1000", shapes[21]);
        Assert.Empty(model.Diagnostics);
    }

    [Fact]
    public void Tutorial_cnn_and_mnist_convnet_note_their_second_pooling_as_info()
    {
        // Both drop the last row and column of an odd (13x13, 11x11) map, which Keras does on purpose: an info, not a warning.
        foreach (var (source, name, input) in new[] { (ReferenceModels.TutorialCnn, "TutorialCnn", "13x13x64"), (ReferenceModels.MnistConvnet, "MnistConvnet", "11x11x64") })
        {
            var diagnostic = Assert.Single(Infer(source, name).Diagnostics);
            Assert.Equal("NNG0100", diagnostic.Id);
            Assert.Equal("max_pooling2d_1", diagnostic.Arguments[1]);
            Assert.Equal(input, diagnostic.Arguments[4]);
            Assert.Equal("1 row and 1 column", diagnostic.Arguments[5]);
            Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        }
    }

    [Fact]
    public void Generator_reads_the_same_declaration_without_locations()
    {
        var model = Infer(ReferenceModels.Residual, "Models.Zoo+ResidualNet");
        Assert.All(model.Declaration.Layers, l => Assert.Null(l.Location));
        Assert.Equal("internal", model.Declaration.Accessibility);
        Assert.Equal(new[] { "Zoo" }, model.Declaration.ContainingTypes.Select(t => t.Name));
        Assert.Equal(new[] { 4, 0 }, model.Layers.Single(l => l.Kind == LayerKind.Add).Inputs.AsSpan().ToArray());
    }

    private static NetworkModel Infer(string source, string typeName)
    {
        var compilation = AnalyzerTestCompilation.Create("using Generated;\n\n" + source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var type = compilation.GetTypeByMetadataName(typeName) ?? throw new InvalidOperationException($"No type {typeName} in the source.");
        return ShapeInference.Infer(DeclarationReader.Read(type, withLocations: false, CancellationToken.None));
    }
}
