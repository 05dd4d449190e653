using Generated.Analyzers;
using Generated.Generator.Tests.Infrastructure;
using Generated.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Generated.Generator.Tests.Generation;

/// <summary>
/// Below C# 9 the generator adds nothing and the analyzer reports NNG0110 once, at <c>[Network]</c>, naming the version
/// needed; from C# 9 on, code is generated and NNG0110 never appears.
/// </summary>
public class LanguageVersionTests
{
    private const string Model = """
        using Generated;

        namespace Samples
        {
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu)]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Small
            {
            }
        }
        """;

    public static TheoryData<LanguageVersion> TooOld => new() { LanguageVersion.CSharp7_3, LanguageVersion.CSharp8 };

    public static TheoryData<LanguageVersion> Supported => new() { LanguageVersion.CSharp9, LanguageVersion.CSharp10, LanguageVersion.Latest };

    [Theory]
    [MemberData(nameof(TooOld))]
    public void Below_csharp_9_nothing_is_generated_and_nng0110_is_reported_at_the_network_attribute(LanguageVersion version)
    {
        var compilation = Compilation(version, Model);
        GeneratorHarness.Driver(options: Options(version)).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.Equal(compilation.SyntaxTrees.Count(), output.SyntaxTrees.Count());

        var diagnostic = Assert.Single(AnalyzerTestCompilation.Analyze(compilation, analyzerOnly: true));
        Assert.Equal("NNG0110", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Network(28, 28, 1)", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        var shown = version.ToDisplayString();
        Assert.Equal($"Network 'Small' needs C# 9.0 or newer for its generated code, but this project compiles C# {shown}; set <LangVersion>9.0</LangVersion> or newer (Unity 2021.2 and later compile C# 9)",
            diagnostic.GetMessage());
    }

    [Fact]
    public void Below_csharp_9_an_invalid_model_reports_nng0110_alone_and_gets_no_stub()
    {
        var invalid = Model.Replace("[Conv2D(8, 3,", "[Conv2D(8, 30,");
        var compilation = Compilation(LanguageVersion.CSharp8, invalid);
        GeneratorHarness.Driver(options: Options(LanguageVersion.CSharp8)).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        Assert.Equal(compilation.SyntaxTrees.Count(), output.SyntaxTrees.Count());
        Assert.Equal("NNG0110", Assert.Single(AnalyzerTestCompilation.Analyze(compilation, analyzerOnly: true)).Id);
        // The same model at C# 9 is reported for what is wrong with it, and gets its stub.
        Assert.Contains(AnalyzerTestCompilation.Analyze(Compilation(LanguageVersion.CSharp9, invalid), analyzerOnly: true), d => d.Id == "NNG0007");
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void From_csharp_9_on_code_is_generated_and_nng0110_is_not_reported(LanguageVersion version)
    {
        var compilation = Compilation(version, Model);
        GeneratorHarness.Driver(options: Options(version)).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        Assert.Equal(compilation.SyntaxTrees.Count() + 1, output.SyntaxTrees.Count());
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden));
        Assert.DoesNotContain(AnalyzerTestCompilation.Analyze(compilation, analyzerOnly: true), d => d.Id == "NNG0110");
    }

    [Fact]
    public void Raising_the_language_version_to_9_makes_the_same_driver_generate()
    {
        var compilation = Compilation(LanguageVersion.CSharp8, Model);
        var driver = GeneratorHarness.Driver(options: Options(LanguageVersion.CSharp8)).RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
        var raised = Options(LanguageVersion.CSharp9);
        driver = driver.WithUpdatedParseOptions(raised)
            .RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), compilation.SyntaxTrees.Single().WithRootAndOptions(compilation.SyntaxTrees.Single().GetRoot(), raised)));
        Assert.Equal("Samples.Small.g.cs", Path.GetFileName(Assert.Single(driver.GetRunResult().GeneratedTrees).FilePath));
    }

    [Fact]
    public void The_minimum_is_csharp_9_unitys_language()
    {
        Assert.Equal(LanguageVersion.CSharp9, LanguageSupport.Minimum);
        Assert.Equal("NNG0110", DiagnosticDescriptors.LanguageVersionTooOld.Id);
        Assert.Contains(DiagnosticDescriptors.LanguageVersionTooOld, new NetworkAnalyzer().SupportedDiagnostics);
    }

    private static CSharpParseOptions Options(LanguageVersion version) => new(version);

    // Nullable annotations need C# 8; a C# 7.3 project has them off, as its compiler requires.
    private static CSharpCompilation Compilation(LanguageVersion version, string source) =>
        CSharpCompilation.Create(
            "OldLanguage",
            new[] { CSharpSyntaxTree.ParseText(source, Options(version), path: "Model0.cs") },
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: version >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable));
}
