using Generated.Generator.Tests.Documentation;
using Generated.Generator.Tests.Infrastructure;
using Generated.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>
/// The per-layer profile's prefix networks (Tests/Generated.Benchmarks/Networks/Prefixes) really are prefixes of the
/// benchmark models M1-M5, cut at every row boundary: each prefix's layers, parameter count and output shape are the
/// full model's up to its last layer, as shape inference (what the generator emits from) finds them. A model edit that
/// is not made to its prefixes fails here instead of skewing the profile's rows.
/// </summary>
public class BenchmarkPrefixTests
{
    public static TheoryData<string, string> BenchmarkModels { get; } = new()
    {
        { "M1", "M1MnistConvnet" }, { "M2", "M2TutorialCnn" }, { "M3", "M3Autoencoder" }, { "M4", "M4StridedNet" }, { "M5", "M5VggBlock" },
    };

    [Theory]
    [MemberData(nameof(BenchmarkModels))]
    public void Prefixes_are_the_full_models_layers_up_to_each_row_boundary(string model, string fullName)
    {
        var (full, prefixes) = Infer(model, fullName);

        Assert.Equal(RowEnds(full), prefixes.Select(p => p.Layers.Count).Append(full.Layers.Count));
        foreach (var prefix in prefixes)
        {
            var count = prefix.Layers.Count;
            Assert.Equal(Describe(full.Layers.Take(count)), Describe(prefix.Layers));
            Assert.Equal(full.Layers.Take(count).Sum(l => (long)l.ParameterCount), prefix.ParameterCount);
            Assert.Equal(full.Layers[count - 1].OutputShape, prefix.OutputShape);
            Assert.Equal(full.InputShape, prefix.InputShape);
        }
    }

    [Fact]
    public void Row_boundaries_keep_fused_layers_together()
    {
        var model = InferSource("""
            [Network(16, 16, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu)]
            [MaxPooling2D(2)]
            [Conv2D(8, 3)]
            [LeakyReLU(0.1)]
            [BatchNormalization]
            [Flatten]
            [Dense(4)]
            public partial class Rows;
            """, "Rows");

        // conv2d + max_pooling2d (pooled in the store), conv2d_1, leaky_re_lu + batch_normalization, flatten + dense.
        Assert.Equal(new[] { 2, 3, 5, 7 }, RowEnds(model));
    }

    /// <summary>
    /// The layer counts after which the profile's rows end, the last being the whole model: after each layer, except that
    /// a Conv2D stays with the MaxPooling2D after it (the batch-1 direct plan pools in its store), a stand-alone activation
    /// with the BatchNormalization after it (Predict applies it in the normalization's pass), and Flatten, which only
    /// aliases its input's memory, with whatever follows.
    /// </summary>
    private static IEnumerable<int> RowEnds(NetworkModel model)
    {
        var layers = model.Layers;
        for (var i = 0; i + 1 < layers.Count; i++)
        {
            var (layer, next) = (layers[i], layers[i + 1]);
            var fused = (layer.Kind == LayerKind.Conv2D && next.Kind == LayerKind.MaxPooling2D)
                || (ActivationRule.StandaloneActivation(layer) is { } kind && kind != ActivationKind.Softmax && next.Kind == LayerKind.BatchNormalization)
                || layer.Kind == LayerKind.Flatten;
            if (!fused)
            {
                yield return i + 1;
            }
        }
        yield return layers.Count;
    }

    private static string[] Describe(IEnumerable<LayerModel> layers) =>
        layers.Select(l => $"{l.Name} {l.Kind} {l.InputShape} -> {l.OutputShape}, {l.ParameterCount} parameters, {ModelFacts.Of(l).MultiplyAdds} multiply-adds").ToArray();

    /// <summary>The full model and its prefixes (every class of <c>Networks/Prefixes/{model}Prefixes.cs</c>), shortest first.</summary>
    private static (NetworkModel Full, NetworkModel[] Prefixes) Infer(string model, string fullName)
    {
        var fullPath = $"Tests/Generated.Benchmarks/Networks/{fullName}.cs";
        var prefixesPath = $"Tests/Generated.Benchmarks/Networks/Prefixes/{model}Prefixes.cs";
        var compilation = AnalyzerTestCompilation.Create(
            (fullPath, "using Generated;\n\n" + RepositoryFiles.Read(fullPath)),
            (prefixesPath, "using Generated;\n\n" + RepositoryFiles.Read(prefixesPath)));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var prefixTree = compilation.SyntaxTrees.Single(t => t.FilePath == prefixesPath);
        var semantics = compilation.GetSemanticModel(prefixTree);
        var prefixes = prefixTree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Select(c => Infer((INamedTypeSymbol)semantics.GetDeclaredSymbol(c)!))
            .OrderBy(p => p.Layers.Count)
            .ToArray();
        Assert.NotEmpty(prefixes);
        var full = Infer(compilation.GetTypeByMetadataName("Generated.Benchmarks.Networks." + fullName) ?? throw new InvalidOperationException($"No type {fullName}."));
        return (full, prefixes);
    }

    private static NetworkModel InferSource(string source, string typeName)
    {
        var compilation = AnalyzerTestCompilation.Create("using Generated;\n\n" + source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return Infer(compilation.GetTypeByMetadataName(typeName) ?? throw new InvalidOperationException($"No type {typeName} in the source."));
    }

    private static NetworkModel Infer(INamedTypeSymbol type)
    {
        var model = ShapeInference.Infer(DeclarationReader.Read(type, withLocations: false, CancellationToken.None));
        Assert.True(model.IsValid, $"{type.Name}: " + string.Join("\n", model.Diagnostics));
        return model;
    }
}
