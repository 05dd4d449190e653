using Generated.IO;
using Generated.Onnx.Import;

namespace Generated.Interop.Tests.Import;

/// <summary>Imports an ONNX fixture, compiles the declaration, loads the weights and compares Predict with PyTorch's output.</summary>
internal static class ImportedModelCheck
{
    public static string FixturePath(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", file);

    /// <summary>The largest |Predict - PyTorch| over the fixture's samples, and the imported declaration.</summary>
    public static (float Error, ImportedNetwork Imported) Run(string onnxPath, string expectedPath, string className)
    {
        var imported = OnnxImporter.Import(onnxPath, new ImportOptions(className, "Imported"));
        var directory = Path.Combine(Path.GetTempPath(), "generated-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (_, weightsPath) = imported.Write(directory);
            var network = DeclarationCompiler.Compile(imported.Source, className);
            network.LoadWeights(weightsPath);
            var fixture = SafeTensors.Read(expectedPath);
            var input = fixture.Find("input")!;
            var expected = fixture.Find("output")!;
            var samples = input.Shape[0];
            var nhwc = input.Shape.Length == 4 ? Layout.NchwToNhwc(input.Data!, input.Shape) : input.Data!;
            var actual = new float[samples * network.OutputShape.Size];
            network.Predict(nhwc, actual);
            var reference = expected.Shape.Length == 4 ? Layout.NchwToNhwc(expected.Data!, expected.Shape) : expected.Data!;
            Assert.Equal(reference.Length, actual.Length);
            var error = 0f;
            for (var i = 0; i < actual.Length; i++)
            {
                error = Math.Max(error, Math.Abs(actual[i] - reference[i]));
            }
            return (error, imported);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>NCHW to NHWC for fixtures.</summary>
internal static class Layout
{
    public static float[] NchwToNhwc(float[] data, int[] shape)
    {
        int n = shape[0], c = shape[1], h = shape[2], w = shape[3];
        var result = new float[data.Length];
        for (var b = 0; b < n; b++)
        {
            for (var k = 0; k < c; k++)
            {
                for (var y = 0; y < h; y++)
                {
                    for (var x = 0; x < w; x++)
                    {
                        result[((b * h + y) * w + x) * c + k] = data[((b * c + k) * h + y) * w + x];
                    }
                }
            }
        }
        return result;
    }
}
