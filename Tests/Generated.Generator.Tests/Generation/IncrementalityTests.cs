using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Generated.Generator.Tests.Generation;

/// <summary>
/// The pipeline caches (after NetEscapades.EnumGenerators' TestHelpers): an unrelated edit leaves every
/// tracked step Cached or Unchanged, and no step output holds a symbol, syntax node or compilation.
/// </summary>
public class IncrementalityTests
{
    private static readonly string[] TrackedSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void Tracking_names_cover_the_pipeline()
    {
        Assert.Equal(new[] { "Declarations", "Models", "ValidModels", "InvalidModels", "LanguageSupported" }, TrackedSteps);
    }

    [Theory]
    [MemberData(nameof(ModelSources.All), MemberType = typeof(ModelSources))]
    public void Adding_an_unrelated_file_keeps_every_step_cached(string name, string source)
    {
        var (first, second) = RunTwice(source, c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Unrelated { public int Value; }", GeneratorHarness.ParseOptions)));
        AssertAllCached(name, first, second, skipped: TrackingNames.InvalidModels);
    }

    [Fact]
    public void Adding_an_unrelated_file_keeps_an_invalid_models_stub_cached()
    {
        const string invalid = "using Generated;\n[Network(4, 4, 1)]\n[Conv2D(8, 5)]\npublic partial class KernelTooLarge;";
        var (first, second) = RunTwice(invalid, c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Unrelated { public int Value; }", GeneratorHarness.ParseOptions)));
        AssertAllCached("KernelTooLarge", first, second, skipped: TrackingNames.ValidModels);
    }

    [Fact]
    public void Adding_another_class_to_the_same_file_keeps_the_model_unchanged()
    {
        var (first, second) = RunTwice(ModelSources.TutorialCnn, c =>
        {
            var tree = c.SyntaxTrees.Single();
            var edited = tree.WithChangedText(tree.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(
                new Microsoft.CodeAnalysis.Text.TextSpan(tree.Length, 0), "\npublic class Helper { }\n")));
            return c.ReplaceSyntaxTree(tree, edited);
        });
        // The edited file is re-read, but the declaration read from it equals the old one, so later steps are cached.
        AssertStepReasons(second, "Models", IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertStepReasons(second, "ValidModels", IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertNoCompilerObjects(first);
    }

    [Fact]
    public void Changing_a_layer_modifies_the_model()
    {
        var (_, second) = RunTwice(ModelSources.TutorialCnn, c =>
        {
            var tree = c.SyntaxTrees.Single();
            var edited = CSharpSyntaxTree.ParseText(ModelSources.TutorialCnn.Replace("Dense(64,", "Dense(32,"), GeneratorHarness.ParseOptions);
            return c.ReplaceSyntaxTree(tree, edited);
        });
        AssertStepReasons(second, "Models", IncrementalStepRunReason.Modified);
    }

    private static (GeneratorDriverRunResult First, GeneratorDriverRunResult Second) RunTwice(string source, Func<Compilation, Compilation> edit)
    {
        var compilation = GeneratorHarness.Compilation(source);
        var driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult();
        driver = driver.RunGenerators(edit(compilation.Clone()));
        return (first, driver.GetRunResult());
    }

    /// <summary>Every tracked step but <paramref name="skipped"/> (the branch a valid or an invalid model does not take) ran and stayed cached.</summary>
    private static void AssertAllCached(string name, GeneratorDriverRunResult first, GeneratorDriverRunResult second, string skipped)
    {
        var firstSteps = Steps(first);
        var secondSteps = Steps(second);
        Assert.Equal(TrackedSteps.Where(s => s != skipped).OrderBy(s => s), firstSteps.Keys.OrderBy(s => s));
        Assert.Equal(firstSteps.Keys.OrderBy(s => s), secondSteps.Keys.OrderBy(s => s));
        foreach (var (step, runs) in firstSteps)
        {
            var before = runs.SelectMany(r => r.Outputs).Select(o => o.Value).ToList();
            var after = secondSteps[step].SelectMany(r => r.Outputs).Select(o => o.Value).ToList();
            Assert.True(before.SequenceEqual(after), $"{name}: step {step} produced different outputs for an unrelated edit");
            foreach (var output in secondSteps[step].SelectMany(r => r.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"{name}: step {step} was {output.Reason} after an unrelated edit");
            }
        }
        foreach (var output in second.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs))
        {
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason);
        }
        AssertNoCompilerObjects(first);
    }

    private static void AssertStepReasons(GeneratorDriverRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        var outputs = Steps(result)[step].SelectMany(r => r.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Contains(o.Reason, allowed));
    }

    private static Dictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> Steps(GeneratorDriverRunResult result) =>
        result.Results.Single().TrackedSteps.Where(s => TrackedSteps.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value);

    /// <summary>Walks every object reachable from the step outputs; a symbol, node or compilation there would pin old compilations in memory.</summary>
    private static void AssertNoCompilerObjects(GeneratorDriverRunResult result)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var (step, runs) in Steps(result))
        {
            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                Visit(output.Value, step, visited);
            }
        }
    }

    private static void Visit(object? node, string path, HashSet<object> visited)
    {
        if (node is null || !visited.Add(node))
        {
            return;
        }
        Assert.False(node is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel,
            $"{path} holds a {node.GetType().Name}: the pipeline must keep plain values only");
        var type = node.GetType();
        if (type.IsPrimitive || type.IsEnum || node is string)
        {
            return;
        }
        if (node is IEnumerable sequence)
        {
            var index = 0;
            foreach (var item in sequence)
            {
                Visit(item, $"{path}[{index++}]", visited);
            }
            if (!type.IsValueType)
            {
                return;
            }
        }
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Visit(field.GetValue(node), $"{path}.{field.Name}", visited);
            }
        }
    }
}
