using System;
using System.Runtime.CompilerServices;

namespace Generated.Kernels.Convolution;

/// <summary>
/// How a Winograd pass (<see cref="WinogradTiles"/>, <see cref="WinogradKernelGradient"/>) numbers its 2x2 output tiles:
/// row by row within a sample, sample after sample across the batch, cut into blocks of <see cref="BlockTiles"/> (the
/// threads' chunks), so a block may span samples.
/// </summary>
internal readonly struct TileGrid
{
    /// <summary>A grid of <paramref name="tilesHigh"/> x <paramref name="tilesWide"/> tiles per sample over <paramref name="batch"/> samples, in blocks sized for <paramref name="g"/>.</summary>
    public TileGrid(in Conv2DGeometry g, int tilesHigh, int tilesWide, int batch)
    {
        TilesWide = tilesWide;
        TilesPerSample = tilesHigh * tilesWide;
        Tiles = (long)TilesPerSample * batch;
        BlockTiles = WinogradTiles.BlockTiles(g, (int)Math.Min(int.MaxValue, Tiles));
        Blocks = (int)((Tiles + BlockTiles - 1) / BlockTiles);
    }

    /// <summary>Tiles per row of a sample.</summary>
    public int TilesWide { get; }

    /// <summary>Tiles per sample.</summary>
    public int TilesPerSample { get; }

    /// <summary>Tiles of the whole batch.</summary>
    public long Tiles { get; }

    /// <summary>Tiles per block (the last may hold fewer).</summary>
    public int BlockTiles { get; }

    /// <summary>Blocks covering the batch.</summary>
    public int Blocks { get; }

    /// <summary>The first tile of block <paramref name="block"/> and how many it holds.</summary>
    public int Block(int block, out long first)
    {
        first = (long)block * BlockTiles;
        return (int)Math.Min(BlockTiles, Tiles - first);
    }

    /// <summary>Which sample tile <paramref name="tile"/> is in, and its row and column of tiles there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Locate(long tile, out int ty, out int tx)
    {
        var sample = tile / TilesPerSample;
        var inSample = (int)(tile - sample * TilesPerSample);
        ty = inSample / TilesWide;
        tx = inSample - ty * TilesWide;
        return sample;
    }
}
