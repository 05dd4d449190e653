using System.Diagnostics;
using Generated.Generator.Tests.Analyzers;
using Generated.Generator.Tests.Documentation;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Generated.Generator.Tests.Generation;

/// <summary>
/// The generator on the largest declaration the repository has, Keras' ResNet50 (176 layers) in
/// Samples/ReferenceArchitectures: it generates without diagnostics, the output compiles, and the code grows linearly with
/// the layers; the measured generation and compile times and sizes are in the test output.
/// MobileNetV2 (155 layers) is compiled by Tests/Generated.Models.Tests' real build, so it is not compiled again here.
/// </summary>
public sealed class ReferenceArchitectureGenerationTests(ITestOutputHelper output)
{
    [Fact]
    public void Keras_ResNet50_generates_and_compiles()
    {
        const string file = "ResNet50.cs";
        const int layers = 176;
        var source = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "Samples", "ReferenceArchitectures", file));
        var clock = Stopwatch.StartNew();
        var (driver, compilation, diagnostics) = GeneratorHarness.Run(source);
        var generation = clock.Elapsed;
        Assert.Empty(diagnostics);
        var generated = Assert.Single(Assert.Single(driver.GetRunResult().Results).GeneratedSources).SourceText.ToString();

        clock.Restart();
        using var assembly = new MemoryStream();
        var emit = compilation.Emit(assembly);
        var compile = clock.Elapsed;
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));

        var lines = generated.Split('\n').Length;
        output.WriteLine($"{file}: {layers} layers; generator {generation.TotalMilliseconds:F0} ms (first run includes JIT); " +
            $"generated {generated.Length:N0} characters in {lines:N0} lines; compile and emit {compile.TotalMilliseconds:F0} ms, {assembly.Length:N0} bytes IL");
        // No bound on the times: on a 2-core machine shared by parallel test runs they vary tenfold (measured: generator
        // 17.8 s cold and compile 34.6 s at load 58; the test output records each run's).
        // Straight-line code grows with the layers, not faster: about 3,900 characters per layer when this was written
        // (forward, backward, the layer table in the XML doc and in Summary, Layers, the parameter views).
        Assert.InRange(generated.Length / layers, 1_000, 8_000);
    }

    [Fact]
    public void Relu_max_value_other_than_6_is_an_error_at_the_argument()
    {
        AnalyzerVerifier.Verify("""
            [Network(4, 4, 3)]
            [ReLU({|NNG0018:5.5|})]
            public partial class Net;
            """);
        AnalyzerVerifier.Verify("""
            [Network(4, 4, 3)]
            [ReLU(6, Name = "Conv1_relu")]
            [ReLU(Name = "plain")]
            public partial class Net;
            """);
    }
}
