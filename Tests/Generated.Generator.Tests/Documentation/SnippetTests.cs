using System.Collections.Immutable;
using Generated.Analyzers;
using Generated.Generator.Tests.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Generated.Generator.Tests.Documentation;

/// <summary>
/// Every fenced <c>csharp</c> block in README.md and docs/**/*.md compiles, in-process with Roslyn, the
/// generator and the analyzers. The rules, by where a block is and the HTML comment on the line before it:
/// <list type="bullet">
/// <item>A program (the default): compiled as the one file of a new console project (its implicit global
/// usings, nothing else: the block shows its own <c>using</c> lines) that references Generated,
/// Generated.Datasets and Generated.Onnx, with the generator and the network analyzer, warnings as errors.</item>
/// <item><c>&lt;!-- snippet: fragment --&gt;</c>: statements taken out of a larger program. Wrapped in a
/// method body with <c>using Generated; using Generated.Training;</c>; names it uses but does not declare
/// (CS0103) are allowed, every other error counts (types, members, argument names must exist).</item>
/// <item>docs/diagnostics/*.md: excerpts of a model (often wrong on purpose) and of code using it. Compiled
/// with <c>using Generated; using Generated.Training;</c> and the generator but no analyzers (their
/// diagnostics are the point of the page); a class declaration is appended when the block is attributes
/// only, statements move before declarations, and names the block does not declare (CS0103) or types
/// another block of the page declares may be used; so may CS0260, how the compiler reports NNG0001's
/// missing partial. Every other compiler error counts.</item>
/// </list>
/// </summary>
public partial class SnippetTests
{
    private const string FragmentMarker = "<!-- snippet: fragment -->";

    // What `dotnet new console` puts in GlobalUsings (ImplicitUsings=enable).
    private const string ConsoleImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // What a user's project sees: the runtime (and framework), the data-set loaders of Generated.Datasets and the ONNX
    // export of Generated.Onnx.
    private static readonly ImmutableArray<MetadataReference> References =
        GeneratorHarness.References.Add(MetadataReference.CreateFromFile(typeof(Generated.Data.Mnist).Assembly.Location))
            .Add(MetadataReference.CreateFromFile(typeof(Generated.OnnxExportExtensions).Assembly.Location));

