using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#else
using System.Numerics;
#endif
using Generated.Kernels.Pooling;
using Generated.Kernels.Simd;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

// Pooling over NHWC: input (N, IH, IW, C), output (N, OH, OW, C). Output pixel (oy, ox) covers input
// rows oy*SH - PadTop .. + PH - 1 and columns ox*SW - PadLeft .. + PW - 1; cells outside the input
// are padding, which never wins a max and is not counted in an average (Keras/TensorFlow).
// Each window is clipped to the input once, then reduced with vectors across channels.

/// <summary>Max pooling (Keras <c>MaxPooling2D</c>).</summary>
public static class MaxPool2D
{
    /// <summary>Each output value is the maximum of the input cells of its window; input (N, IH, IW, C), output (N, OH, OW, C).</summary>
    public static void Forward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.Pool(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        ref var source = ref MemoryMarshal.GetReference(input);
        ref var destination = ref MemoryMarshal.GetReference(output);
        var lanes = IsUnpadded2x2(g) ? Max2x2Lanes(g.Channels) : 0;
        if (lanes > 0)
        {
            MaxPool2x2Work.Run(g, batch, lanes, input, output);
            return;
        }
        nint o = 0;
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++, o += g.Channels)
        {
            var window = PoolWindow.Clip(g, n, oy, ox);
            PoolWindow.Max(ref source, window, g.Channels, ref Unsafe.Add(ref destination, o));
        }
    }

    /// <summary>
    /// <see cref="Forward(in Pool2DGeometry, int, ReadOnlySpan{float}, Span{float})"/> of a 2x2, stride-2, unpadded pool
    /// (Keras' <c>MaxPooling2D()</c>) that also writes, per output value, which cell of its window held the maximum and
    /// whether it was above zero, for <see cref="Conv2D.KernelGradientThroughMaxPool"/>: the training pass of a first
    /// convolution's pool, whose backward then never reads the pooled map again. The outputs are the same as Forward's.
    /// </summary>
    /// <param name="g">The pool.</param>
    /// <param name="batch">Samples.</param>
    /// <param name="input">(N, IH, IW, C).</param>
    /// <param name="output">(N, OH, OW, C), overwritten.</param>
    /// <param name="positions">One int per output value: bits 0-1 the cell (row-major), bit 2 set when the maximum is above zero, -1 when no cell equals the maximum (a NaN).</param>
    /// <exception cref="ArgumentException">The pool is not 2x2 with stride 2 and no padding, or a length is wrong.</exception>
    public static void Forward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output, Span<int> positions)
    {
        Arguments.Pool(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        if (positions.Length != output.Length)
        {
            throw new ArgumentException($"positions has {positions.Length} values but must have one per output value, {output.Length}.", nameof(positions));
        }
        if (!IsUnpadded2x2(g))
        {
            throw new ArgumentException(
                $"MaxPool2D.Forward records positions for 2x2 pools with stride 2 and no padding; got a {g.PoolHeight}x{g.PoolWidth} pool with stride {g.StrideHeight}x{g.StrideWidth} and padding ({g.PadTop}, {g.PadLeft}). Call Forward without positions.", nameof(g));
        }
        MaxPool2x2Work.Run(g, batch, Max2x2Lanes(g.Channels), input, output, positions);
    }

    /// <summary>Keras' common <c>MaxPooling2D(2)</c>: 2x2 windows, stride 2, every window inside the input (no clipping needed).</summary>
    internal static bool IsUnpadded2x2(in Pool2DGeometry g) =>
        g.PoolHeight == 2 && g.PoolWidth == 2 && g.StrideHeight == 2 && g.StrideWidth == 2 && g.PadTop == 0 && g.PadLeft == 0
        && 2 * g.OutputHeight <= g.InputHeight && 2 * g.OutputWidth <= g.InputWidth;

    /// <summary>
    /// Floats per vector for <see cref="Max2x2"/>: the widest accelerated (and allowed) vector that divides the channel
    /// count, or 0 when none does and the general path runs.
    /// </summary>
    private static int Max2x2Lanes(int channels) =>
#if NET8_0_OR_GREATER
        VectorPath.Allows512 && channels % Vector512<float>.Count == 0 ? Vector512<float>.Count
        : VectorPath.Allows256 && channels % Vector256<float>.Count == 0 ? Vector256<float>.Count
        : Vector128.IsHardwareAccelerated && channels % Vector128<float>.Count == 0 ? Vector128<float>.Count
        : 0;
#else
        VectorPath.AllowsVector && channels % Vector<float>.Count == 0 ? Vector<float>.Count : 0;
#endif

    /// <summary>
    /// The 2x2 stride-2 forward pass over <paramref name="samples"/> samples from <paramref name="firstSample"/>, with whole
    /// vectors of <paramref name="lanes"/> channels: the four cells of a window are two pairs of neighbouring pixels,
    /// reduced as a tree, without the general path's per-window clipping.
    /// </summary>
    internal static void Max2x2(in Pool2DGeometry g, int firstSample, int samples, int lanes, ref float source, ref float destination)
    {
        var channels = g.Channels;
        nint pixel = channels;
        nint line = (nint)g.InputWidth * channels;
        nint o = (nint)firstSample * g.OutputHeight * g.OutputWidth * channels;
        for (var n = firstSample; n < firstSample + samples; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        {
            var cell = ((nint)n * g.InputHeight + 2 * oy) * line;
            for (var ox = 0; ox < g.OutputWidth; ox++, o += channels, cell += 2 * pixel)
            {
                ref var top = ref Unsafe.Add(ref source, cell);
                ref var bottom = ref Unsafe.Add(ref source, cell + line);
                ref var target = ref Unsafe.Add(ref destination, o);
#if NET8_0_OR_GREATER
                if (lanes == Vector512<float>.Count)
                {
                    for (nint c = 0; c < channels; c += Vector512<float>.Count)
                    {
                        var upper = Vector512.Max(Vector512.LoadUnsafe(ref top, (nuint)c), Vector512.LoadUnsafe(ref top, (nuint)(c + pixel)));
                        var lower = Vector512.Max(Vector512.LoadUnsafe(ref bottom, (nuint)c), Vector512.LoadUnsafe(ref bottom, (nuint)(c + pixel)));
                        Vector512.Max(upper, lower).StoreUnsafe(ref target, (nuint)c);
                    }
                }
                else if (lanes == Vector256<float>.Count)
                {
                    for (nint c = 0; c < channels; c += Vector256<float>.Count)
                    {
                        var upper = Vector256.Max(Vector256.LoadUnsafe(ref top, (nuint)c), Vector256.LoadUnsafe(ref top, (nuint)(c + pixel)));
                        var lower = Vector256.Max(Vector256.LoadUnsafe(ref bottom, (nuint)c), Vector256.LoadUnsafe(ref bottom, (nuint)(c + pixel)));
                        Vector256.Max(upper, lower).StoreUnsafe(ref target, (nuint)c);
                    }
                }
                else
                {
                    for (nint c = 0; c < channels; c += Vector128<float>.Count)
                    {
                        var upper = Vector128.Max(Vector128.LoadUnsafe(ref top, (nuint)c), Vector128.LoadUnsafe(ref top, (nuint)(c + pixel)));
                        var lower = Vector128.Max(Vector128.LoadUnsafe(ref bottom, (nuint)c), Vector128.LoadUnsafe(ref bottom, (nuint)(c + pixel)));
                        Vector128.Max(upper, lower).StoreUnsafe(ref target, (nuint)c);
                    }
#else
                {
                    for (nint c = 0; c < channels; c += Vector<float>.Count)
                    {
                        var upper = Vector.Max(VectorMemory.Load(ref top, c), VectorMemory.Load(ref top, c + pixel));
                        var lower = Vector.Max(VectorMemory.Load(ref bottom, c), VectorMemory.Load(ref bottom, c + pixel));
                        VectorMemory.Store(Vector.Max(upper, lower), ref target, c);
                    }
#endif
                }
            }
        }
    }

    /// <summary>Routes each output gradient to the first cell (row-major in its window) equal to the window's maximum; overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient) =>
        Route(g, batch, input, output, outputGradient, inputGradient, reluMask: false);

    /// <summary>
    /// <see cref="Backward"/> followed by the derivative of the ReLU that produced <paramref name="input"/>: the gradient
    /// with respect to that ReLU's pre-activation, in one pass (a routed gradient lands on the window's maximum, whose
    /// ReLU derivative is <c>maximum &gt; 0</c>). Overwrites <paramref name="inputGradient"/> (skipped when empty).
    /// </summary>
    public static void BackwardThroughRelu(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient) =>
        Route(g, batch, input, output, outputGradient, inputGradient, reluMask: true);

    private static void Route(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient, bool reluMask)
    {
        Arguments.Pool(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        Arguments.Length(outputGradient.Length, output.Length, nameof(outputGradient), $"the output's length");
        Arguments.LengthOrEmpty(inputGradient.Length, input.Length, nameof(inputGradient), $"the input's length");
        if (inputGradient.IsEmpty)
        {
            return;
        }
        MaxPoolRouting.Run(g, batch, input, output, outputGradient, inputGradient, reluMask);
    }
}

/// <summary>Average pooling (Keras <c>AveragePooling2D</c>): padded cells are not counted.</summary>
public static class AveragePool2D
{
    /// <summary>Each output value is the mean of the input cells of its window; input (N, IH, IW, C), output (N, OH, OW, C).</summary>
    public static void Forward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.Pool(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        ref var source = ref MemoryMarshal.GetReference(input);
        ref var destination = ref MemoryMarshal.GetReference(output);
        nint o = 0;
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++, o += g.Channels)
        {
            var window = PoolWindow.Clip(g, n, oy, ox);
            PoolWindow.Sum(ref source, window, g.Channels, 1f / (window.Rows * window.Columns), ref Unsafe.Add(ref destination, o));
        }
    }

    /// <summary>Spreads each output gradient evenly over the input cells of its window; overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(in Pool2DGeometry g, int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.Pool(g, batch, inputGradient.IsEmpty ? batch * g.InputSize : inputGradient.Length, nameof(inputGradient),
            outputGradient.Length, nameof(outputGradient));
        if (inputGradient.IsEmpty)
        {
            return;
        }
        inputGradient.Clear();
        ref var gradient = ref MemoryMarshal.GetReference(outputGradient);
        ref var destination = ref MemoryMarshal.GetReference(inputGradient);
        nint o = 0;
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < g.OutputHeight; oy++)
        for (var ox = 0; ox < g.OutputWidth; ox++, o += g.Channels)
        {
            var window = PoolWindow.Clip(g, n, oy, ox);
            PoolWindow.Spread(ref Unsafe.Add(ref gradient, o), 1f / (window.Rows * window.Columns), window, g.Channels, ref destination);
        }
    }
}

