using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Generated.Generator.Tests.Generation;

/// <summary>
/// Generated code compiles as C# 9, the language version of Unity's compiler (2021.2 to Unity 6): every model,
/// valid or not, with nullable on and every warning, and no diagnostic at all.
/// </summary>
public class CSharp9CompilationTests
{
    private static readonly CSharpParseOptions CSharp9 = new(LanguageVersion.CSharp9);

    [Theory]
    [MemberData(nameof(ModelSources.All), MemberType = typeof(ModelSources))]
    public void Generated_code_compiles_as_csharp_9(string name, string source) => AssertCompilesAsCSharp9(name, source);

    private static void AssertCompilesAsCSharp9(string name, string source)
    {
        var compilation = GeneratorHarness.Compilation(CSharp9, CSharp9Sources.From(source));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden));
        GeneratorHarness.Driver(options: CSharp9).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.Single(output.SyntaxTrees, t => !compilation.SyntaxTrees.Contains(t));
        var diagnostics = output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
        Assert.True(diagnostics.Count == 0, name + ":\n" + string.Join("\n", diagnostics.Take(40)));
    }
}
