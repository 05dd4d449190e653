using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#else
using System.Numerics;
#endif
using Generated.Kernels.Simd;
using Generated.Kernels.Pooling;
using Generated.Kernels.Threading;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Keras <c>UpSampling2D</c>: input (N, IH, IW, C), output (N, IH*FH, IW*FW, C). Nearest repeats each
/// pixel; bilinear interpolates with half-pixel centres, <c>s = (o + 0.5) / factor - 0.5</c> clamped to
/// the edge (TF2 <c>tf.image.resize</c>, PyTorch <c>interpolate(mode='bilinear', align_corners=False)</c>).
/// </summary>
public static class UpSampling2D
{
    // Bilinear works separably: one vertical lerp of two whole input rows (contiguous, IW*C floats)
    // into a scratch row, then a horizontal lerp per output pixel across channels.
    [ThreadStatic]
    private static float[]? s_row;

    /// <summary>Upsamples <paramref name="input"/> into <paramref name="output"/>.</summary>
    public static void Forward(in UpSampling2DGeometry g, Interpolation interpolation, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.UpSampling(g, interpolation, batch, input.Length, nameof(input), output.Length, nameof(output));
        if (interpolation == Interpolation.BedOfNails)
        {
            BedOfNails.Forward(g, batch, input, output);
            return;
        }
        if (interpolation == Interpolation.Nearest)
        {
            NearestForward(g, batch, input, output);
        }
        else
        {
            BilinearForward(g, batch, input, output);
        }
    }

