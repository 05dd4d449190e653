using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Generated.Kernels;
using Generated.Kernels.Convolution;

namespace Generated.Benchmarks;

/// <summary>
/// Our convolution kernels on M5's layers at batch 64, pass by pass, for the GFLOP/s comparison with OpenBLAS
/// (bench_openblas.py times the same shapes from the same list, <see cref="M5Convolutions"/>). Two scopes:
/// <list type="bullet">
/// <item><c>conv</c>: the kernel as the network calls it: <see cref="Conv2D.Forward"/>, <see cref="Conv2D.Backward"/>
/// without input gradient (kernel gradient), and the input gradient <see cref="Conv2D.Backward"/> computes (called
/// directly, since the public method always adds the kernel gradient too). Includes im2col/col2im, which a pure GEMM
/// such as OpenBLAS' does not do; the first layer's forward pass is a direct convolution, no im2col.</item>
/// <item><c>gemm</c>: the same kernels on the 1x1 convolution whose input is the layer's im2col matrix, built once
/// in setup. The kernels skip im2col and col2im for it, so what is timed is what OpenBLAS' time holds: packing,
/// the register-blocked GEMM and threading.</item>
/// </list>
/// Neither adds bias or activation. Threads: <see cref="KernelOptions.MaxThreads"/>. <see cref="KernelOptions.Winograd"/> is
/// off here: this compares GEMMs, and Winograd's F(2x2, 3x3), which the network's 3x3 layers take, does 2.25 times fewer
/// multiply-adds than the FLOPs this table counts.
/// </summary>
[BenchmarkCategory(Sides.Ours)]
public class ConvolutionGemmBenchmarks
{
    /// <summary>Scope: the convolution kernel, im2col/col2im included.</summary>
    public const string ConvolutionScope = "conv";

    /// <summary>Scope: the GEMM alone, over a pre-built im2col matrix.</summary>
    public const string GemmScope = "gemm";

    private int _savedMaxThreads = KernelOptions.MaxThreads;
    private bool _savedWinograd = KernelOptions.Winograd;
    private int _batch;
    private Conv2DGeometry _geometry;
    private float[] _source = [], _kernel = [], _outputGradient = [], _output = [], _kernelGradient = [], _inputGradient = [];

    /// <summary>M5's convolution layers, in network order.</summary>
    public static IEnumerable<string> LayerNames => M5Convolutions.Layers.Select(l => l.Name);

    /// <summary>The three passes; the first layer's input gradient is filtered out by <see cref="IsMeasured"/>.</summary>
    public static IEnumerable<string> PassNames => GemmPass.All;

    /// <summary>Which convolution of M5.</summary>
    [ParamsSource(nameof(LayerNames), Priority = 0)]
    public string Layer { get; set; } = "conv2d_1";

    /// <summary>Which product (<see cref="GemmPass"/>).</summary>
    [ParamsSource(nameof(PassNames), Priority = 1)]
    public string Pass { get; set; } = GemmPass.Forward;

    /// <summary><see cref="ConvolutionScope"/> or <see cref="GemmScope"/>.</summary>
    [Params(ConvolutionScope, GemmScope, Priority = 2)]
    public string Scope { get; set; } = ConvolutionScope;

    /// <summary>Most threads per kernel call (<see cref="KernelOptions.MaxThreads"/>).</summary>
    [ParamsSource(typeof(Selection), nameof(Selection.Threads), Priority = 3)]
    public int Threads { get; set; } = 1;

    /// <summary>False for a case a training step never runs (the first layer's input gradient), which the configuration filters out.</summary>
    public static bool IsMeasured(BenchmarkCase benchmark) =>
        benchmark.Descriptor.Type != typeof(ConvolutionGemmBenchmarks)
        || M5Convolutions.Get((string)benchmark.Parameters[nameof(Layer)]).Passes.Contains((string)benchmark.Parameters[nameof(Pass)]);

