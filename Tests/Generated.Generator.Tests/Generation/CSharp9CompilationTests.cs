using Generated.Generator.Tests.Documentation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Generated.Generator.Tests.Generation;

/// <summary>
/// Generated code compiles as C# 9, the language version of Unity's compiler (2021.2 to Unity 6): every snapshot model,
/// the invalid model's stub, and every model declared in README.md and docs/, with nullable on, every warning, and no
/// diagnostic at all. Unity's C# 9 also lacks init-only setters and module initializers, so the generated code has neither.
/// </summary>
public class CSharp9CompilationTests
{
    private static readonly CSharpParseOptions CSharp9 = new(LanguageVersion.CSharp9);

    [Theory]
    [MemberData(nameof(ModelSources.All), MemberType = typeof(ModelSources))]
    public void Generated_code_compiles_as_csharp_9(string name, string source) => AssertCompilesAsCSharp9(name, CSharp9Sources.From(source));

    [Fact]
    public void An_invalid_models_stub_compiles_as_csharp_9() =>
        AssertCompilesAsCSharp9("InvalidMnistConvnet", CSharp9Sources.From(InvalidModelStubTests.KernelTooLarge));

    /// <summary>Every <c>[Network]</c> class of the README and docs (but the diagnostics pages, whose models are wrong on purpose).</summary>
    public static TheoryData<string, string> DocumentedModels()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in RepositoryFiles.MarkdownFiles().Where(f => !f.StartsWith("docs/diagnostics/", StringComparison.Ordinal)))
        {
            foreach (var block in RepositoryFiles.FencedBlocks(file, "csharp"))
            {
                var root = CSharpSyntaxTree.ParseText(block.Code, new CSharpParseOptions(LanguageVersion.Latest)).GetRoot();
                foreach (var network in root.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(IsNetwork))
                {
                    data.Add($"{block} {network.Identifier.Text}", CSharp9Sources.Declaration(network));
                }
            }
        }
        return data;
    }

    [Fact]
    public void The_readme_and_docs_declare_models_to_check() =>
        Assert.True(((IEnumerable<object[]>)DocumentedModels()).Count() >= 5, "too few documented models found");

    [Theory]
    [MemberData(nameof(DocumentedModels))]
    public void A_documented_models_generated_code_compiles_as_csharp_9(string name, string source) => AssertCompilesAsCSharp9(name, source);

    [Theory]
    [MemberData(nameof(ModelSources.All), MemberType = typeof(ModelSources))]
    public void Generated_code_has_no_csharp_9_feature_unity_lacks(string name, string source)
    {
        var generated = CSharpSyntaxTree.ParseText(GeneratorHarness.GeneratedSource(source), CSharp9).GetRoot();
        Assert.DoesNotContain(generated.DescendantNodes().OfType<AccessorDeclarationSyntax>(), a => a.IsKind(SyntaxKind.InitAccessorDeclaration));
        Assert.DoesNotContain(generated.DescendantNodes().OfType<AttributeSyntax>(), a => a.Name.ToString().Contains("ModuleInitializer", StringComparison.Ordinal));
        Assert.DoesNotContain(generated.DescendantNodes(), n => n is RecordDeclarationSyntax);
        Assert.NotEmpty(name);
    }

    private static bool IsNetwork(ClassDeclarationSyntax type) =>
        type.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "Network" or "NetworkAttribute" or "Generated.Network");

    private static void AssertCompilesAsCSharp9(string name, string source)
    {
        var compilation = GeneratorHarness.Compilation(CSharp9, source);
        var before = compilation.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
        Assert.True(before.Count == 0, name + " (as C# 9, before generation):\n" + string.Join("\n", before));
        GeneratorHarness.Driver(options: CSharp9).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        var generated = Assert.Single(output.SyntaxTrees, t => !compilation.SyntaxTrees.Contains(t));
        Assert.Equal(LanguageVersion.CSharp9, ((CSharpParseOptions)generated.Options).LanguageVersion);
        var diagnostics = output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
        Assert.True(diagnostics.Count == 0, name + ":\n" + string.Join("\n", diagnostics.Take(40)));
    }
}
