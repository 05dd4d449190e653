using Generated.IO;

namespace Generated.Benchmarks;

/// <summary>
/// The files Tests/Fixtures/scripts/bench_pytorch.py --export writes per model: the ONNX graph, the
/// initial weights in our safetensors format, and a reference input/output pair that every side must
/// reproduce (proof that all sides compute the same function from the same weights).
/// </summary>
public sealed class ModelFiles
{
    private ModelFiles(ReferenceModel model, string directory)
    {
        Model = model;
        Onnx = Path.Combine(directory, model.Name + ".onnx");
        Weights = Path.Combine(directory, model.Name + ".safetensors");
        Reference = Path.Combine(directory, model.Name + ".reference.safetensors");
    }

    /// <summary>The model these files belong to.</summary>
    public ReferenceModel Model { get; }

    /// <summary>ONNX graph with NCHW input <c>input</c> and output <c>output</c>, dynamic batch axis.</summary>
    public string Onnx { get; }

    /// <summary>Keras-named, Keras-layout weights for our networks' <c>LoadWeights</c>.</summary>
    public string Weights { get; }

    /// <summary>Reference tensors <c>input_nchw</c>, <c>input_nhwc</c>, <c>output_nchw</c>, <c>output_nhwc</c>.</summary>
    public string Reference { get; }

    /// <summary>The files of <paramref name="model"/> in <paramref name="directory"/>; throws if one is missing.</summary>
    public static ModelFiles Locate(ReferenceModel model, string directory)
    {
        var files = new ModelFiles(model, directory);
        foreach (var path in new[] { files.Onnx, files.Weights, files.Reference })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"{Path.GetFullPath(path)} does not exist. Export the models first: " +
                    $"/usr/bin/python3 Tests/Fixtures/scripts/bench_pytorch.py --export {directory} " +
                    "(scripts/benchmark.sh does), or pass --models-dir.", path);
            }
        }
        return files;
    }

    /// <summary>Reads one reference tensor (see <see cref="Reference"/>) and its shape.</summary>
    public (float[] Values, int[] Shape) ReadReference(string name)
    {
        var tensor = SafeTensors.Read(Reference).Find(name)
            ?? throw new InvalidDataException($"{Reference} has no tensor '{name}'; re-export the models with bench_pytorch.py.");
        return (tensor.Data ?? throw new InvalidDataException($"{Reference}: tensor '{name}' is not float32."), tensor.Shape);
    }

    /// <summary>
    /// Throws unless <paramref name="actual"/> matches the reference output within
    /// <paramref name="tolerance"/> (absolute, plus the same relative to the value).
    /// </summary>
    public static void CheckOutput(string side, ReferenceModel model, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance)
    {
        if (expected.Length != actual.Length)
        {
            throw new InvalidOperationException(
                $"{side} {model.Name}: output has {actual.Length} values, the PyTorch reference {expected.Length}.");
        }
        var worst = 0f;
        var worstIndex = -1;
        for (var i = 0; i < expected.Length; i++)
        {
            var excess = MathF.Abs(expected[i] - actual[i]) - tolerance * (1 + MathF.Abs(expected[i]));
            if (excess > worst || float.IsNaN(actual[i]))
            {
                worst = float.IsNaN(actual[i]) ? float.PositiveInfinity : excess;
                worstIndex = i;
            }
        }
        if (worstIndex >= 0)
        {
            throw new InvalidOperationException(
                $"{side} {model.Name}: output[{worstIndex}] = {actual[worstIndex]} but PyTorch gives {expected[worstIndex]} " +
                $"from the same weights (tolerance {tolerance}); the sides would not be computing the same model.");
        }
    }
}
