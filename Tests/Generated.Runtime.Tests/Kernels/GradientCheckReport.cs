using System.Globalization;
using System.Text;
using Generated.Runtime.Tests.Common;
using Generated.Runtime.Tests.Training;
using Xunit.Abstractions;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Runs every finite-difference gradient case of the layer kernels (both twins) and the losses, and writes one
/// Markdown row per gradient: how many cases, the worst relative error over them and the tolerance. Every check
/// asserts as it runs, so the report fails when any gradient is off. The table goes to the test output and to
/// <c>gradient-checks.md</c> beside the test assembly (never into the repository). Reproduce with
/// <c>dotnet test Tests/Generated.Runtime.Tests --filter GradientCheckReport --logger "console;verbosity=detailed"</c>.
/// </summary>
public class GradientCheckReport(ITestOutputHelper output)
{
    [Fact]
    public void Every_gradient_check_passes_and_is_reported()
    {
        var results = ConvolutionGradientTests.All()
            .Concat(PoolingGradientTests.All())
            .Concat(ReluFusedBackwardTests.All())
            .Concat(ResamplingGradientTests.All())
            .Concat(PaddingGradientTests.All())
            .Concat(ClassicCnnGradientTests.All())
            .Concat(NormalizationGradientTests.All())
            .Concat(ActivationGradientTests.All())
            .Concat(MergeAndDropoutGradientTests.All())
            .Concat(ElementwiseMergeGradientTests.All())
            .Concat(MaxUnpoolingGradientTests.All())
            .Concat(PreprocessingGradientTests.All())
            .Concat(LossGradientTests.All())
            .ToList();

        var table = Table(results);
        output.WriteLine(table);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "gradient-checks.md"), table);

        // One tolerance per row, every row within it, and no activation left out.
        var checks = results.Select(r => r.Check).Distinct().ToList();
        Assert.Equal(checks.Count, results.GroupBy(r => (r.Check, r.Tolerance)).Count());
        Assert.All(results, r => Assert.True(r.WorstRelativeError <= r.Tolerance.Relative, $"{r.Check} [{r.Case}]: {r.WorstRelativeError:G3} > {r.Tolerance}"));
        foreach (var activation in Enum.GetValues<Activation>())
        {
            Assert.Contains($"{activation} ∂input", checks);
        }
    }

    private static string Table(IEnumerable<GradientCheckResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine("| check | cases | worst relative error | tolerance |");
        table.AppendLine("|---|---:|---:|---|");
        foreach (var group in results.GroupBy(r => r.Check))
        {
            var worst = group.MaxBy(r => r.WorstRelativeError)!;
            table.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} | {worst.WorstRelativeError:0.0e+00} ({worst.Case}) | {worst.Tolerance} |");
        }
        return table.ToString();
    }
}
