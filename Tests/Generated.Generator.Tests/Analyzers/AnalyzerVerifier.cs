using System.Collections.Immutable;
using Generated.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>Runs the analyzer on marked-up source and asserts exactly the marked diagnostics.</summary>
internal static class AnalyzerVerifier
{
    /// <summary>Prepended to every test source so it reads like user code.</summary>
    public const string Usings = "using Generated;\n\n";

    /// <summary>
    /// Asserts that the analyzer reports exactly the diagnostics marked in <paramref name="markup"/>
    /// (ID and span), that the compiler reports no error and that the analyzer never throws.
    /// </summary>
    public static ImmutableArray<Diagnostic> Verify(string markup, string? defaultId = null)
    {
        var (source, expected) = DiagnosticMarkup.Parse(Usings + markup, defaultId);
        var diagnostics = AnalyzerTestCompilation.Analyze(AnalyzerTestCompilation.Create(source));
        AssertNoCrashOrCompilerError(diagnostics);
        var ours = diagnostics.Where(d => d.Id.StartsWith("NNG", StringComparison.Ordinal)).ToImmutableArray();
        Assert.Equal(
            expected.Select(e => Describe(e.Id, e.Span.Start, e.Span.End, source)).OrderBy(s => s, StringComparer.Ordinal),
            ours.Select(d => Describe(d.Id, d.Location.SourceSpan.Start, d.Location.SourceSpan.End, source) + " " + d.GetMessage()).OrderBy(s => s, StringComparer.Ordinal),
            new PrefixComparer());
        return ours;
    }

    /// <summary>Fails on an analyzer exception (AD0001) or any compiler error, showing them.</summary>
    public static void AssertNoCrashOrCompilerError(ImmutableArray<Diagnostic> diagnostics)
    {
        var bad = diagnostics.Where(d => d.Id == "AD0001" || (d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("NNG", StringComparison.Ordinal))).ToList();
        Assert.True(bad.Count == 0, "Unexpected diagnostics:\n" + string.Join("\n", bad));
    }

    private static string Describe(string id, int start, int end, string source) => $"{id} at '{source[start..end]}' ({start}..{end})";

    /// <summary>The actual line also carries the message, shown on failure but not compared.</summary>
    private sealed class PrefixComparer : IEqualityComparer<string>
    {
        public bool Equals(string? expected, string? actual) =>
            expected is not null && actual is not null && (actual == expected || actual.StartsWith(expected + " ", StringComparison.Ordinal));

        public int GetHashCode(string obj) => 0;
    }
}
