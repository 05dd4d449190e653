using Generated.Kernels.Convolution;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// Predict's batch-1 plan, chosen at generation time: which Conv2D layers run the direct convolution
/// (<c>DirectConv2D</c>, a register tile of pixels x channels over the input itself) or Winograd's F(2x2, 3x3)
/// (<c>WinogradConv2D</c>, 2.25 times fewer multiply-adds for 3x3 stride-1 kernels) instead of the GEMM, and which of
/// them take the 2x2 max pool after them into their store, so the pooled map is written once and the convolution's own
/// map never. A batch of one sample is too small for the GEMM's tiles to pay for their setup and stores; larger batches
/// keep the GEMM plan (the batch-1 kernel's weights are packed as well, once per weight change).
/// </summary>
internal sealed class DirectPlan
{
    /// <summary>Most output pixels of a direct layer (small maps: a 32x32 map at most).</summary>
    internal const int MaxPixels = 32 * 32;

    /// <summary>Fewest output channels: with fewer the channel vectors are mostly padding and the pixel-lane path is faster.</summary>
    internal const int MinChannels = 16;

    /// <summary>Most input channels of a direct layer that takes no pool (a first layer, where im2col costs most).</summary>
    internal const int MaxUnpooledInputChannels = 4;

    public DirectPlan(Graph graph, bool[] activationsIntoNext)
    {
        var count = graph.Layers.Length;
        IsDirect = new bool[count];
        IsWinograd = new bool[count];
        PoolOf = new int[count];
        PooledInto = new int[count];
        for (var i = 0; i < count; i++)
        {
            PoolOf[i] = -1;
            PooledInto[i] = -1;
        }
        for (var i = 0; i < count; i++)
        {
            var layer = graph.Layers[i];
            if (!Eligible(layer) || !graph.Live[i] || graph.Root(i) != i || activationsIntoNext[i])
            {
                continue;
            }
            var pool = FusablePool(graph, i);
            var winograd = SuitsWinograd(layer);
            if (pool >= 0)
            {
                IsDirect[i] = true;
                IsWinograd[i] = winograd;
                PoolOf[i] = pool;
                PooledInto[pool] = i;
                Any = true;
            }
            else if (layer.InputShape.Channels <= MaxUnpooledInputChannels)
            {
                // (A Winograd layer without a pool needs no plan of its own: Conv2D.Pack packs it for Winograd already.)
                IsDirect[i] = true;
                Any = true;
            }
        }
    }

    /// <summary>Whether any layer runs the direct convolution at batch 1 (then Predict has a batch-1 branch).</summary>
    public bool Any { get; }

    /// <summary>Per layer: a Conv2D that runs the direct convolution at batch 1.</summary>
    public bool[] IsDirect { get; }

    /// <summary>Per layer: a Conv2D of the batch-1 plan that runs Winograd's F(2x2, 3x3) rather than the direct convolution.</summary>
    public bool[] IsWinograd { get; }

    /// <summary>Per layer: the max pool a direct Conv2D takes into its store, or -1.</summary>
    public int[] PoolOf { get; }

    /// <summary>Per layer: the direct Conv2D a max pool is taken into at batch 1 (it then has no call of its own), or -1.</summary>
    public int[] PooledInto { get; }

    /// <summary>A plain Conv2D on a small map with enough channels and an activation the kernel applies (non-decreasing, so it also commutes with a pool).</summary>
    private static bool Eligible(LayerModel layer) =>
        layer.Kind == LayerKind.Conv2D && ConvolutionRule.Groups(layer) == 1
        && (long)layer.OutputShape.Height * layer.OutputShape.Width <= MaxPixels && layer.OutputShape.Channels >= MinChannels
        && layer.Declaration.Activation is ActivationKind.Linear or ActivationKind.Relu or ActivationKind.LeakyRelu or ActivationKind.Sigmoid
            or ActivationKind.Tanh or ActivationKind.Elu or ActivationKind.Selu or ActivationKind.Softplus or ActivationKind.Relu6;

    /// <summary>
    /// What the runtime's Conv2D would run by Winograd: the runtime's own rule (<see cref="WinogradRule"/>, a file both
    /// compile), with the layer's output map as the alternative's pixels. Measured at batch 1 on one core against the
    /// direct convolution: M5's 32x32x64 -> 64 with its pool 1.9x faster, 16x16x128 -> 128 with its pool 2.0x, M1's
    /// 13x13x32 -> 64 with its pool 1.9x, M2's 15x15x32 -> 64 with its pool 1.8x.
    /// </summary>
    private static bool SuitsWinograd(LayerModel layer)
    {
        var output = layer.OutputShape;
        var declaration = layer.Declaration;
        return WinogradRule.Suits(
                declaration.KernelHeight, declaration.KernelWidth, layer.StrideHeight, layer.StrideWidth, declaration.DilationRate, declaration.DilationRate,
                layer.InputShape.Channels, output.Channels, output.Height, output.Width)
            && WinogradRule.Pays(output.Height, output.Width, (long)output.Height * output.Width);
    }

    /// <summary>
    /// The MaxPooling2D that is the only reader of convolution <paramref name="conv"/>'s output, directly, with a 2x2
    /// window, stride 2 and no padding (Keras' <c>MaxPooling2D()</c>), or -1.
    /// </summary>
    internal static int FusablePool(Graph graph, int conv)
    {
        for (var j = conv + 1; j < graph.Layers.Length; j++)
        {
            var pool = graph.Layers[j];
            if (pool.Kind != LayerKind.MaxPooling2D || pool.Inputs.Count != 1 || pool.Inputs[0] != conv)
            {
                continue;
            }
            var input = pool.InputShape;
            var output = pool.OutputShape;
            var fits = pool.Declaration.PoolHeight == 2 && pool.Declaration.PoolWidth == 2 && pool.StrideHeight == 2 && pool.StrideWidth == 2
                && pool.PadTop == 0 && pool.PadLeft == 0 && output.Height == input.Height / 2 && output.Width == input.Width / 2
                && output.Height > 0 && output.Width > 0 && graph.Live[j] && graph.Root(j) == j && graph.OnlyReader(conv, j);
            return fits ? j : -1;
        }
        return -1;
    }
}
