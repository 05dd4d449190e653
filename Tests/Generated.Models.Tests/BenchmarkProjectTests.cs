using Generated.Models.Tests.Portable;
using Generated.Tests;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// The benchmark project is not run in CI (timing needs a quiet machine), but its start-up self-checks are: listing the
/// benchmarks builds every parameter source, and M5's convolution list is checked against the declared network there.
/// A model change that broke that check once went unnoticed until the next benchmark run aborted at start-up.
/// </summary>
public class BenchmarkProjectTests
{
    [Fact]
    public void ListingTheBenchmarksPassesTheirSelfChecks()
    {
        var listing = ChildProcess.Dotnet(PortableBuilds.RepositoryRoot, TimeSpan.FromMinutes(2), BenchmarkAssembly(),
                "--metrics", "train64,train256,infer256,latency1,gemm", "--list", "flat")
            .EnsureSuccess("Listing the benchmarks");

        Assert.Contains("GeneratedNetworkBenchmarks.Train64", listing.Output);
        Assert.Contains("GeneratedNetworkBenchmarks.Latency1", listing.Output);
        Assert.Contains("ConvolutionGemmBenchmarks.Gemm", listing.Output);
        Assert.Contains("OnnxRuntimeBenchmarks.Infer256", listing.Output);
    }

    [Fact]
    public void AnUnknownVectorWidthIsRefusedWithTheAllowedValues()
    {
        var (exitCode, output) = ChildProcess.Dotnet(PortableBuilds.RepositoryRoot, TimeSpan.FromMinutes(2), BenchmarkAssembly(),
            "--vector-width", "64", "--list", "flat");

        Assert.Equal(2, exitCode);
        Assert.Contains("--vector-width: '64' is not 128, 256 or 512.", output);
    }

    /// <summary>The benchmark program, built by <c>dotnet test Generated.sln -c Release</c> (or here, when this project runs alone).</summary>
    internal static string BenchmarkAssembly()
    {
        var folder = Path.Combine(PortableBuilds.RepositoryRoot, "Tests", "Generated.Benchmarks");
        var assembly = Path.Combine(folder, "bin", "Release", "net10.0", "Generated.Benchmarks.dll");
        if (!File.Exists(assembly))
        {
            ChildProcess.Dotnet(folder, TimeSpan.FromMinutes(5), "build", "Generated.Benchmarks.csproj", "-c", "Release", "-nologo", "-v", "quiet")
                .EnsureSuccess("Building the benchmark project");
        }
        return assembly;
    }
}
