using Generated.IO;
using Generated.Tests;
using Xunit.Abstractions;

namespace Generated.Interop.Tests.Import;

/// <summary>
/// The PyTorch round trip (docs/INTEROP.md): a CNN trained with DistributedDataParallel under torchrun (2 processes,
/// gloo, CPU), exported to ONNX, imported with generated-import, predicts here what PyTorch predicts.
/// </summary>
public sealed class DdpRoundTripTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    private static string Script => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Fixtures", "scripts", "ddp_round_trip.py"));

    [Fact]
    public void The_committed_DDP_trained_model_predicts_like_PyTorch()
    {
        var (error, _) = ImportedModelCheck.Run(ImportedModelCheck.FixturePath("DdpCnn.onnx"), ImportedModelCheck.FixturePath("DdpCnn.expected.safetensors"), "DdpCnn");
        output.WriteLine($"committed DdpCnn: max |Predict - PyTorch| = {error:E2}");
        Assert.True(error <= Tolerance, $"max error {error}");
    }

    [Fact]
    public void Torchrun_trains_with_two_gloo_processes_and_the_import_predicts_the_same()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ddp-round-trip-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = ChildProcess.Run("/usr/bin/torchrun",
                ["--standalone", "--nproc_per_node=2", "--redirects", "1", "--tee", "1", "--log_dir", Path.Combine(directory, "logs"), Script, "--output", directory],
                Directory.CreateDirectory(directory).FullName, TimeSpan.FromMinutes(5));
            output.WriteLine(result.Output);
            result.EnsureSuccess("torchrun ddp_round_trip.py");
            var expected = Path.Combine(directory, "DdpCnn.expected.safetensors");
            var metadata = SafeTensors.Read(expected).Metadata;
            Assert.Equal("2", metadata["world_size"]);
            Assert.Equal("gloo", metadata["backend"]);
            Assert.True(double.Parse(metadata["test_accuracy"], System.Globalization.CultureInfo.InvariantCulture) >= 0.8, "the DDP model did not learn: " + metadata["test_accuracy"]);
            var (error, imported) = ImportedModelCheck.Run(Path.Combine(directory, "DdpCnn.onnx"), expected, "DdpCnn");
            output.WriteLine(imported.Source);
            output.WriteLine($"torchrun DdpCnn: max |Predict - PyTorch| = {error:E2}");
            Assert.True(error <= Tolerance, $"max error {error}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
