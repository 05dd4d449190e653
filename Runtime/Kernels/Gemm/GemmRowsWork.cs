using System;
using Generated.Kernels.Threading;

namespace Generated.Kernels.Gemm;

/// <summary>
/// One <see cref="MatrixProduct.Multiply"/> split by rows of C into chunks for the <see cref="WorkerPool"/>,
/// with the activation applied to each chunk of rows as soon as it is written.
/// </summary>
internal sealed unsafe class GemmRowsWork : ParallelWork
{
    [ThreadStatic]
    private static GemmRowsWork? t_instance;

    private int _panelWidth, _m, _n, _k, _aRowStride, _aStepStride, _ldc, _rowsPerChunk;
    private float* _a, _packedB, _paddedBias, _c;
    private bool _accumulate;
    private Activation _activation;

    /// <summary>
    /// Runs <c>C = A x B + bias</c> (or <c>C += A x B</c>) then the activation over groups of n columns,
    /// on several threads when the product is big enough; arguments as in <see cref="MatrixProduct.Multiply"/>.
    /// </summary>
    public static void Run(int panelWidth, int m, int n, int k, float* a, int aRowStride, int aStepStride, float* packedB, float* paddedBias, bool accumulate, Activation activation, float* c, int ldc)
    {
        var work = t_instance ??= new GemmRowsWork();
        work._panelWidth = panelWidth;
        work._m = m;
        work._n = n;
        work._k = k;
        work._a = a;
        work._aRowStride = aRowStride;
        work._aStepStride = aStepStride;
        work._packedB = packedB;
        work._paddedBias = paddedBias;
        work._accumulate = accumulate;
        work._activation = activation;
        work._c = c;
        work._ldc = ldc;
        work._rowsPerChunk = Parallelism.ChunkRows(k, Parallelism.ChunkFloats);
        var chunks = (m + work._rowsPerChunk - 1) / work._rowsPerChunk;
        WorkerPool.Run(work, chunks, Parallelism.Slots(chunks, (long)m * n * k));
        work._a = work._packedB = work._paddedBias = work._c = null;
    }

    /// <inheritdoc/>
    public override void Execute(int chunk, int slot)
    {
        var i0 = chunk * _rowsPerChunk;
        var rows = Math.Min(_rowsPerChunk, _m - i0);
        var c = _c + (long)i0 * _ldc;
        MatrixProduct.Multiply(_panelWidth, rows, _n, _k, _a + (long)i0 * _aRowStride, _aRowStride, _aStepStride, _packedB, _paddedBias, _accumulate, c, _ldc, _activation == Activation.Relu);
        if (_activation != Activation.Linear && _activation != Activation.Relu)
        {
            FusedActivation.Apply(_activation, _n, new Span<float>(c, rows * _n));
        }
    }
}
