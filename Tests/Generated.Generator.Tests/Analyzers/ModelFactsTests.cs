using System.Text.Json;
using Generated.Generator.Tests.Documentation;
using Generated.Generator.Tests.Infrastructure;
using Generated.Model;
using Microsoft.CodeAnalysis;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>
/// The compile-time facts of the benchmark models M1-M5 (their declarations in Tests/Generated.Benchmarks/Networks) equal
/// PyTorch's count of the same models, layer by layer: multiply-adds from PyTorch's FLOP counter, activation floats from
/// its tensors (Tests/Fixtures/models/model_facts.json, made by Tests/Fixtures/scripts/make_model_facts.py).
/// </summary>
public class ModelFactsTests
{
    public static TheoryData<string> BenchmarkModels { get; } = new() { "M1MnistConvnet", "M2TutorialCnn", "M3Autoencoder", "M4StridedNet", "M5VggBlock" };

    [Theory]
    [MemberData(nameof(BenchmarkModels))]
    public void Facts_equal_pytorchs_count_layer_by_layer(string name)
    {
        var model = Infer(name);
        using var fixture = JsonDocument.Parse(RepositoryFiles.Read("Tests/Fixtures/models/model_facts.json"));
        var expected = fixture.RootElement.GetProperty(name);
        var rows = expected.GetProperty("layers").EnumerateArray()
            .Select(row => (row[0].GetString()!, row[1].GetInt64(), row[2].GetInt64())).ToList();
        var actual = model.Layers.Select(l => (l.Name, ModelFacts.Of(l).MultiplyAdds, ModelFacts.Of(l).ActivationFloats)).ToList();
        Assert.Equal(rows, actual);
        Assert.Equal(expected.GetProperty("multiply_adds").GetInt64(), model.MultiplyAddsPerSample());
        Assert.Equal(expected.GetProperty("activation_floats").GetInt64(), model.ActivationFloatsPerSample());
    }

    [Fact]
    public void Conv2d_transpose_counts_from_its_input_side()
    {
        // Every one of the 4*4*8 input values meets every 3x3x2 kernel weight of its channel: 128 * 18 = 2,304, whatever the stride.
        var model = InferSource("""
            [Network(4, 4, 8)]
            [Conv2DTranspose(2, 3, Strides = 2, Padding = Padding.Same)]
            public partial class Up;
            """, "Up");
        var layer = Assert.Single(model.Layers);
        Assert.Equal(new Generator.LayerFacts(4 * 4 * 8 * 3 * 3 * 2, 8 * 8 * 2), ModelFacts.Of(layer));
    }

    [Fact]
    public void Dense_on_a_feature_map_counts_every_pixel_and_merges_count_their_output()
    {
        var model = InferSource("""
            [Network(5, 5, 3)]
            [Dense(4, Name = "a")]
            [Dense(4)]
            [Add("a")]
            [Reshape(100)]
            public partial class PerPixel;
            """, "PerPixel");
        Assert.Equal(new long[] { 25 * 3 * 4, 25 * 4 * 4, 0, 0 }, model.Layers.Select(l => ModelFacts.Of(l).MultiplyAdds));
        Assert.Equal(new long[] { 100, 100, 100, 0 }, model.Layers.Select(l => ModelFacts.Of(l).ActivationFloats));
    }

    private static NetworkModel Infer(string name) =>
        InferSource(RepositoryFiles.Read($"Tests/Generated.Benchmarks/Networks/{name}.cs"), "Generated.Benchmarks.Networks." + name);

    private static NetworkModel InferSource(string source, string typeName)
    {
        var compilation = AnalyzerTestCompilation.Create("using Generated;\n\n" + source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var type = compilation.GetTypeByMetadataName(typeName) ?? throw new InvalidOperationException($"No type {typeName} in the source.");
        var model = ShapeInference.Infer(DeclarationReader.Read(type, withLocations: false, CancellationToken.None));
        Assert.True(model.IsValid, string.Join("\n", model.Diagnostics));
        return model;
    }
}