/// <summary>Global average pooling (Keras <c>GlobalAveragePooling2D</c>): input (N, pixels, C), output (N, C).</summary>
public static class GlobalAveragePool2D
{
    /// <summary>Mean over all pixels of each sample and channel.</summary>
    public static void Forward(int batch, int pixels, int channels, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.GlobalPool(batch, pixels, channels, input.Length, nameof(input), output.Length, nameof(output));
        ref var source = ref MemoryMarshal.GetReference(input);
        ref var destination = ref MemoryMarshal.GetReference(output);
        for (var n = 0; n < batch; n++)
        {
            PoolWindow.Sum(ref source, PoolWindow.Pixels(n, pixels, channels), channels, 1f / pixels, ref Unsafe.Add(ref destination, (nint)n * channels));
        }
    }

    /// <summary>Each pixel receives its channel's output gradient divided by the pixel count; overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(int batch, int pixels, int channels, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.GlobalPool(batch, pixels, channels, inputGradient.IsEmpty ? batch * pixels * channels : inputGradient.Length,
            nameof(inputGradient), outputGradient.Length, nameof(outputGradient));
        if (inputGradient.IsEmpty)
        {
            return;
        }
        var share = 1f / pixels;
        for (var n = 0; n < batch; n++)
        {
            var sample = inputGradient.Slice(n * pixels * channels, pixels * channels);
            TensorPrimitives.Multiply(outputGradient.Slice(n * channels, channels), share, sample[..channels]);
            for (var p = 1; p < pixels; p++)
            {
                sample[..channels].CopyTo(sample.Slice(p * channels, channels));
            }
        }
    }
}

