using Microsoft.CodeAnalysis;

namespace Generated.Generator.Tests.Generation;

/// <summary>
/// An invalid model gets no working code: only throwing stubs of its members (see <see cref="InvalidModelStubTests"/>),
/// so the analyzer's error is the only one the user sees.
/// </summary>
public class InvalidModelTests
{
    [Theory]
    [InlineData("""
        using Generated;
        [Network(4, 4, 1)]
        [Conv2D(8, 5)]
        public partial class KernelTooLarge;
        """)]
    [InlineData("""
        using Generated;
        [Network(8, 8, 2)]
        [Conv2D(4, 3, Name = "a")]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [Add("a")]
        [Concatenate("missing")]
        public partial class UnknownMergeInput;
        """)]
    [InlineData("""
        using Generated;
        [Network(28, 28, 1)]
        [Flatten]
        [Conv2D(8, 3)]
        public partial class ConvOnVector;
        """)]
    public void Invalid_model_generates_only_throwing_stubs(string source)
    {
        var (driver, output, diagnostics) = GeneratorHarness.Run(source);
        Assert.Empty(diagnostics);
        var generated = Assert.Single(driver.GetRunResult().GeneratedTrees).ToString();
        Assert.Contains("private static global::System.InvalidOperationException InvalidModel()", generated);
        Assert.DoesNotContain("global::Generated.Kernels.", generated);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden));
    }

    [Fact]
    public void A_valid_and_an_invalid_model_generate_working_code_only_for_the_valid_one()
    {
        const string invalid = """
            using Generated;
            [Network(4, 4, 1)]
            [MaxPooling2D(8)]
            public partial class PoolTooLarge;
            """;
        var (driver, _, _) = GeneratorHarness.Run(ModelSources.TutorialCnn, invalid);
        var sources = driver.GetRunResult().Results.Single().GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "PoolTooLarge.g.cs", "TutorialCnn.g.cs" }, sources.Select(s => s.HintName));
        Assert.Contains("InvalidModel()", sources[0].SourceText.ToString());
        Assert.DoesNotContain("InvalidModel()", sources[1].SourceText.ToString());
    }
}
