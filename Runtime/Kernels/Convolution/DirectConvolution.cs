using System;
using Generated.Kernels.Gemm;
using Generated.Kernels.Threading;

namespace Generated.Kernels.Convolution;

/// <summary>
/// Conv2D forward for layers with few input channels (first layers: K = KH*KW*IC of 9..27), where
/// building the im2col matrix costs more than multiplying it. Each micro-tile is six neighbouring
/// output pixels of one output row: their taps sit at one fixed offset table from each pixel's
/// top-left input address, so the GEMM micro-kernel reads the input directly. Tiles whose windows
/// touch the padding fall back to gathering their six im2col rows.
/// </summary>
internal sealed unsafe class DirectConvolution : ParallelWork
{
    /// <summary>Most input channels for which the direct path is used.</summary>
    public const int MaxInputChannels = 4;

    // Output rows per chunk: enough work per chunk to amortize handing it out.
    private const int OutputRowsPerChunk = 4;

    [ThreadStatic]
    private static DirectConvolution? t_instance;

    private Conv2DGeometry _g;
    private int _panelWidth, _k, _rowCount;
    private float* _input, _packed, _paddedBias, _output;
    private Activation _activation;
    private int[] _tapOffsets = [];

    /// <summary>Whether <see cref="Run"/> handles <paramref name="g"/> (few input channels).</summary>
    public static bool Handles(in Conv2DGeometry g) => g.InputChannels <= MaxInputChannels;

    /// <summary><c>output = activation(conv(input, kernel) + bias)</c> with the kernel already packed for <see cref="MatrixProduct"/>.</summary>
    public static void Run(in Conv2DGeometry g, int batch, int panelWidth, float* input, float* packed, float* paddedBias, Activation activation, float* output)
    {
        var work = t_instance ??= new DirectConvolution();
        work._g = g;
        work._panelWidth = panelWidth;
        work._k = g.KernelHeight * g.KernelWidth * g.InputChannels;
        work._input = input;
        work._packed = packed;
        work._paddedBias = paddedBias;
        work._activation = activation;
        work._output = output;
        work._rowCount = batch * g.OutputHeight;
        if (work._tapOffsets.Length < work._k)
        {
            work._tapOffsets = GC.AllocateArray<int>(Math.Max(work._k, 256), pinned: true);
        }
        // Tap (ky, kx, ic) relative to the window's top-left input value, in kernel (im2col) order.
        var p = 0;
        for (var ky = 0; ky < g.KernelHeight; ky++)
        {
            for (var kx = 0; kx < g.KernelWidth; kx++)
            {
                for (var ic = 0; ic < g.InputChannels; ic++)
                {
                    work._tapOffsets[p++] = (ky * g.DilationHeight * g.InputWidth + kx * g.DilationWidth) * g.InputChannels + ic;
                }
            }
        }
        var chunks = (work._rowCount + OutputRowsPerChunk - 1) / OutputRowsPerChunk;
        var multiplyAdds = (long)batch * g.OutputHeight * g.OutputWidth * work._k * g.OutputChannels;
        WorkerPool.Run(work, chunks, Parallelism.Slots(chunks, multiplyAdds));
        work._input = work._packed = work._paddedBias = work._output = null;
    }

    /// <summary>Output pixels <paramref name="x0"/>..<paramref name="x1"/> (exclusive) of one output row through gathered im2col rows.</summary>
    private void Gathered(int firstPixel, int x0, int x1, float* outputRow, float* columns)
    {
        var oc = _g.OutputChannels;
        for (var ox = x0; ox < x1; ox += MatrixProduct.MR)
        {
            var count = Math.Min(MatrixProduct.MR, x1 - ox);
            Im2Col.Gather(_g, _input, firstPixel + ox, firstPixel + ox + count, columns);
            MatrixProduct.Multiply(_panelWidth, count, oc, _k, columns, _k, 1, _packed, _paddedBias, false, outputRow + (long)ox * oc, oc, _activation == Activation.Relu);
        }
    }

    /// <inheritdoc/>
    public override void ReserveScratch() => Scratch.Get(ScratchBuffer.Columns, (long)MatrixProduct.MR * _k);

    /// <inheritdoc/>
    public override void Execute(int chunk, int slot)
    {
        var g = _g;
        var oc = g.OutputChannels;
        var rowLength = g.OutputWidth * oc;
        var columns = Scratch.Get(ScratchBuffer.Columns, (long)MatrixProduct.MR * _k);
        // Output pixels ox in [xFirst, xEnd) have every horizontal tap inside the input.
        var xFirst = (g.PadLeft + g.StrideWidth - 1) / g.StrideWidth;
        var lastStart = g.InputWidth - 1 - (g.KernelWidth - 1) * g.DilationWidth + g.PadLeft;
        var xEnd = lastStart < 0 ? 0 : Math.Min(g.OutputWidth, lastStart / g.StrideWidth + 1);
        xFirst = Math.Min(xFirst, xEnd);
        fixed (int* offsets = _tapOffsets)
        {
            var end = Math.Min(_rowCount, (chunk + 1) * OutputRowsPerChunk);
            for (var row = chunk * OutputRowsPerChunk; row < end; row++)
            {
                var n = row / g.OutputHeight;
                var oy = row - n * g.OutputHeight;
                var y0 = oy * g.StrideHeight - g.PadTop;
                var rowInside = y0 >= 0 && y0 + (g.KernelHeight - 1) * g.DilationHeight < g.InputHeight;
                var outputRow = _output + (long)row * rowLength;
                var firstPixel = row * g.OutputWidth;
                if (!rowInside)
                {
                    Gathered(firstPixel, 0, g.OutputWidth, outputRow, columns);
                }
                else
                {
                    // Border pixels through im2col, the interior straight from the input.
                    Gathered(firstPixel, 0, xFirst, outputRow, columns);
                    var a = _input + (long)n * g.InputSize + ((long)y0 * g.InputWidth + xFirst * g.StrideWidth - g.PadLeft) * g.InputChannels;
                    MatrixProduct.MultiplyWithOffsets(_panelWidth, xEnd - xFirst, oc, _k, a, g.StrideWidth * g.InputChannels, offsets, _packed, _paddedBias, outputRow + (long)xFirst * oc, oc, _activation == Activation.Relu);
                    Gathered(firstPixel, xEnd, g.OutputWidth, outputRow, columns);
                }
                if (_activation != Activation.Relu)
                {
                    FusedActivation.Apply(_activation, oc, new Span<float>(outputRow, rowLength));
                }
            }
        }
    }
}