    /// <summary>Allocates the operands, builds the im2col matrix for the GEMM scope and checks that it reproduces the kernel, warms up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _savedMaxThreads = KernelOptions.MaxThreads;
        KernelOptions.MaxThreads = Threads;
        _savedWinograd = KernelOptions.Winograd;
        KernelOptions.Winograd = false;
        var layer = M5Convolutions.Get(Layer);
        _batch = M5Convolutions.Batch;
        var g = layer.Geometry;
        var input = RandomValues(_batch * g.InputSize, seed: 1, scale: 1f);
        _kernel = RandomValues(g.KernelSize, seed: 2, scale: 0.1f);
        _outputGradient = RandomValues(_batch * g.OutputSize, seed: 3, scale: 1f);
        _output = new float[_batch * g.OutputSize];
        _kernelGradient = new float[g.KernelSize];
        if (Scope == GemmScope)
        {
            _geometry = layer.ColumnGeometry;
            _source = ColumnsOf(g, _batch, input);
            CheckSameProduct(g, input);
        }
        else
        {
            _geometry = g;
            _source = input;
        }
        _inputGradient = Pass == GemmPass.InputGradient ? new float[_batch * _geometry.InputSize] : [];
        GeneratedNetworkBenchmarks.WarmUp(Gemm);
    }

    /// <summary>Restores the process-wide thread limit and lets the large operands go.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        KernelOptions.MaxThreads = _savedMaxThreads;
        KernelOptions.Winograd = _savedWinograd;
        _source = _kernel = _outputGradient = _output = _kernelGradient = _inputGradient = [];
    }

    /// <summary>One pass of the selected layer: <c>2*M*K*N</c> floating-point operations (<see cref="GflopsColumn"/>).</summary>
    [Benchmark, BenchmarkCategory(Metrics.Gemm)]
    public void Gemm() => Run(_geometry, _source, _output, _kernelGradient, _inputGradient);

    private void Run(in Conv2DGeometry g, float[] source, float[] output, float[] kernelGradient, float[] inputGradient)
    {
        switch (Pass)
        {
            case GemmPass.Forward:
                Conv2D.Forward(g, _batch, source, _kernel, [], Activation.Linear, output);
                break;
            case GemmPass.KernelGradient:
                Conv2D.Backward(g, _batch, source, _kernel, _outputGradient, [], kernelGradient, []);
                break;
            default:
                InputGradient(g, _batch, _kernel, _outputGradient, inputGradient);
                break;
        }
    }

    /// <summary>What <see cref="Conv2D.Backward"/> runs for its input gradient (the public method always computes the kernel gradient as well).</summary>
    private static unsafe void InputGradient(in Conv2DGeometry g, int batch, float[] kernel, float[] outputGradient, float[] inputGradient)
    {
        fixed (float* w = kernel, dy = outputGradient, dx = inputGradient)
        {
            ConvolutionEngine.InputGradient(g, batch, w, dy, null, Activation.Linear, dx);
        }
    }

    /// <summary>The im2col matrix of <paramref name="input"/>: one row of KH*KW*IC taps per output pixel (the runtime's own gather).</summary>
    private static unsafe float[] ColumnsOf(in Conv2DGeometry g, int batch, float[] input)
    {
        var rows = batch * g.OutputHeight * g.OutputWidth;
        var columns = new float[(long)rows * g.KernelHeight * g.KernelWidth * g.InputChannels];
        fixed (float* x = input, c = columns)
        {
            Im2Col.Gather(g, x, 0, rows, c);
        }
        return columns;
    }

    /// <summary>
    /// Runs the pass once through the layer's own kernel and once over the im2col matrix (col2im applied to the column
    /// gradient for the input gradient) and throws unless both give the same result: the GEMM scope must time the
    /// product the convolution computes, not a different one.
    /// </summary>
    private unsafe void CheckSameProduct(in Conv2DGeometry g, float[] input)
    {
        float[] expected, actual;
        switch (Pass)
        {
            case GemmPass.Forward:
                (expected, actual) = (new float[_output.Length], new float[_output.Length]);
                Run(g, input, expected, [], []);
                Run(_geometry, _source, actual, [], []);
                break;
            case GemmPass.KernelGradient:
                (expected, actual) = (new float[_kernelGradient.Length], new float[_kernelGradient.Length]);
                Run(g, input, [], expected, []);
                Run(_geometry, _source, [], actual, []);
                break;
            default:
                (expected, actual) = (new float[input.Length], new float[input.Length]);
                var columnGradient = new float[_source.Length];
                Run(g, input, [], [], expected);
                Run(_geometry, _source, [], [], columnGradient);
                fixed (float* c = columnGradient, dx = actual)
                {
                    Im2Col.ScatterAdd(g, c, 0, _batch * g.OutputHeight * g.OutputWidth, dx);
                }
                break;
        }
        var scale = expected.Max(MathF.Abs);
        var error = expected.Zip(actual, (e, a) => MathF.Abs(e - a)).Max();
        if (!(error <= 1e-4f * scale))
        {
            throw new InvalidOperationException(
                $"{Layer} {Pass}: the GEMM over the im2col matrix differs from the convolution kernel by {error} (largest value {scale}); the gemm scope would time a different product.");
        }
    }

    private static float[] RandomValues(int length, int seed, float scale)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextSingle() * 2f - 1f) * scale;
        }
        return values;
    }
}
