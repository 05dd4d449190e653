using System;
using Generated.Kernels.Gemm;

namespace Generated.Kernels.Threading;

/// <summary>How the GEMM-shaped kernels cut their work into chunks and how many threads they use.</summary>
internal static class Parallelism
{
    /// <summary>Target floats of A per chunk (an im2col block): small enough to stay in L2 while it is multiplied.</summary>
    public const int ChunkFloats = 24 * 1024;

    /// <summary>Target floats of A per chunk of a kernel-gradient product, which re-reads its C tile per chunk and so wants longer chunks.</summary>
    public const int GradientChunkFloats = 64 * 1024;

    /// <summary>Below this many multiply-adds a call stays on the calling thread: waking helpers would cost more than it saves.</summary>
    public const long ParallelMultiplyAdds = 1L << 18;

    private const int MaxChunkRows = 512;

    /// <summary>Rows per chunk, a multiple of the micro-kernel's rows, for rows of <paramref name="rowLength"/> floats.</summary>
    public static int ChunkRows(int rowLength, int chunkFloats) =>
        Math.Clamp(chunkFloats / Math.Max(1, rowLength) / MatrixProduct.MR * MatrixProduct.MR, MatrixProduct.MR, MaxChunkRows);

    /// <summary>
    /// <see cref="ChunkRows(int, int)"/> for a product of only <paramref name="rows"/> rows: no more than those rows rounded up
    /// to whole micro-kernel tiles, so a small call (batch 1 in a game loop) grows its scratch to what it uses, not to a
    /// whole chunk. With one chunk either way the tiles and their order are the same, so results do not change.
    /// </summary>
    public static int ChunkRows(int rowLength, int chunkFloats, long rows) =>
        (int)Math.Min(ChunkRows(rowLength, chunkFloats), Math.Max(MatrixProduct.MR, (rows + MatrixProduct.MR - 1) / MatrixProduct.MR * MatrixProduct.MR));

    /// <summary>Threads to use for <paramref name="chunks"/> chunks totalling <paramref name="multiplyAdds"/> multiply-adds.</summary>
    public static int Slots(int chunks, long multiplyAdds) =>
        multiplyAdds < ParallelMultiplyAdds ? 1 : WorkerPool.SlotsFor(chunks);
}