    /// <summary>Every csharp block of the product's markdown, named by file and line.</summary>
    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryFiles.MarkdownFiles())
        {
            foreach (var block in RepositoryFiles.FencedBlocks(file, "csharp"))
            {
                data.Add(block.ToString());
            }
        }
        return data;
    }

    [Fact]
    public void The_readme_and_docs_have_snippets_to_check()
    {
        var blocks = ((IEnumerable<object[]>)Blocks()).Select(row => (string)row[0]).ToList();
        Assert.Contains(blocks, b => b.StartsWith("README.md:", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.StartsWith("docs/diagnostics/", StringComparison.Ordinal));
        Assert.True(blocks.Count >= 10, string.Join(", ", blocks));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Snippet_compiles(string location)
    {
        var file = location[..location.LastIndexOf(':')];
        var block = RepositoryFiles.FencedBlocks(file, "csharp").Single(b => b.ToString() == location);
        var errors = file.StartsWith("docs/diagnostics/", StringComparison.Ordinal) ? CompileExcerpt(block)
            : block.Marker == FragmentMarker ? CompileFragment(block)
            : CompileProgram(block);
        Assert.True(errors.Count == 0, $"{location} does not compile:\n{string.Join("\n", errors)}\n\n{block.Code}");
    }

    [Fact]
    public void A_program_snippet_with_a_shape_error_fails()
    {
        // The check itself: an analyzer error and a compiler error in a program block are both reported.
        var block = new FencedBlock("test", 1, null, """
            using Generated;

            Console.WriteLine(Bad.NoSuchMember);

            [Network(4, 4, 16)]
            [Conv2D(16, 5)]
            public partial class Bad;
            """);
        var errors = CompileProgram(block);
        Assert.Contains(errors, e => e.Contains("NNG0007", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("CS0117", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fragment_may_use_undeclared_names_but_not_unknown_members()
    {
        var known = CompileFragment(new FencedBlock("test", 1, FragmentMarker, "var trainer = model.Compile(new Adam(), Loss.CategoricalCrossentropy, Metric.Accuracy);\n"));
        Assert.Empty(known);
        var unknown = CompileFragment(new FencedBlock("test", 1, FragmentMarker, "var trainer = model.Compile(new Adamm(), Loss.CategoricalCrossentropy);\n"));
        Assert.Contains(unknown, e => e.Contains("CS0246", StringComparison.Ordinal));
    }

    private static List<string> CompileProgram(FencedBlock block)
    {
        var tree = CSharpSyntaxTree.ParseText(block.Code, ParseOptions, path: block.File);
        var hasStatements = tree.GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [tree, CSharpSyntaxTree.ParseText(ConsoleImplicitUsings, ParseOptions, path: "GlobalUsings.g.cs")],
            References,
            new CSharpCompilationOptions(hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error));
        CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        var analyzed = generated.WithAnalyzers([new NetworkAnalyzer()]).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        return Failures(generatorDiagnostics.Concat(analyzed), d => d.Severity >= DiagnosticSeverity.Warning);
    }

    private static List<string> CompileFragment(FencedBlock block)
    {
        var source = "using Generated;\nusing Generated.Training;\n\ninternal static class Fragment\n{\n    internal static void Body()\n    {\n" + block.Code + "\n    }\n}\n";
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: block.File), CSharpSyntaxTree.ParseText(ConsoleImplicitUsings, ParseOptions, path: "GlobalUsings.g.cs")],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return Failures(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS0103");
    }

    private static List<string> CompileExcerpt(FencedBlock block)
    {
        var code = block.Code;
        var attributesOnly = code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)).All(l => l.StartsWith('['));
        var parsed = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(
            "using Generated;\nusing Generated.Training;\n\n" + code + (attributesOnly ? "public partial class Excerpt;\n" : ""), ParseOptions).GetRoot();
        // A page may declare its model before the statements that use it; C# wants the statements first.
        var members = parsed.Members.OfType<GlobalStatementSyntax>().Cast<MemberDeclarationSyntax>().Concat(parsed.Members.Where(m => m is not GlobalStatementSyntax));
        var reordered = string.Concat(parsed.Usings.Select(u => u.ToFullString())) + string.Concat(members.Select(m => m.ToFullString()));
        var tree = CSharpSyntaxTree.ParseText(reordered, ParseOptions, path: block.File);
        var hasStatements = parsed.Members.OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [tree, CSharpSyntaxTree.ParseText(ConsoleImplicitUsings, ParseOptions, path: "GlobalUsings.g.cs")],
            References,
            new CSharpCompilationOptions(hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        // Names the page declares in another block (the example's class, used by its fix) may be used here.
        var pageTypes = RepositoryFiles.FencedBlocks(block.File, "csharp").SelectMany(b => TypeDeclaration().Matches(b.Code)).Select(m => m.Groups["name"].Value).ToHashSet();
        // CS0260 is how the compiler reports NNG0001's mistake (a network class without partial), which its page shows.
        return Failures(generated.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Id is not ("CS0103" or "CS0260")
            && !(d.Id == "CS0246" && pageTypes.Any(t => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains($"'{t}'", StringComparison.Ordinal))));
    }

    private static List<string> Failures(IEnumerable<Diagnostic> diagnostics, Func<Diagnostic, bool> counts) =>
        diagnostics.Where(counts).Select(d => d.ToString()).Distinct().ToList();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bclass (?<name>\w+)")]
    private static partial System.Text.RegularExpressions.Regex TypeDeclaration();
}
