using Generated.Import;
using Generated.Onnx.Import;
using Xunit.Abstractions;

namespace Generated.Interop.Tests.Import;

/// <summary>PyTorch-exported ONNX models (Tests/Fixtures/scripts/make_onnx_fixtures.py) imported, compiled and run: Predict matches PyTorch within 1e-4.</summary>
public sealed class ImportTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData("M1MnistConvnet")]
    [InlineData("M2TutorialCnn")]
    [InlineData("M3Autoencoder")]
    [InlineData("M4StridedNet")]
    [InlineData("M5VggBlock")]
    [InlineData("ResNetBasicBlock")]
    [InlineData("Patterns")]
    [InlineData("LayerVariants")]
    public void Imported_PyTorch_model_predicts_like_PyTorch(string name)
    {
        var (error, imported) = ImportedModelCheck.Run(ImportedModelCheck.FixturePath(name + ".onnx"), ImportedModelCheck.FixturePath(name + ".expected.safetensors"), name);
        output.WriteLine(imported.Source);
        output.WriteLine($"{name}: max |Predict - PyTorch| = {error:E2}");
        Assert.True(error <= Tolerance, $"{name}: max error {error} > {Tolerance}");
    }

    [Fact]
    public void M1_declaration_reads_like_the_reference_model()
    {
        var imported = OnnxImporter.Import(ImportedModelCheck.FixturePath("M1MnistConvnet.onnx"), new ImportOptions("M1"));
        var attributes = imported.Source.Split('\n').Where(line => line.StartsWith('[')).Select(line => line.Split(" //")[0].Trim()).ToArray();
        Assert.Equal(new[]
        {
            "[Network(28, 28, 1)]", "[Conv2D(32, 3, Activation = Activation.Relu)]", "[MaxPooling2D(2)]", "[Conv2D(64, 3, Activation = Activation.Relu)]",
            "[MaxPooling2D(2)]", "[Flatten]", "[Dense(10, Activation = Activation.Softmax)]",
        }, attributes);
        Assert.Equal(new[] { "conv2d.kernel", "conv2d.bias", "conv2d_1.kernel", "conv2d_1.bias", "dense.kernel", "dense.bias" }, imported.Weights.Select(w => w.Name));
        Assert.Equal(new[] { 3, 3, 1, 32 }, imported.Weights[0].Shape);
        Assert.Equal(new[] { 1600, 10 }, imported.Weights[4].Shape);
    }

    [Fact]
    public void Unsupported_operators_are_listed_with_their_node_names_and_nothing_is_written()
    {
        var directory = Path.Combine(Path.GetTempPath(), "import-unsupported-" + Guid.NewGuid().ToString("N"));
        var error = new StringWriter();
        var code = ImportCommand.Run([ImportedModelCheck.FixturePath("Unsupported.onnx"), "--output", directory], new StringWriter(), error);
        Assert.Equal(1, code);
        var message = error.ToString();
        output.WriteLine(message);
        Assert.DoesNotContain("HardSwish (node", message); // translated since the later layers (Activation.HardSwish)
        Assert.Contains("Shape (node '", message);
        Assert.Contains("Gather (node '", message);
        Assert.False(Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any());
    }

    [Fact]
    public void A_dynamic_image_size_is_an_error_naming_the_dimension()
    {
        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(ImportedModelCheck.FixturePath("DynamicSize.onnx"), new ImportOptions("Dynamic")));
        Assert.Contains("dynamic dimension 2 ('height')", error.Message);
    }

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.5)]
    [InlineData(0.97)]
    public void A_truncated_file_is_an_import_error(double fraction)
    {
        var bytes = File.ReadAllBytes(ImportedModelCheck.FixturePath("M4StridedNet.onnx"));
        var truncated = bytes.AsSpan(0, (int)(bytes.Length * fraction)).ToArray();
        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(truncated, new ImportOptions("Truncated"), "M4StridedNet.onnx"));
        output.WriteLine(error.Message);
        Assert.Contains("M4StridedNet.onnx", error.Message + (error.InnerException?.Message ?? ""), StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_are_an_import_error()
    {
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(bytes, new ImportOptions("Corrupt"), "noise.onnx"));
        Assert.Contains("noise.onnx", error.Message);
    }

    [Fact]
    public void The_tool_writes_the_declaration_and_the_weights()
    {
        var directory = Path.Combine(Path.GetTempPath(), "import-tool-" + Guid.NewGuid().ToString("N"));
        try
        {
            var outputText = new StringWriter();
            var code = ImportCommand.Run([ImportedModelCheck.FixturePath("M3Autoencoder.onnx"), "-o", directory, "--namespace", "Models"], outputText, new StringWriter());
            Assert.Equal(0, code);
            Assert.Contains("feature map", outputText.ToString());
            Assert.Contains("namespace Models;", File.ReadAllText(Path.Combine(directory, "M3Autoencoder.cs")));
            Assert.Equal(6, Generated.IO.SafeTensors.Read(Path.Combine(directory, "M3Autoencoder.safetensors")).Tensors.Count);
            Assert.Empty(Directory.GetFiles(directory, "*.partial"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Padding_layers_name_the_pads_they_stand_for()
    {
        var imported = OnnxImporter.Import(ImportedModelCheck.FixturePath("Patterns.onnx"), new ImportOptions("Patterns"));
        var paddings = imported.Source.Split('\n').Where(line => line.StartsWith("[ZeroPadding2D", StringComparison.Ordinal)).ToArray();
        Assert.Equal(new[]
        {
            "[ZeroPadding2D(1, 1, 1, 1)] // pads of /conv/Conv", // PyTorch's padding=1 at stride 2 on an even input is not Keras' Same
            "[ZeroPadding2D(1, 1, 1, 1)] // /pool/Pad", // PyTorch exports count_include_pad as a Pad node: the zeros are averaged
            "[ZeroPadding2D(2, 1, 1, 0)] // /pad/Pad", // nn.ZeroPad2d((1, 0, 2, 1)): left, right, top, bottom
        }, paddings.Select(line => line.TrimEnd()));
    }

    [Fact]
    public void An_invalid_class_or_namespace_name_is_refused()
    {
        var path = ImportedModelCheck.FixturePath("M3Autoencoder.onnx");
        Assert.Contains("'3d' is not a C# identifier", Assert.Throws<ArgumentException>(() => OnnxImporter.Import(path, new ImportOptions("3d"))).Message);
        Assert.Contains("'My App' is not a C# namespace", Assert.Throws<ArgumentException>(() => OnnxImporter.Import(path, new ImportOptions("Net", "My App"))).Message);
    }

    [Fact]
    public void Class_names_come_from_file_names()
    {
        Assert.Equal("M1MnistConvnet", ImportCommand.ClassName("m1_mnist-convnet.onnx"));
        Assert.Equal("Model3dNet", ImportCommand.ClassName("3d-net.onnx"));
    }
}