    /// <summary>Adjoint of <see cref="Forward"/>: each input cell receives the weighted sum of the output gradients it contributed to; overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(in UpSampling2DGeometry g, Interpolation interpolation, int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.UpSampling(g, interpolation, batch, inputGradient.IsEmpty ? batch * g.InputSize : inputGradient.Length,
            nameof(inputGradient), outputGradient.Length, nameof(outputGradient));
        if (inputGradient.IsEmpty)
        {
            return;
        }
        if (interpolation == Interpolation.BedOfNails)
        {
            BedOfNails.Backward(g, batch, outputGradient, inputGradient);
            return;
        }
        if (interpolation == Interpolation.Nearest)
        {
            NearestBackward(g, batch, outputGradient, inputGradient);
        }
        else
        {
            BilinearBackward(g, batch, outputGradient, inputGradient);
        }
    }

    private static void NearestForward(in UpSampling2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        int channels = g.Channels, inputRow = g.InputWidth * channels, outputRow = inputRow * g.FactorWidth;
        for (var row = 0; row < batch * g.InputHeight; row++)
        {
            var source = input.Slice(row * inputRow, inputRow);
            var first = output.Slice(row * g.FactorHeight * outputRow, outputRow);
            if (g.FactorWidth == 1)
            {
                source.CopyTo(first);
            }
            else if (channels < ShortPixel)
            {
                RepeatShortPixels(source, channels, g.FactorWidth, first);
            }
            else
            {
                for (var x = 0; x < g.InputWidth; x++)
                {
                    var pixel = source.Slice(x * channels, channels);
                    for (var f = 0; f < g.FactorWidth; f++)
                    {
                        pixel.CopyTo(first.Slice((x * g.FactorWidth + f) * channels, channels));
                    }
                }
            }
            for (var f = 1; f < g.FactorHeight; f++)
            {
                first.CopyTo(output.Slice((row * g.FactorHeight + f) * outputRow, outputRow));
            }
        }
    }

    // Pixels narrower than this are repeated by inline loads and stores: a copy call per pixel costs more than the copy.
    private const int ShortPixel = 16;

    /// <summary>Writes each pixel of <paramref name="source"/> <paramref name="factor"/> times in a row (channels below <see cref="ShortPixel"/>).</summary>
    private static void RepeatShortPixels(ReadOnlySpan<float> source, int channels, int factor, Span<float> destination)
    {
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        nint o = 0;
#if NET8_0_OR_GREATER
        if (channels == 4 && Vector128.IsHardwareAccelerated)
        {
            for (nint i = 0; i < source.Length; i += 4)
            {
                var pixel = Vector128.LoadUnsafe(ref s, (nuint)i);
                for (var f = 0; f < factor; f++, o += 4)
                {
                    pixel.StoreUnsafe(ref d, (nuint)o);
                }
            }
            return;
        }
#else
        if (channels == 4 && VectorPath.AllowsVector)
        {
            for (nint i = 0; i < source.Length; i += 4)
            {
                var pixel = VectorMemory.Load(ref s, i);
                for (var f = 0; f < factor; f++, o += 4)
                {
                    VectorMemory.Store(pixel, ref d, o);
                }
            }
            return;
        }
#endif
        for (nint i = 0; i < source.Length; i += channels)
        {
            for (var f = 0; f < factor; f++, o += channels)
            {
                for (var c = 0; c < channels; c++)
                {
                    Unsafe.Add(ref d, o + c) = Unsafe.Add(ref s, i + c);
                }
            }
        }
    }

    private static void NearestBackward(in UpSampling2DGeometry g, int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        // Each input pixel's gradient is the sum over its FH x FW block: a pooling window with no padding.
        var outputWidth = g.InputWidth * g.FactorWidth;
        ref var source = ref MemoryMarshal.GetReference(outputGradient);
        ref var destination = ref MemoryMarshal.GetReference(inputGradient);
        nint i = 0;
        for (var n = 0; n < batch; n++)
        for (var y = 0; y < g.InputHeight; y++)
        for (var x = 0; x < g.InputWidth; x++, i += g.Channels)
        {
            var first = (((nint)n * g.InputHeight * g.FactorHeight + y * g.FactorHeight) * outputWidth + x * g.FactorWidth) * g.Channels;
            var window = new PoolWindow(first, (nint)outputWidth * g.Channels, g.FactorHeight, g.FactorWidth);
            PoolWindow.Sum(ref source, window, g.Channels, 1f, ref Unsafe.Add(ref destination, i));
        }
    }

    private static void BilinearForward(in UpSampling2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        int channels = g.Channels, inputRow = g.InputWidth * channels, outputHeight = g.InputHeight * g.FactorHeight;
        int outputWidth = g.InputWidth * g.FactorWidth, outputRow = outputWidth * channels;
        var row = Scratch(inputRow);
        for (var n = 0; n < batch; n++)
        {
            var sample = input.Slice(n * g.InputSize, g.InputSize);
            for (var oy = 0; oy < outputHeight; oy++)
            {
                var (y0, y1, wy) = BilinearSource.Of(oy, g.FactorHeight, g.InputHeight);
                var top = sample.Slice(y0 * inputRow, inputRow);
                ReadOnlySpan<float> blended = top;
                if (y1 != y0 && wy != 0)
                {
                    // row = top + wy * (bottom - top)
                    TensorPrimitives.Subtract(sample.Slice(y1 * inputRow, inputRow), top, row);
                    TensorPrimitives.MultiplyAdd(row, (float)wy, top, row);
                    blended = row;
                }
                var destination = output.Slice((n * outputHeight + oy) * outputRow, outputRow);
                for (var ox = 0; ox < outputWidth; ox++)
                {
                    var (x0, x1, wx) = BilinearSource.Of(ox, g.FactorWidth, g.InputWidth);
                    Lerp(blended.Slice(x0 * channels, channels), blended.Slice(x1 * channels, channels), (float)wx, destination.Slice(ox * channels, channels));
                }
            }
        }
    }

    private static void BilinearBackward(in UpSampling2DGeometry g, int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        int channels = g.Channels, inputRow = g.InputWidth * channels, outputHeight = g.InputHeight * g.FactorHeight;
        int outputWidth = g.InputWidth * g.FactorWidth, outputRow = outputWidth * channels;
        var row = Scratch(inputRow);
        inputGradient.Clear();
        for (var n = 0; n < batch; n++)
        {
            var sample = inputGradient.Slice(n * g.InputSize, g.InputSize);
            for (var oy = 0; oy < outputHeight; oy++)
            {
                // Transpose of the horizontal lerp into the scratch row, then of the vertical one.
                row.Clear();
                var source = outputGradient.Slice((n * outputHeight + oy) * outputRow, outputRow);
                for (var ox = 0; ox < outputWidth; ox++)
                {
                    var (x0, x1, wx) = BilinearSource.Of(ox, g.FactorWidth, g.InputWidth);
                    var gradient = source.Slice(ox * channels, channels);
                    AddScaled(gradient, 1f - (float)wx, row.Slice(x0 * channels, channels));
                    AddScaled(gradient, (float)wx, row.Slice(x1 * channels, channels));
                }
                var (y0, y1, wy) = BilinearSource.Of(oy, g.FactorHeight, g.InputHeight);
                var top = sample.Slice(y0 * inputRow, inputRow);
                TensorPrimitives.MultiplyAdd(row, 1f - (float)wy, top, top);
                var bottom = sample.Slice(y1 * inputRow, inputRow);
                TensorPrimitives.MultiplyAdd(row, (float)wy, bottom, bottom);
            }
        }
    }

    /// <summary><c>destination = a + w * (b - a)</c> across channels.</summary>
    private static void Lerp(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float w, Span<float> destination)
    {
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        ref var rd = ref MemoryMarshal.GetReference(destination);
        var c = 0;
#if NET8_0_OR_GREATER
        if (VectorPath.Allows256)
        {
            for (; c <= destination.Length - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                var va = Vector256.LoadUnsafe(ref ra, (nuint)c);
                (va + (Vector256.LoadUnsafe(ref rb, (nuint)c) - va) * w).StoreUnsafe(ref rd, (nuint)c);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; c <= destination.Length - Vector128<float>.Count; c += Vector128<float>.Count)
            {
                var va = Vector128.LoadUnsafe(ref ra, (nuint)c);
                (va + (Vector128.LoadUnsafe(ref rb, (nuint)c) - va) * w).StoreUnsafe(ref rd, (nuint)c);
            }
        }
#else
        if (VectorPath.AllowsVector)
        {
            for (; c <= destination.Length - Vector<float>.Count; c += Vector<float>.Count)
            {
                var va = VectorMemory.Load(ref ra, c);
                VectorMemory.Store((va + (VectorMemory.Load(ref rb, c) - va) * w), ref rd, c);
            }
        }
#endif
        for (; c < destination.Length; c++)
        {
            var va = Unsafe.Add(ref ra, c);
            Unsafe.Add(ref rd, c) = va + (Unsafe.Add(ref rb, c) - va) * w;
        }
    }

    /// <summary><c>destination += w * source</c> across channels.</summary>
    private static void AddScaled(ReadOnlySpan<float> source, float w, Span<float> destination)
    {
        ref var rs = ref MemoryMarshal.GetReference(source);
        ref var rd = ref MemoryMarshal.GetReference(destination);
        var c = 0;
#if NET8_0_OR_GREATER
        if (VectorPath.Allows256)
        {
            for (; c <= destination.Length - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                (Vector256.LoadUnsafe(ref rd, (nuint)c) + Vector256.LoadUnsafe(ref rs, (nuint)c) * w).StoreUnsafe(ref rd, (nuint)c);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; c <= destination.Length - Vector128<float>.Count; c += Vector128<float>.Count)
            {
                (Vector128.LoadUnsafe(ref rd, (nuint)c) + Vector128.LoadUnsafe(ref rs, (nuint)c) * w).StoreUnsafe(ref rd, (nuint)c);
            }
        }
#else
        if (VectorPath.AllowsVector)
        {
            for (; c <= destination.Length - Vector<float>.Count; c += Vector<float>.Count)
            {
                VectorMemory.Store((VectorMemory.Load(ref rd, c) + VectorMemory.Load(ref rs, c) * w), ref rd, c);
            }
        }
#endif
        for (; c < destination.Length; c++)
        {
            Unsafe.Add(ref rd, c) += Unsafe.Add(ref rs, c) * w;
        }
    }

    private static Span<float> Scratch(int length)
    {
        if (s_row is null || s_row.Length < length)
        {
            s_row = new float[length];
        }
        return s_row.AsSpan(0, length);
    }
}

/// <summary>Bilinear sampling positions along one axis, shared by <see cref="UpSampling2D"/> and its reference twin so both read the same cells.</summary>
internal static class BilinearSource
{
    /// <summary>
    /// The two source indices of output index <paramref name="o"/> and the weight of the second:
    /// half-pixel centres <c>s = (o + 0.5) / factor - 0.5</c>, clamped to the edge as PyTorch and TF2 do.
    /// </summary>
    public static (int Lower, int Upper, double UpperWeight) Of(int o, int factor, int size)
    {
        var s = Math.Max((o + 0.5) / factor - 0.5, 0.0);
        var lower = (int)s;
        var upper = Math.Min(lower + 1, size - 1);
        return (lower, upper, s - lower);
    }
}
