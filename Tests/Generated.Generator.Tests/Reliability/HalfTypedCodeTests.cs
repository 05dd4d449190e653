using System.Diagnostics;
using Generated.Analyzers;
using Generated.Generator.Tests.Analyzers;
using Generated.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace Generated.Generator.Tests.Reliability;

/// <summary>
/// Issue #13 item 3: code as it is typed. Over ten declarations (<see cref="HalfTypedModels"/>, the ResNet-style one the
/// largest): every token deletion, every single-character deletion, and prefixes (typing top to bottom). Each edit runs the
/// analyzer and the generator: no analyzer exception (AD0001), no generator exception (CS8784/CS8785 or a run-result
/// exception), and each run within a time bound. CI runs a fixed-seed sample of 100; <c>RELIABILITY_FULL=1</c> runs every edit
/// (12,232), <c>RELIABILITY_EDITS=n</c> a sample of n.
/// </summary>
[Collection(ReliabilityCampaigns.Name)]
public class HalfTypedCodeTests(ITestOutputHelper output)
{
    /// <summary>The CI sample's size; the full run edits every token and character of every model.</summary>
    private const int CiSample = 100;

    /// <summary>A generous bound on one analyzer + generator run of a model of this size (mean is reported, and far lower).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    public static IEnumerable<(string Model, string What, string Source)> Edits()
    {
        foreach (var (name, model) in HalfTypedModels.All)
        {
            var source = AnalyzerVerifier.Usings + model;
            foreach (var token in CSharpSyntaxTree.ParseText(source, AnalyzerTestCompilation.ParseOptions).GetRoot().DescendantTokens())
            {
                yield return (name, $"without token '{token}' at {token.SpanStart}", source.Remove(token.SpanStart, token.Span.Length));
            }
            for (var i = 0; i < source.Length; i++)
            {
                yield return (name, $"without character {i} '{source[i]}'", source.Remove(i, 1));
            }
            var random = new Random(name.Length * 31 + source.Length);
            for (var length = 0; length < source.Length; length += 1 + random.Next(12))
            {
                yield return (name, $"prefix of {length} characters", source[..length]);
            }
        }
    }

    [Fact]
    public void Half_typed_code_never_crashes_the_analyzer_or_the_generator()
    {
        var full = Environment.GetEnvironmentVariable("RELIABILITY_FULL") == "1";
        var all = Edits().ToList();
        var random = new Random(13);
        var sample = Environment.GetEnvironmentVariable("RELIABILITY_EDITS") is { Length: > 0 } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : CiSample;
        var edits = full ? all : all.OrderBy(_ => random.Next()).Take(sample).ToList();
        // The first run in a process JIT-compiles Roslyn, the analyzer and the generator (20 s in the first full run, on a
        // loaded machine): warm up on the unedited models so the bound measures an edit, as an IDE session does.
        var warmUp = Stopwatch.StartNew();
        foreach (var (_, model) in HalfTypedModels.All)
        {
            Check(AnalyzerVerifier.Usings + model);
        }
        output.WriteLine($"warm-up (ten unedited models, first run in the process): {warmUp.Elapsed.TotalSeconds:F1} s");
        var failures = new List<string>();
        var times = new List<double>();
        foreach (var (model, what, source) in edits)
        {
            var watch = Stopwatch.StartNew();
            var problem = Check(source);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (problem is not null)
            {
                failures.Add($"{model}, {what}: {problem}\n---\n{source}");
            }
            else if (watch.Elapsed > Bound)
            {
                failures.Add($"{model}, {what}: analyzer + generator took {watch.Elapsed.TotalSeconds:F1} s (bound {Bound.TotalSeconds} s)");
            }
        }
        output.WriteLine($"{edits.Count} of {all.Count} edits over {HalfTypedModels.All.Count} models; analyzer + generator per edit: mean {times.Average():F1} ms, max {times.Max():F1} ms; {failures.Count} failures");
        Assert.True(failures.Count == 0, $"{failures.Count} edits broke the analyzer or generator:\n" + string.Join("\n\n", failures.Take(5)));
    }

    [Fact]
    public void The_campaign_covers_ten_models_and_ten_thousand_edits()
    {
        Assert.Equal(10, HalfTypedModels.All.Count);
        Assert.True(Edits().Count() >= 10_000);
        // Every model compiles and generates cleanly before it is edited, so the edits start from working code.
        foreach (var (name, model) in HalfTypedModels.All)
        {
            Assert.True(Check(AnalyzerVerifier.Usings + model) is null, name);
            var diagnostics = AnalyzerTestCompilation.Analyze(AnalyzerTestCompilation.Create(AnalyzerVerifier.Usings + model), analyzerOnly: true);
            Assert.True(!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), $"{name}: {string.Join("\n", diagnostics)}");
        }
    }

    /// <summary>Null when the analyzer and the generator ran without an exception; else what went wrong.</summary>
    private static string? Check(string source)
    {
        var compilation = AnalyzerTestCompilation.Create(source);
        var crash = AnalyzerTestCompilation.Analyze(compilation, new NetworkAnalyzer(), analyzerOnly: true).FirstOrDefault(d => d.Id == "AD0001");
        if (crash is not null)
        {
            return "analyzer: " + crash;
        }
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: AnalyzerTestCompilation.ParseOptions);
        driver = driver.RunGenerators(compilation);
        var result = driver.GetRunResult();
        if (result.Results.FirstOrDefault().Exception is { } exception)
        {
            return "generator: " + exception;
        }
        return result.Diagnostics.FirstOrDefault(d => d.Id is "CS8784" or "CS8785") is { } failure ? "generator: " + failure : null;
    }
}