/// <summary>Global max pooling (Keras <c>GlobalMaxPooling2D</c>): input (N, pixels, C), output (N, C).</summary>
public static class GlobalMaxPool2D
{
    /// <summary>Maximum over all pixels of each sample and channel.</summary>
    public static void Forward(int batch, int pixels, int channels, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.GlobalPool(batch, pixels, channels, input.Length, nameof(input), output.Length, nameof(output));
        ref var source = ref MemoryMarshal.GetReference(input);
        ref var destination = ref MemoryMarshal.GetReference(output);
        for (var n = 0; n < batch; n++)
        {
            PoolWindow.Max(ref source, PoolWindow.Pixels(n, pixels, channels), channels, ref Unsafe.Add(ref destination, (nint)n * channels));
        }
    }

    /// <summary>Routes each output gradient to the first pixel equal to the maximum; overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(int batch, int pixels, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.GlobalPool(batch, pixels, channels, input.Length, nameof(input), output.Length, nameof(output));
        Arguments.Length(outputGradient.Length, output.Length, nameof(outputGradient), $"the output's length");
        Arguments.LengthOrEmpty(inputGradient.Length, input.Length, nameof(inputGradient), $"the input's length");
        if (inputGradient.IsEmpty)
        {
            return;
        }
        inputGradient.Clear();
        ref var source = ref MemoryMarshal.GetReference(input);
        ref var maximum = ref MemoryMarshal.GetReference(output);
        ref var gradient = ref MemoryMarshal.GetReference(outputGradient);
        ref var destination = ref MemoryMarshal.GetReference(inputGradient);
        for (var n = 0; n < batch; n++)
        {
            PoolWindow.RouteToFirstMaximum(ref source, PoolWindow.Pixels(n, pixels, channels), channels,
                ref Unsafe.Add(ref maximum, (nint)n * channels), ref Unsafe.Add(ref gradient, (nint)n * channels), ref destination);
        }
    }
}
