using System.Text.Json;
using Generated.Benchmarks.Networks;
using Generated.Kernels;

namespace Generated.Benchmarks;

/// <summary>
/// M5's convolutions as the GEMM benchmark measures them, read from Tests/Fixtures/scripts/m5_convolutions.json
/// (embedded in this assembly): the one list that bench_openblas.py measures too. Checked against the generated
/// <see cref="M5VggBlock.Layers"/> on first use, so the list cannot drift from the network it describes.
/// </summary>
public static class M5Convolutions
{
    private const string ResourceName = "m5_convolutions.json";

    private static readonly Lazy<(int Batch, IReadOnlyList<ConvolutionLayer> Layers)> s_list = new(Load);

    /// <summary>Batch size of the measured shapes (64, as the issue's target states it).</summary>
    public static int Batch => s_list.Value.Batch;

    /// <summary>The convolutions in network order.</summary>
    public static IReadOnlyList<ConvolutionLayer> Layers => s_list.Value.Layers;

    /// <summary>The layer called <paramref name="name"/>.</summary>
    public static ConvolutionLayer Get(string name) =>
        Layers.FirstOrDefault(l => l.Name == name)
        ?? throw new ArgumentException($"M5 has no convolution '{name}'; choose from {string.Join(", ", Layers.Select(l => l.Name))}.", nameof(name));

    private static (int, IReadOnlyList<ConvolutionLayer>) Load()
    {
        using var stream = typeof(M5Convolutions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing: Generated.Benchmarks.csproj embeds Tests/Fixtures/scripts/m5_convolutions.json.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var layers = root.GetProperty("layers").EnumerateArray().Select(l => new ConvolutionLayer(
            l.GetProperty("name").GetString() ?? throw new InvalidDataException($"{ResourceName}: a layer has a null name."),
            l.GetProperty("height").GetInt32(),
            l.GetProperty("width").GetInt32(),
            l.GetProperty("in_channels").GetInt32(),
            l.GetProperty("out_channels").GetInt32(),
            l.GetProperty("kernel").GetInt32(),
            l.GetProperty("first").GetBoolean())).ToArray();
        CheckAgainstNetwork(layers);
        return (root.GetProperty("batch").GetInt32(), layers);
    }

    /// <summary>Throws unless <paramref name="layers"/> are exactly M5's Conv2D layers, as 'same' stride-1 square kernels.</summary>
    private static void CheckAgainstNetwork(IReadOnlyList<ConvolutionLayer> layers)
    {
        var convolutions = M5VggBlock.Layers.Where(l => l.Kind == "Conv2D").ToArray();
        var listed = string.Join(", ", layers.Select(l => l.Name));
        var declared = string.Join(", ", convolutions.Select(l => l.Name));
        if (listed != declared)
        {
            throw new InvalidDataException($"{ResourceName} lists the convolutions [{listed}] but M5VggBlock declares [{declared}]: update the JSON file.");
        }
        foreach (var (layer, info) in layers.Zip(convolutions))
        {
            var expected = new LayerInfo(layer.Name, "Conv2D", new TensorShape(layer.Height, layer.Width, layer.InputChannels),
                new TensorShape(layer.Height, layer.Width, layer.OutputChannels),
                layer.Kernel * layer.Kernel * layer.InputChannels * layer.OutputChannels + layer.OutputChannels, info.Inputs)
            {
                Config = info.Config, // compared below by value (a record compares the dictionary by reference)
                MultiplyAdds = info.MultiplyAdds, // model facts are checked against PyTorch's profiler in the model tests
                ActivationFloats = info.ActivationFloats,
            };
            var sameStrideOne = info.ConfigValue("padding") == "same" && info.ConfigValue("strides") == "1,1"
                && info.ConfigValue("kernel_size") == $"{layer.Kernel},{layer.Kernel}";
            if (info != expected || !sameStrideOne || (info.Inputs[0] == "input") != layer.First)
            {
                throw new InvalidDataException(
                    $"{ResourceName} describes {layer.Name} as {layer} but M5VggBlock has input {info.InputShape}, output {info.OutputShape}, " +
                    $"{info.ParameterCount} parameters, inputs [{string.Join(", ", info.Inputs)}], config {string.Join(", ", info.Config)}: update the JSON file.");
            }
        }
    }
}

/// <summary>One convolution of M5: square kernel, 'same' padding, stride 1, with bias.</summary>
/// <param name="Name">Keras name (<c>conv2d_1</c>).</param>
/// <param name="Height">Input and output height.</param>
/// <param name="Width">Input and output width.</param>
/// <param name="InputChannels">Input channels.</param>
/// <param name="OutputChannels">Output channels (filters).</param>
/// <param name="Kernel">Kernel height and width.</param>
/// <param name="First">Reads the network input, so training never computes its input gradient.</param>
public sealed record ConvolutionLayer(string Name, int Height, int Width, int InputChannels, int OutputChannels, int Kernel, bool First)
{
    /// <summary>The passes a training step runs for this layer: forward, kernel gradient, and input gradient unless it is the first layer.</summary>
    public IReadOnlyList<string> Passes => First ? [GemmPass.Forward, GemmPass.KernelGradient] : GemmPass.All;

