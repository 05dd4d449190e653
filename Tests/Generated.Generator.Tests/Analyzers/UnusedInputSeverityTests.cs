using Generated.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>NNG0100 warns on convolutions but is only an info on pooling, where Keras floors the size on purpose.</summary>
public class UnusedInputSeverityTests
{
    [Fact]
    public void Pooling_that_drops_a_row_is_an_info()
    {
        var diagnostic = Assert.Single(AnalyzerVerifier.Verify("""
            [Network(13, 13, 1)]
            [{|NNG0100:MaxPooling2D(2)|}]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """));
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.False(diagnostic.IsWarningAsError);
    }

    [Fact]
    public void Convolution_that_drops_a_row_stays_a_warning()
    {
        var diagnostic = Assert.Single(AnalyzerVerifier.Verify("""
            [Network(28, 28, 1)]
            [Conv2D(8, 5, {|NNG0100:Strides = 2|}, Activation = Activation.Relu)]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public void Readme_tutorial_cnn_builds_with_warnings_as_errors()
    {
        var compilation = AnalyzerTestCompilation.Create(AnalyzerVerifier.Usings + ReferenceModels.TutorialCnn);
        compilation = compilation.WithOptions(compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error));

        var diagnostics = AnalyzerTestCompilation.Analyze(compilation);

        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(diagnostics, d => d.Id == "NNG0100" && d.Severity == DiagnosticSeverity.Info);
    }

    [Fact]
    public void A_convolution_warning_fails_a_build_with_warnings_as_errors()
    {
        var compilation = AnalyzerTestCompilation.Create(AnalyzerVerifier.Usings + """
            [Network(28, 28, 1)]
            [Conv2D(8, 5, Strides = 2, Activation = Activation.Relu)]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """);
        compilation = compilation.WithOptions(compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error));

        var diagnostics = AnalyzerTestCompilation.Analyze(compilation);

        Assert.Contains(diagnostics, d => d.Id == "NNG0100" && d.Severity == DiagnosticSeverity.Error && d.IsWarningAsError);
    }
}
