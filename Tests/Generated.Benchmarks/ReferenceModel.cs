namespace Generated.Benchmarks;

/// <summary>
/// One of the five reference models of docs/PERFORMANCE.md (defined layer by layer in
/// Tests/Fixtures/scripts/bench_models.py): its name, input shape (NHWC) and output shape per sample.
/// </summary>
public sealed class ReferenceModel
{
    private ReferenceModel(string name, string description, int height, int width, int channels, long[] outputShapeNchw)
    {
        Name = name;
        Description = description;
        Height = height;
        Width = width;
        Channels = channels;
        OutputShapeNchw = outputShapeNchw;
        OutputSize = (int)outputShapeNchw.Aggregate(1L, (a, b) => a * b);
    }

    /// <summary>M1..M5 in order.</summary>
    public static IReadOnlyList<ReferenceModel> All { get; } =
    [
        new("M1", "Keras MNIST convnet", 28, 28, 1, [10]),
        new("M2", "TF tutorial CNN", 32, 32, 3, [10]),
        new("M3", "convolutional autoencoder", 28, 28, 1, [1, 28, 28]),
        new("M4", "small strided net", 28, 28, 1, [10]),
        new("M5", "VGG-style block", 32, 32, 3, [10]),
    ];

    /// <summary>M1..M5.</summary>
    public string Name { get; }

    /// <summary>What the model is, in a few words.</summary>
    public string Description { get; }

    /// <summary>Input height.</summary>
    public int Height { get; }

    /// <summary>Input width.</summary>
    public int Width { get; }

    /// <summary>Input channels.</summary>
    public int Channels { get; }

    /// <summary>Floats per input sample.</summary>
    public int InputSize => Height * Width * Channels;

    /// <summary>One sample's output shape as the ONNX graph has it (CHW for image outputs).</summary>
    public IReadOnlyList<long> OutputShapeNchw { get; }

    /// <summary>Floats per output sample.</summary>
    public int OutputSize { get; }

    /// <summary>The model called <paramref name="name"/> (case-insensitive).</summary>
    public static ReferenceModel Get(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model '{name}'; choose from {string.Join(", ", All.Select(m => m.Name))}.", nameof(name));

    /// <summary>Uniform [0, 1) inputs for <paramref name="batch"/> samples, the same for every side given the seed.</summary>
    public float[] RandomInput(int batch, int seed)
    {
        var random = new Random(seed);
        var values = new float[batch * InputSize];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextSingle();
        }
        return values;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