    /// <summary>Im2col row length: <c>Kernel * Kernel * InputChannels</c>.</summary>
    public int ColumnLength => Kernel * Kernel * InputChannels;

    /// <summary>The layer's geometry for <see cref="Conv2D"/> ('same': the odd padding pixel goes bottom/right, none here for odd kernels).</summary>
    public Conv2DGeometry Geometry => new(Height, Width, InputChannels, Height, Width, OutputChannels, Kernel, Kernel, 1, 1, 1, 1, (Kernel - 1) / 2, (Kernel - 1) / 2);

    /// <summary>
    /// The 1x1 convolution whose input is this layer's im2col matrix (one "pixel" of <see cref="ColumnLength"/> channels per
    /// output pixel): the same GEMMs with im2col and col2im removed, since the kernels skip them when im2col is the identity.
    /// Its kernel (1, 1, K, OC) has the same memory as this layer's HWIO kernel.
    /// </summary>
    public Conv2DGeometry ColumnGeometry => new(Height, Width, ColumnLength, Height, Width, OutputChannels, 1, 1, 1, 1, 1, 1, 0, 0);

    /// <summary>(M, K, N) of the product <paramref name="pass"/> computes at <paramref name="batch"/>, as bench_openblas.py names them.</summary>
    public (long M, long K, long N) Shape(string pass, int batch)
    {
        long pixels = (long)batch * Height * Width, k = ColumnLength, n = OutputChannels;
        return pass switch
        {
            GemmPass.Forward => (pixels, k, n),        // im2col (M x K) x kernel (K x N)
            GemmPass.KernelGradient => (k, pixels, n), // im2col^T (K x M) x dOut (M x N)
            GemmPass.InputGradient => (pixels, n, k),  // dOut (M x N) x kernel^T (N x K), then col2im
            _ => throw new ArgumentException($"Unknown pass '{pass}'; choose from {string.Join(", ", GemmPass.All)}.", nameof(pass)),
        };
    }

    /// <summary>Floating-point operations of <paramref name="pass"/> at <paramref name="batch"/>: <c>2*M*K*N</c>.</summary>
    public double Flops(string pass, int batch)
    {
        var (m, k, n) = Shape(pass, batch);
        return 2.0 * m * k * n;
    }
}

/// <summary>The three products of a convolution's training step, named as in bench_openblas.py's JSON.</summary>
public static class GemmPass
{
    /// <summary><c>out = cols x W</c>.</summary>
    public const string Forward = "forward";

    /// <summary><c>dW += cols^T x dOut</c>.</summary>
    public const string KernelGradient = "kernel-grad";

    /// <summary><c>dIn = col2im(dOut x W^T)</c>.</summary>
    public const string InputGradient = "input-grad";

    /// <summary>All three, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Forward, KernelGradient, InputGradient];
}
