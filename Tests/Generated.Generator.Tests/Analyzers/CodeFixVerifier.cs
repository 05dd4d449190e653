using Generated.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>Applies a code fix in a workspace, as the IDE does, and compares the text before and after.</summary>
internal static class CodeFixVerifier
{
    /// <summary>
    /// Finds the one diagnostic marked in <paramref name="before"/>, applies the fix titled
    /// <paramref name="title"/> from <paramref name="provider"/>, and asserts the result is
    /// <paramref name="after"/>, whose own markers are the diagnostics that must remain.
    /// </summary>
    public static async Task VerifyAsync(CodeFixProvider provider, string before, string after, string title)
    {
        var (source, expected) = DiagnosticMarkup.Parse(AnalyzerVerifier.Usings + before);
        var marked = Assert.Single(expected);

        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Tests", "Tests", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: AnalyzerTestCompilation.ParseOptions,
                metadataReferences: AnalyzerTestCompilation.References))
            .AddDocument(documentId, "Test0.cs", SourceText.From(source), filePath: AnalyzerTestCompilation.DefaultPath);
        var document = solution.GetDocument(documentId)!;

        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = AnalyzerTestCompilation.Analyze(compilation);
        AnalyzerVerifier.AssertNoCrashOrCompilerError(diagnostics);
        var diagnostic = Assert.Single(diagnostics, d => d.Id == marked.Id && d.Location.SourceSpan == marked.Span);
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        var chosen = Assert.Single(actions, a => a.Title == title);

        var operations = await chosen.GetOperationsAsync(CancellationToken.None);
        var changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        var fixedText = (await changed.GetDocument(documentId)!.GetTextAsync()).ToString();

        var (expectedText, remaining) = DiagnosticMarkup.Parse(AnalyzerVerifier.Usings + after);
        Assert.Equal(expectedText, fixedText);

        var fixedDiagnostics = AnalyzerTestCompilation.Analyze(AnalyzerTestCompilation.Create(fixedText));
        AnalyzerVerifier.AssertNoCrashOrCompilerError(fixedDiagnostics);
        Assert.Equal(
            remaining.Select(r => (r.Id, r.Span)).OrderBy(r => r.Span.Start),
            fixedDiagnostics.Where(d => d.Id.StartsWith("NNG", StringComparison.Ordinal)).Select(d => (d.Id, d.Location.SourceSpan)).OrderBy(r => r.SourceSpan.Start));
    }
}
