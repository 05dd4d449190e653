using System.Collections.Immutable;
using Generated.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>The test harness itself: it must catch what the analyzer tests look for.</summary>
public class HarnessTests
{
    [Fact]
    public void An_analyzer_exception_surfaces_as_AD0001()
    {
        var diagnostics = AnalyzerTestCompilation.Analyze(AnalyzerTestCompilation.Create("public class C { }"), CreateThrowingAnalyzer(), analyzerOnly: true);
        Assert.Contains(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public void Markup_gives_exact_spans_and_nests()
    {
        var (source, expected) = DiagnosticMarkup.Parse("a{|X1:b[|c|]|}d", defaultId: "X2");
        Assert.Equal("abcd", source);
        Assert.Equal(new[] { ("X2", 2, 3), ("X1", 1, 3) }, expected.Select(e => (e.Id, e.Span.Start, e.Span.End)));
    }

    [Fact]
    public void Test_sources_compile_against_the_real_runtime()
    {
        var compilation = AnalyzerTestCompilation.Create("using Generated; [Network(2, 2, 1)] [Flatten] public partial class N; public class U { public Activation A = Activation.Relu; }");
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(compilation.References, r => r.Display == typeof(NetworkAttribute).Assembly.Location);
    }

    /// <summary>
    /// An analyzer that throws on every type. Compiled at test time: declared in this project, the
    /// analyzer-authoring rules (RS1001, RS1036, RS2008) would apply to the whole test project.
    /// </summary>
    private static DiagnosticAnalyzer CreateThrowingAnalyzer()
    {
        const string source = """
            using System.Collections.Immutable;
            using Microsoft.CodeAnalysis;
            using Microsoft.CodeAnalysis.Diagnostics;

            public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
            {
                private static readonly DiagnosticDescriptor Rule = new("T0001", "t", "t", "t", DiagnosticSeverity.Warning, true);
                public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);
                public override void Initialize(AnalysisContext context)
                {
                    context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                    context.RegisterSymbolAction(_ => throw new System.InvalidOperationException("boom"), SymbolKind.NamedType);
                }
            }
            """;
        var references = AnalyzerTestCompilation.References
            .Add(MetadataReference.CreateFromFile(typeof(DiagnosticAnalyzer).Assembly.Location))
            .Add(MetadataReference.CreateFromFile(typeof(ImmutableArray).Assembly.Location));
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Throwing",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, AnalyzerTestCompilation.ParseOptions) },
            references, new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var type = System.Reflection.Assembly.Load(image.ToArray()).GetType("ThrowingAnalyzer")!;
        return (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
    }
}
