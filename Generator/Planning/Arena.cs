using System;
using System.Collections.Generic;

namespace Generated.Generator;

/// <summary>
/// Offsets of per-sample regions in one buffer: a region of <c>size</c> floats per sample at
/// <c>offset</c> occupies <c>[offset * n, (offset + size) * n)</c> for a batch of <c>n</c>.
/// </summary>
internal sealed class Arena
{
    private readonly List<(int Offset, int Size, int From, int To)> _regions = new();

    /// <summary>Floats per sample of the whole buffer.</summary>
    public int Size { get; private set; }

    /// <summary>
    /// Places a region used from step <paramref name="from"/> to <paramref name="to"/> (inclusive) at the
    /// lowest offset that no region alive during that interval covers (first fit).
    /// </summary>
    public int Place(int size, int from = 0, int to = int.MaxValue)
    {
        var offset = 0;
        var moved = true;
        while (moved)
        {
            moved = false;
            foreach (var region in _regions)
            {
                var liveTogether = region.From <= to && from <= region.To;
                var overlaps = region.Offset < offset + size && offset < region.Offset + region.Size;
                if (liveTogether && overlaps && size > 0)
                {
                    offset = region.Offset + region.Size;
                    moved = true;
                }
            }
        }
        _regions.Add((offset, size, from, to));
        Size = Math.Max(Size, offset + size);
        return offset;
    }
}
