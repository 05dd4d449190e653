using System.Collections.Immutable;
using Generated.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>
/// Runs an analyzer of code that uses networks (a <c>Compile</c> call, one network feeding another) on marked-up
/// source after the generator, since that code only binds against the generated members.
/// </summary>
internal static class UsageAnalyzerVerifier
{
    /// <summary>Prepended to every test source.</summary>
    public const string Usings = "using Generated;\nusing Generated.Training;\n\n";

    /// <summary>
    /// Asserts that <paramref name="analyzer"/> reports exactly the diagnostics marked in <paramref name="markup"/>
    /// (ID and span), that the compiler reports no error and that the analyzer never throws; returns its diagnostics.
    /// </summary>
    public static ImmutableArray<Diagnostic> Verify(DiagnosticAnalyzer analyzer, string markup)
    {
        var (source, expected) = DiagnosticMarkup.Parse(Usings + markup);
        var diagnostics = Analyze(analyzer, Compilation(source));
        var ours = diagnostics.Where(d => d.Id.StartsWith("NNG", StringComparison.Ordinal)).ToImmutableArray();
        Assert.Equal(
            expected.Select(e => Describe(e.Id, e.Span, source)).OrderBy(s => s, StringComparer.Ordinal),
            ours.Select(d => Describe(d.Id, d.Location.SourceSpan, source)).OrderBy(s => s, StringComparer.Ordinal));
        return ours;
    }

    /// <summary>
    /// Applies the fix titled <paramref name="title"/> to the one diagnostic marked in <paramref name="before"/> and
    /// asserts the text is <paramref name="after"/>, on which the analyzer then reports nothing.
    /// </summary>
    public static async Task VerifyFixAsync(DiagnosticAnalyzer analyzer, CodeFixProvider provider, string before, string after, string title)
    {
        var (source, expected) = DiagnosticMarkup.Parse(Usings + before);
        var marked = Assert.Single(expected);

        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Tests", "Tests", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: AnalyzerTestCompilation.ParseOptions,
                metadataReferences: References))
            .AddDocument(documentId, "Test0.cs", SourceText.From(source), filePath: AnalyzerTestCompilation.DefaultPath);
        var document = solution.GetDocument(documentId)!;

        var diagnostics = Analyze(analyzer, (await document.Project.GetCompilationAsync())!);
        var diagnostic = Assert.Single(diagnostics, d => d.Id == marked.Id && d.Location.SourceSpan == marked.Span);
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);

        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var chosen = Assert.Single(actions, a => a.Title == title);
        var operations = await chosen.GetOperationsAsync(CancellationToken.None);
        var changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        var fixedText = (await changed.GetDocument(documentId)!.GetTextAsync()).ToString();
        Assert.Equal(Usings + after, fixedText);

        var remaining = Analyze(analyzer, Compilation(fixedText));
        Assert.DoesNotContain(remaining, d => d.Id.StartsWith("NNG", StringComparison.Ordinal));
    }

    /// <summary>The framework, <c>Generated.dll</c> and System.Numerics.Tensors, which generated code calls.</summary>
    private static IEnumerable<MetadataReference> References => Generation.GeneratorHarness.References;

    /// <summary>One source file, <c>/0/Test0.cs</c>, as a library.</summary>
    public static CSharpCompilation Compilation(string source) =>
        CSharpCompilation.Create("Tests", new[] { CSharpSyntaxTree.ParseText(source, AnalyzerTestCompilation.ParseOptions, AnalyzerTestCompilation.DefaultPath) },
            References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Generator, then compiler and <paramref name="analyzer"/>; fails on a compiler error or an analyzer exception.</summary>
    private static ImmutableArray<Diagnostic> Analyze(DiagnosticAnalyzer analyzer, Compilation compilation)
    {
        var (_, output) = AnalyzerTestCompilation.Generate(compilation);
        var diagnostics = AnalyzerTestCompilation.Analyze(output, analyzer, analyzerOnly: false);
        var bad = diagnostics.Where(d => d.Id == "AD0001" || (d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("NNG", StringComparison.Ordinal))).ToList();
        Assert.True(bad.Count == 0, "Unexpected diagnostics:\n" + string.Join("\n", bad));
        return diagnostics;
    }

    private static string Describe(string id, TextSpan span, string source) => $"{id} at '{source[span.Start..span.End]}' ({span.Start}..{span.End})";
}
