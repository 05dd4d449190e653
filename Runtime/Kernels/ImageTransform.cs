using System;
using System.Numerics.Tensors;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// The resampling behind Keras' augmentation layers (its <c>affine_transform</c>): output pixel <c>(x, y)</c> of a sample
/// reads the input at <c>x' = a0 x + a1 y + a2</c>, <c>y' = b0 x + b1 y + b2</c> (pixel centres at integers), bilinearly
/// from its four neighbours, each neighbour's index mapped into the image by the <see cref="FillMode"/> (Keras 3's index
/// fixers). The map is linear in the input, so <see cref="Backward"/> sends each output gradient back to the same four
/// pixels with the same weights: the transposed resampling.
/// </summary>
public static class ImageTransform
{
    /// <summary>Floats per sample in a transform span: <c>a0, a1, a2, b0, b1, b2</c>.</summary>
    public const int ParametersPerSample = 6;

    /// <summary>Resamples every sample of <paramref name="input"/> by its transform into <paramref name="output"/> (not in place).</summary>
    public static void Forward(int batch, int height, int width, int channels, FillMode fill, ReadOnlySpan<float> transforms,
        ReadOnlySpan<float> input, Span<float> output)
    {
        Check(batch, height, width, channels, fill, transforms.Length, input.Length, output.Length);
        var size = height * width * channels;
        Span<int> offsets = stackalloc int[4];
        Span<float> weights = stackalloc float[4];
        for (var n = 0; n < batch; n++)
        {
            var t = transforms.Slice(n * ParametersPerSample, ParametersPerSample);
            var source = input.Slice(n * size, size);
            var target = output.Slice(n * size, size);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var pixel = target.Slice((y * width + x) * channels, channels);
                    var taps = Taps(t, x, y, height, width, channels, fill, offsets, weights);
                    if (taps == 0)
                    {
                        pixel.Clear();
                        continue;
                    }
                    TensorPrimitives.Multiply(source.Slice(offsets[0], channels), weights[0], pixel);
                    for (var k = 1; k < taps; k++)
                    {
                        TensorPrimitives.MultiplyAdd(source.Slice(offsets[k], channels), weights[k], pixel, pixel);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The gradient through <see cref="Forward"/> with the same transforms: overwrites <paramref name="inputGradient"/>
    /// (skipped when empty) with the output gradient scattered back to the pixels each output pixel read.
    /// </summary>
    public static void Backward(int batch, int height, int width, int channels, FillMode fill, ReadOnlySpan<float> transforms,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        if (inputGradient.IsEmpty)
        {
            return;
        }
        Check(batch, height, width, channels, fill, transforms.Length, outputGradient.Length, inputGradient.Length);
        inputGradient.Clear();
        var size = height * width * channels;
        Span<int> offsets = stackalloc int[4];
        Span<float> weights = stackalloc float[4];
        for (var n = 0; n < batch; n++)
        {
            var t = transforms.Slice(n * ParametersPerSample, ParametersPerSample);
            var dy = outputGradient.Slice(n * size, size);
            var dx = inputGradient.Slice(n * size, size);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var gradient = dy.Slice((y * width + x) * channels, channels);
                    var taps = Taps(t, x, y, height, width, channels, fill, offsets, weights);
                    for (var k = 0; k < taps; k++)
                    {
                        var target = dx.Slice(offsets[k], channels);
                        TensorPrimitives.MultiplyAdd(gradient, weights[k], target, target);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The input pixels (offsets into the sample) and weights output pixel <c>(x, y)</c> reads; returns how many
    /// (fewer than four where a neighbour has weight 0 or, with <see cref="FillMode.Constant"/>, lies outside).
    /// </summary>
    internal static int Taps(ReadOnlySpan<float> t, int x, int y, int height, int width, int channels, FillMode fill, Span<int> offsets, Span<float> weights)
    {
        // float arithmetic, as Keras computes the coordinates in the input's dtype.
        var sourceX = t[0] * x + t[1] * y + t[2];
        var sourceY = t[3] * x + t[4] * y + t[5];
        var x0 = (float)Math.Floor(sourceX);
        var y0 = (float)Math.Floor(sourceY);
        float fx = sourceX - x0, fy = sourceY - y0;
        // Coordinates far outside (a huge transform) are clamped first so that the integer conversion cannot overflow.
        var column = (int)Math.Min(Math.Max(x0, -4f * width - 4), 4f * width + 4);
        var row = (int)Math.Min(Math.Max(y0, -4f * height - 4), 4f * height + 4);
        var taps = 0;
        for (var dy = 0; dy < 2; dy++)
        {
            var wy = dy == 0 ? 1f - fy : fy;
            if (wy == 0f)
            {
                continue;
            }
            var r = Fix(row + dy, height, fill);
            if (r < 0)
            {
                continue;
            }
            for (var dx = 0; dx < 2; dx++)
            {
                var wx = dx == 0 ? 1f - fx : fx;
                if (wx == 0f)
                {
                    continue;
                }
                var c = Fix(column + dx, width, fill);
                if (c < 0)
                {
                    continue;
                }
                offsets[taps] = (r * width + c) * channels;
                weights[taps] = wy * wx;
                taps++;
            }
        }
        return taps;
    }

    /// <summary>An index mapped into <c>[0, size)</c> by the fill mode, or -1 (constant fill: the neighbour reads 0).</summary>
    internal static int Fix(int index, int size, FillMode fill)
    {
        if (index >= 0 && index < size)
        {
            return index;
        }
        switch (fill)
        {
            case FillMode.Reflect:
                // Half-sample symmetric (d c b a | a b c d | d c b a): period 2 * size.
                var period = 2 * size;
                var folded = ((index % period) + period) % period;
                return folded < size ? folded : period - 1 - folded;
            case FillMode.Wrap:
                return ((index % size) + size) % size;
            case FillMode.Nearest:
                return index < 0 ? 0 : size - 1;
            default:
                return -1;
        }
    }

    private static void Check(int batch, int height, int width, int channels, FillMode fill, int transforms, int input, int output)
    {
        Arguments.Positive(height, nameof(height));
        Arguments.Positive(width, nameof(width));
        Arguments.Positive(channels, nameof(channels));
        if (fill < FillMode.Reflect || fill > FillMode.Nearest)
        {
            throw new ArgumentOutOfRangeException(nameof(fill), fill, "Unknown fill mode; use a value of Generated.FillMode.");
        }
        Arguments.Samples(batch, (long)height * width * channels, input, output);
        Arguments.Length(transforms, (long)batch * ParametersPerSample, nameof(transforms), $"batch * {ParametersPerSample}");
    }
}

/// <summary>
/// The random transforms of Keras' augmentation layers, drawn per sample from a <see cref="SeededRandom"/> into a span of
/// <see cref="ImageTransform.ParametersPerSample"/> floats per sample, with Keras 3's matrices.
/// </summary>
public static class RandomTransforms
{
    /// <summary>The identity transform for every sample (a layer at inference, or <c>Forward(training: false)</c>).</summary>
    public static void Identity(int batch, Span<float> transforms)
    {
        CheckLength(batch, transforms.Length);
        for (var n = 0; n < batch; n++)
        {
            Write(transforms, n, 1f, 0f, 0f, 0f, 1f, 0f);
        }
    }

    /// <summary>Keras <c>RandomFlip</c>: each sample flipped along each axis of the mode with probability 1/2 (horizontal drawn first).</summary>
    public static void Flip(FlipMode mode, int batch, int height, int width, ref SeededRandom random, Span<float> transforms)
    {
        CheckLength(batch, transforms.Length);
        if (mode < FlipMode.Horizontal || mode > FlipMode.HorizontalAndVertical)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown flip mode; use a value of Generated.FlipMode.");
        }
        for (var n = 0; n < batch; n++)
        {
            var horizontal = mode != FlipMode.Vertical && Coin(ref random);
            var vertical = mode != FlipMode.Horizontal && Coin(ref random);
            Write(transforms, n, horizontal ? -1f : 1f, 0f, horizontal ? width - 1 : 0f, 0f, vertical ? -1f : 1f, vertical ? height - 1 : 0f);
        }
    }

    /// <summary>Keras <c>RandomTranslation</c>: shifts of <c>uniform(-factor, factor) * size</c> pixels, rows drawn before columns.</summary>
    public static void Translation(float heightFactor, float widthFactor, int batch, int height, int width, ref SeededRandom random, Span<float> transforms)
    {
        CheckLength(batch, transforms.Length);
        Arguments.Factor(heightFactor, nameof(heightFactor));
        Arguments.Factor(widthFactor, nameof(widthFactor));
        for (var n = 0; n < batch; n++)
        {
            var dy = Symmetric(ref random, heightFactor) * height;
            var dx = Symmetric(ref random, widthFactor) * width;
            Write(transforms, n, 1f, 0f, -dx, 0f, 1f, -dy);
        }
    }

    /// <summary>Keras <c>RandomRotation</c>: an angle of <c>uniform(-factor, factor) * 2π</c> about the image centre (positive: counter-clockwise).</summary>
    public static void Rotation(float factor, int batch, int height, int width, ref SeededRandom random, Span<float> transforms)
    {
        CheckLength(batch, transforms.Length);
        Arguments.Factor(factor, nameof(factor));
        for (var n = 0; n < batch; n++)
        {
            var angle = Symmetric(ref random, factor) * 2f * (float)Math.PI;
            // float results of the double functions: the same on every runtime (MathF is not in netstandard2.0).
            float cos = (float)Math.Cos(angle), sin = (float)Math.Sin(angle);
            float w = width - 1, h = height - 1;
            var xOffset = (w - (cos * w - sin * h)) / 2f;
            var yOffset = (h - (sin * w + cos * h)) / 2f;
            Write(transforms, n, cos, -sin, xOffset, sin, cos, yOffset);
        }
    }

    /// <summary>
    /// Keras <c>RandomZoom</c>: a zoom of <c>1 + uniform(-factor, factor)</c> about the centre (above 1 zooms out);
    /// <paramref name="widthFactor"/> null keeps the aspect ratio (the row zoom for both axes), as Keras' <c>width_factor=None</c>.
    /// </summary>
    public static void Zoom(float heightFactor, float? widthFactor, int batch, int height, int width, ref SeededRandom random, Span<float> transforms)
    {
        CheckLength(batch, transforms.Length);
        Arguments.Factor(heightFactor, nameof(heightFactor));
        if (widthFactor is { } factor)
        {
            Arguments.Factor(factor, nameof(widthFactor));
        }
        for (var n = 0; n < batch; n++)
        {
            var zoomY = 1f + Symmetric(ref random, heightFactor);
            var zoomX = widthFactor is { } f ? 1f + Symmetric(ref random, f) : zoomY;
            Write(transforms, n, zoomX, 0f, (width - 1) / 2f * (1f - zoomX), 0f, zoomY, (height - 1) / 2f * (1f - zoomY));
        }
    }

    /// <summary>Uniform in <c>[-factor, factor)</c>: one draw per value even when the factor is 0, so streams stay aligned.</summary>
    private static float Symmetric(ref SeededRandom random, float factor) => (2f * random.NextSingle() - 1f) * factor;

    /// <summary>A fair coin from the top bit, as <see cref="Generated.Data.RandomFlip"/> draws it.</summary>
    private static bool Coin(ref SeededRandom random) => (random.NextUInt64() >> 63) != 0;

    private static void Write(Span<float> transforms, int sample, float a0, float a1, float a2, float b0, float b1, float b2)
    {
        var t = transforms.Slice(sample * ImageTransform.ParametersPerSample, ImageTransform.ParametersPerSample);
        t[0] = a0;
        t[1] = a1;
        t[2] = a2;
        t[3] = b0;
        t[4] = b1;
        t[5] = b2;
    }

    private static void CheckLength(int batch, int length)
    {
        Arguments.NotNegative(batch, nameof(batch));
        Arguments.Length(length, (long)batch * ImageTransform.ParametersPerSample, "transforms", $"batch * {ImageTransform.ParametersPerSample}");
    }
}
