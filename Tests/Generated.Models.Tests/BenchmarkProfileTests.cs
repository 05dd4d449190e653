using System.Text.Json;
using Generated.Models.Tests.Portable;
using Generated.Tests;
using Xunit;

namespace Generated.Models.Tests;

/// <summary>
/// The benchmark program's per-layer profile (<c>--profile</c>, scripts/benchmark.sh's metric <c>profile</c>) end to end on
/// the smallest model: its rows cover every layer of M4 once, in order, their FLOPs add up to PyTorch's count of the
/// model (Tests/Fixtures/models/model_facts.json), and the batch-1 rows, timed by CPU time, add up to about the full model
/// timed on its own. Timing itself needs a quiet machine and is not judged here.
/// </summary>
public class BenchmarkProfileTests
{
    [Fact]
    public void A_quick_profile_covers_every_layer_once_and_its_rows_add_up()
    {
        var json = Path.Combine(Path.GetTempPath(), $"generated-profile-{Guid.NewGuid():N}.json");
        try
        {
            var run = ChildProcess.Dotnet(PortableBuilds.RepositoryRoot, TimeSpan.FromMinutes(3), BenchmarkProjectTests.BenchmarkAssembly(),
                    "--profile", "--quick", "--models", "M4", "--peak", "100", "--json", json)
                .EnsureSuccess("The quick profile of M4");
            Assert.Contains("FLOP limit: 100.0 GFLOP/s per core", run.Output);

            using var profile = JsonDocument.Parse(File.ReadAllText(json));
            using var facts = JsonDocument.Parse(File.ReadAllText(Path.Combine(PortableBuilds.RepositoryRoot, "Tests", "Fixtures", "models", "model_facts.json")));
            var expected = facts.RootElement.GetProperty("M4StridedNet");
            var model = Assert.Single(profile.RootElement.GetProperty("models").EnumerateArray());
            var rows = model.GetProperty("rows").EnumerateArray().ToList();

            Assert.Equal(expected.GetProperty("layers").EnumerateArray().Select(layer => layer[0].GetString()),
                rows.SelectMany(row => row.GetProperty("layers").EnumerateArray().Select(layer => layer.GetString())));
            Assert.Equal(2 * expected.GetProperty("multiply_adds").GetInt64(), rows.Sum(row => row.GetProperty("forward_flops").GetInt64()));
            foreach (var row in rows)
            {
                foreach (var timing in row.GetProperty("timings").EnumerateObject())
                {
                    var threads = timing.Name == "latency1" ? 1 : 2;
                    if (timing.Value.GetProperty("gflops").ValueKind == JsonValueKind.Number)
                    {
                        Assert.Equal(timing.Value.GetProperty("gflops").GetDouble() / threads, timing.Value.GetProperty("peak_percent").GetDouble(), 6);
                    }
                }
            }
            var latency = model.GetProperty("full").GetProperty("latency1");
            var ratio = latency.GetProperty("sum_of_rows_us").GetDouble() / latency.GetProperty("own_us").GetDouble();
            Assert.InRange(ratio, 0.5, 2.0);
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public void A_bad_peak_is_refused()
    {
        var (exitCode, output) = ChildProcess.Dotnet(PortableBuilds.RepositoryRoot, TimeSpan.FromMinutes(2), BenchmarkProjectTests.BenchmarkAssembly(),
            "--profile", "--peak", "fast");

        Assert.Equal(2, exitCode);
        Assert.Contains("--peak: 'fast' is not a positive GFLOP/s figure.", output);
    }
}
