using Generated.Benchmarks.Networks;
using Xunit.Abstractions;

namespace Generated.Interop.Tests.Export;

/// <summary>Every exported network loads in ONNX Runtime and predicts what <c>Predict</c> predicts, within 1e-4.</summary>
public sealed class ExportTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    public static TheoryData<string> Networks() => new(NetworkCatalog.Names);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Exported_model_matches_Predict_in_OnnxRuntime(string name)
    {
        var network = NetworkCatalog.Create(name);
        NetworkWeights.Randomize(network, seed: name.Length);
        using var stream = new MemoryStream();
        network.ExportOnnx(stream);
        var (error, scale) = OnnxRuntimeComparison.Compare(network, stream.ToArray(), batch: 3, seed: 7);
        output.WriteLine($"{name}: max |ONNX Runtime - Predict| = {error:E2} (largest |output| {scale:G3})");
        Assert.True(scale > 0.05f, $"{name}: outputs too close to zero for the comparison to mean anything ({scale})");
        Assert.True(error <= Tolerance, $"{name}: max error {error} > {Tolerance}");
    }

    [Fact]
    public void Every_supported_layer_kind_is_exercised()
    {
        var used = NetworkCatalog.Names.SelectMany(name => NetworkCatalog.Create(name).Layers).Select(layer => layer.Kind).ToHashSet();
        var missing = Generated.Onnx.Export.LayerExport.SupportedKinds.Where(kind => !used.Contains(kind)).ToList();
        Assert.True(missing.Count == 0, "Not exercised: " + string.Join(", ", missing));
        var activations = NetworkCatalog.Names.SelectMany(name => NetworkCatalog.Create(name).Layers)
            .Where(layer => layer.Config.ContainsKey("activation")).Select(layer => layer.Config["activation"]).ToHashSet();
        var unused = Generated.Onnx.Export.LayerExport.SupportedActivations.Where(activation => !activations.Contains(activation)).ToList();
        Assert.True(unused.Count == 0, "Activations not exercised: " + string.Join(", ", unused));
    }

    [Fact]
    public void Export_to_a_path_writes_a_loadable_file_and_replaces_an_old_one()
    {
        var network = new M1MnistConvnet(3);
        var path = Path.Combine(Path.GetTempPath(), $"m1-{Guid.NewGuid():N}.onnx");
        try
        {
            File.WriteAllText(path, "old");
            network.ExportOnnx(path);
            Assert.True(OnnxRuntimeComparison.MaxError(network, File.ReadAllBytes(path), 2, 1) <= Tolerance);
            Assert.False(File.Exists(path + ".partial"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_layer_the_exporter_does_not_know_throws_naming_it_and_writes_nothing()
    {
        var network = new UnknownLayerNetwork(new M1MnistConvnet(1), new LayerInfo("warp", "Warp2D", new TensorShape(26, 26, 32), new TensorShape(26, 26, 32), 0, ["conv2d"]));
        var path = Path.Combine(Path.GetTempPath(), $"unknown-{Guid.NewGuid():N}.onnx");
        var error = Assert.Throws<NotSupportedException>(() => network.ExportOnnx(path));
        Assert.Contains("'warp'", error.Message);
        Assert.Contains("Warp2D", error.Message);
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void An_argument_the_exporter_does_not_know_throws_naming_it()
    {
        var inner = new M1MnistConvnet(1);
        var conv = M1MnistConvnet.Layers[0] with { Config = new Dictionary<string, string>(M1MnistConvnet.Layers[0].Config) { ["frobnication"] = "2" } };
        var error = Assert.Throws<NotSupportedException>(() => new UnknownLayerNetwork(inner, conv, replaceFirst: true).ExportOnnx(new MemoryStream()));
        Assert.Contains("'conv2d'", error.Message);
        Assert.Contains("frobnication", error.Message);
    }

    [Fact]
    public void A_network_without_a_layer_description_is_refused()
    {
        var error = Assert.Throws<NotSupportedException>(() => new UnknownLayerNetwork(new M1MnistConvnet(1), null).ExportOnnx(new MemoryStream()));
        Assert.Contains("no Layers", error.Message);
    }
}
