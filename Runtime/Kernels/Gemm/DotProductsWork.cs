using System;
using Generated.Kernels.Threading;

namespace Generated.Kernels.Gemm;

/// <summary>
/// One <see cref="DotProducts.Multiply(int, int, int, float*, float*, float*, bool, float*)"/> split by rows of C into chunks for the <see cref="WorkerPool"/>, with the
/// activation applied to each chunk of rows as soon as it is written (as <see cref="GemmRowsWork"/> does for panels).
/// </summary>
internal sealed unsafe class DotProductsWork : ParallelWork
{
    [ThreadStatic]
    private static DotProductsWork? t_instance;

    private int _m, _n, _k, _rowsPerChunk;
    private float* _a, _transposedB, _bias, _c;
    private Activation _activation;

    /// <summary>
    /// Runs <c>C = activation(A x Bᵀ + bias)</c> on several threads when the product is big enough; arguments as in
    /// <see cref="DotProducts.Multiply(int, int, int, float*, float*, float*, bool, float*)"/>.
    /// </summary>
    public static void Run(int m, int n, int k, float* a, float* transposedB, float* bias, Activation activation, float* c)
    {
        var work = t_instance ??= new DotProductsWork();
        work._m = m;
        work._n = n;
        work._k = k;
        work._a = a;
        work._transposedB = transposedB;
        work._bias = bias;
        work._activation = activation;
        work._c = c;
        // Whole tiles per chunk, about ChunkFloats of A each: B (n rows) is read once per chunk, from cache.
        var tiles = Math.Max(1, Parallelism.ChunkFloats / Math.Max(1, k) / DotProducts.MaxTileRows);
        work._rowsPerChunk = tiles * DotProducts.MaxTileRows;
        var chunks = (m + work._rowsPerChunk - 1) / work._rowsPerChunk;
        WorkerPool.Run(work, chunks, Parallelism.Slots(chunks, (long)m * n * k));
        work._a = work._transposedB = work._bias = work._c = null;
    }

    /// <inheritdoc/>
    public override void Execute(int chunk, int slot)
    {
        var i0 = chunk * _rowsPerChunk;
        var rows = Math.Min(_rowsPerChunk, _m - i0);
        var c = _c + (long)i0 * _n;
        DotProducts.Multiply(rows, _n, _k, _a + (long)i0 * _k, _transposedB, _bias, _activation == Activation.Relu, c);
        if (_activation != Activation.Linear && _activation != Activation.Relu)
        {
            FusedActivation.Apply(_activation, _n, new Span<float>(c, rows * _n));
        }
    }
}
