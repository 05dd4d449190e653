using System.Collections.Immutable;
using Generated.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Generated.Generator.Tests.Infrastructure;

/// <summary>
/// Compiles test sources against the real runtime assembly (the attributes users write) and the
/// running framework, then runs the network analyzer or the generator on them.
/// </summary>
internal static class AnalyzerTestCompilation
{
    /// <summary>The parse options users get: the newest language this Roslyn knows.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The framework's own assemblies plus <c>Generated.dll</c>.</summary>
    public static ImmutableArray<MetadataReference> References { get; } = LoadReferences();

    /// <summary>Compiles <paramref name="sources"/> (file path, text) into a library.</summary>
    public static CSharpCompilation Create(params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create(
            "Tests",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Compiles one source file, <c>/0/Test0.cs</c>.</summary>
    public static CSharpCompilation Create(string source) => Create((DefaultPath, source));

    /// <summary>The path given to a single test source.</summary>
    public const string DefaultPath = "/0/Test0.cs";

    /// <summary>
    /// Runs <see cref="NetworkAnalyzer"/>. Returns the compiler's (unless <paramref name="analyzerOnly"/>)
    /// and the analyzer's diagnostics; an exception thrown by the analyzer shows up as an <c>AD0001</c>
    /// diagnostic, which callers reject.
    /// </summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, bool analyzerOnly = false, CancellationToken cancellationToken = default) =>
        Analyze(compilation, new NetworkAnalyzer(), analyzerOnly, cancellationToken);

    /// <summary>Runs <paramref name="analyzer"/> as <see cref="Analyze(Compilation, bool, CancellationToken)"/> runs ours.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, DiagnosticAnalyzer analyzer, bool analyzerOnly, CancellationToken cancellationToken = default)
    {
        var exceptions = new List<Diagnostic>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, diagnostic) => { lock (exceptions) { exceptions.Add(diagnostic); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options);
        var diagnostics = (analyzerOnly ? withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken) : withAnalyzers.GetAllDiagnosticsAsync(cancellationToken))
            .GetAwaiter().GetResult();
        lock (exceptions)
        {
            return diagnostics.AddRange(exceptions.Where(e => !diagnostics.Contains(e)));
        }
    }

    /// <summary>Runs the source generator and returns the driver's result and the compilation with its output.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Generate(Compilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult(), output);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The trusted platform assemblies also list the test's own dependencies; keep the framework's.
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => Path.GetDirectoryName(path) == frameworkDirectory)
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
