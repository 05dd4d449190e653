using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Min pooling (<c>MinPooling2D</c>): each output value is the minimum of the input cells of its window; padded cells
/// count as +infinity, so they never win (the window is clipped to the input, as max pooling's). Input (N, IH, IW, C),
/// output (N, OH, OW, C), geometry as <see cref="MaxPool2D"/>.
/// </summary>
public static class MinPool2D
{
    /// <summary>Each output value is the minimum of the input cells of its window, reduced with vectors across channels.</summary>
    public static void Forward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.Pool(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        var channels = g.Channels;
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        {
            var target = output.Slice(((n * g.OutputHeight + oy) * g.OutputWidth + ox) * channels, channels);
            var (y0, y1, x0, x1) = Window(g, oy, ox);
            input.Slice(Cell(g, n, y0, x0), channels).CopyTo(target);
            for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
            {
                if (y != y0 || x != x0)
                {
                    TensorPrimitives.Min(target, input.Slice(Cell(g, n, y, x), channels), target);
                }
            }
        }
    }

    /// <summary>Routes each output gradient to the first cell (row-major in its window) equal to the window's minimum; overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.Pool(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        Arguments.Length(outputGradient.Length, output.Length, nameof(outputGradient), $"the output's length");
        Arguments.LengthOrEmpty(inputGradient.Length, input.Length, nameof(inputGradient), $"the input's length");
        if (inputGradient.IsEmpty)
        {
            return;
        }
        inputGradient.Clear();
        var channels = g.Channels;
        var lanes = Vector.IsHardwareAccelerated ? Vector<float>.Count : int.MaxValue;
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++)
        {
            var o = ((n * g.OutputHeight + oy) * g.OutputWidth + ox) * channels;
            var (y0, y1, x0, x1) = Window(g, oy, ox);
            var c = 0;
            for (; c + lanes <= channels; c += lanes)
            {
                var minimum = MemoryMarshal.Read<Vector<float>>(MemoryMarshal.AsBytes(output.Slice(o + c, lanes)));
                var share = MemoryMarshal.Read<Vector<float>>(MemoryMarshal.AsBytes(outputGradient.Slice(o + c, lanes)));
                var pending = new Vector<int>(-1); // lanes whose minimal cell is not found yet
                for (var y = y0; y < y1; y++)
                for (var x = x0; x < x1; x++)
                {
                    var cell = Cell(g, n, y, x) + c;
                    var hit = Vector.Equals(MemoryMarshal.Read<Vector<float>>(MemoryMarshal.AsBytes(input.Slice(cell, lanes))), minimum) & pending;
                    var target = inputGradient.Slice(cell, lanes);
                    ref var first = ref Unsafe.As<float, byte>(ref MemoryMarshal.GetReference(target));
                    Unsafe.WriteUnaligned(ref first, Unsafe.ReadUnaligned<Vector<float>>(ref first) + Vector.ConditionalSelect(hit, share, Vector<float>.Zero));
                    pending = Vector.AndNot(pending, hit);
                }
            }
            for (; c < channels; c++)
            {
                RouteToFirst(g, input, n, y0, y1, x0, x1, c, output[o + c], outputGradient[o + c], inputGradient);
            }
        }
    }

    private static void RouteToFirst(in Pool2DGeometry g, ReadOnlySpan<float> input, int n, int y0, int y1, int x0, int x1, int c, float minimum, float gradient, Span<float> inputGradient)
    {
        for (var y = y0; y < y1; y++)
        for (var x = x0; x < x1; x++)
        {
            var cell = Cell(g, n, y, x) + c;
            if (input[cell] == minimum)
            {
                inputGradient[cell] += gradient;
                return;
            }
        }
    }

    /// <summary>The window of output pixel (<paramref name="oy"/>, <paramref name="ox"/>) clipped to the input: rows <c>[y0, y1)</c>, columns <c>[x0, x1)</c>.</summary>
    private static (int Y0, int Y1, int X0, int X1) Window(in Pool2DGeometry g, int oy, int ox)
    {
        int top = oy * g.StrideHeight - g.PadTop, left = ox * g.StrideWidth - g.PadLeft;
        return (Math.Max(top, 0), Math.Min(top + g.PoolHeight, g.InputHeight), Math.Max(left, 0), Math.Min(left + g.PoolWidth, g.InputWidth));
    }

    private static int Cell(in Pool2DGeometry g, int n, int y, int x) => ((n * g.InputHeight + y) * g.InputWidth + x) * g.Channels;
}
