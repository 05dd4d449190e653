using Xunit.Abstractions;
using Generated.Tests;

namespace Generated.Embedding.Tests;

/// <summary>
/// libgenerated_mnist through its C ABI: the C checker (gcc) and the Python ctypes checker each run the same checks
/// and print <c>ok: name</c> per check; every check must be there and pass.
/// </summary>
[Collection(NativeBuildCollection.Name)]
public sealed class CApiTests(NativeBuild build, ITestOutputHelper log)
{
    /// <summary>The checks both programs run: predictions, then each kind of bad input of issue 16.</summary>
    public static readonly string[] Checks =
    [
        "shapes", "shape capacity too small", "create from file", "predictions match", "create from memory",
        "bad path", "bad path leaves network NULL", "directory path", "corrupt file", "truncated file", "corrupt memory", "truncated memory", "empty memory",
        "input length", "empty input", "output length", "output length of another batch",
        "null path", "null out network", "null data", "null network", "null input", "null output", "null shape",
        "NaN input", "infinite input", "negative infinite input", "output unchanged on failure",
        "threads below 1", "concurrent predictions", "errors are per thread",
        "free", "freed network", "double free", "free NULL",
    ];

    [Fact]
    public void C_program_built_with_gcc_gets_the_managed_predictions_and_an_error_for_each_bad_input()
    {
        ProcessResult run = ChildProcess.Run(build.CheckerPath, [RepositoryPaths.Weights, build.Fixtures, build.Scratch], build.Scratch, TimeSpan.FromMinutes(5));
        log.WriteLine($"gcc: {build.CompileChecker.Elapsed.TotalSeconds:F1} s; check_predictions: {run.Elapsed.TotalMilliseconds:F0} ms");
        AssertAllChecksPassed(run);
    }

    [Fact]
    public void Python_ctypes_example_gets_the_managed_predictions_and_an_error_for_each_bad_input()
    {
        ProcessResult run = ChildProcess.Run(Python,
            [RepositoryPaths.NativeLibrarySample("examples", "check_predictions.py"), build.LibraryPath, RepositoryPaths.Weights, build.Fixtures, build.Scratch],
            RepositoryPaths.NativeLibrarySample("examples"), TimeSpan.FromMinutes(5));
        log.WriteLine($"check_predictions.py: {run.Elapsed.TotalMilliseconds:F0} ms");
        AssertAllChecksPassed(run);
    }

    // Debian's interpreter: the suite needs nothing beyond the standard library.
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private void AssertAllChecksPassed(ProcessResult run)
    {
        log.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}:{Environment.NewLine}{run.Output}");
        string[] lines = run.Output.Split('\n', StringSplitOptions.TrimEntries);
        foreach (string check in Checks)
        {
            Assert.Single(lines, line => line.StartsWith("ok: " + check + ":", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(lines, line => line.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Contains($"{Checks.Length} of {Checks.Length} checks passed", run.Output, StringComparison.Ordinal);
    }
}
