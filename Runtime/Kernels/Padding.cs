using System;

namespace Generated.Kernels;

/// <summary>ZeroPadding2D: input (N, IH, IW, C), output (N, PadTop + IH + PadBottom, PadLeft + IW + PadRight, C).</summary>
public readonly record struct Padding2DGeometry(
    int InputHeight, int InputWidth, int Channels,
    int PadTop, int PadBottom, int PadLeft, int PadRight)
{
    /// <summary>Output rows.</summary>
    public int OutputHeight => PadTop + InputHeight + PadBottom;

    /// <summary>Output columns.</summary>
    public int OutputWidth => PadLeft + InputWidth + PadRight;

    /// <summary>Floats per input sample.</summary>
    public int InputSize => InputHeight * InputWidth * Channels;

    /// <summary>Floats per output sample.</summary>
    public int OutputSize => OutputHeight * OutputWidth * Channels;
}

/// <summary>
/// Keras <c>ZeroPadding2D</c>. NHWC keeps each input row (IW*C floats) contiguous, and so is its place in the output:
/// forward copies rows into the zeroed frame, backward copies the same rows back out (the frame's gradient is dropped).
/// </summary>
public static class ZeroPadding2D
{
    /// <summary>Writes <paramref name="input"/> into the middle of <paramref name="output"/> and zeros around it.</summary>
    public static void Forward(in Padding2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        Check(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        int inputRow = g.InputWidth * g.Channels, outputRow = g.OutputWidth * g.Channels;
        int left = g.PadLeft * g.Channels, right = g.PadRight * g.Channels;
        for (var n = 0; n < batch; n++)
        {
            var sample = output.Slice(n * g.OutputSize, g.OutputSize);
            sample[..(g.PadTop * outputRow)].Clear();
            sample[((g.PadTop + g.InputHeight) * outputRow)..].Clear();
            for (var y = 0; y < g.InputHeight; y++)
            {
                var row = sample.Slice((g.PadTop + y) * outputRow, outputRow);
                row[..left].Clear();
                input.Slice((n * g.InputHeight + y) * inputRow, inputRow).CopyTo(row.Slice(left, inputRow));
                row.Slice(left + inputRow, right).Clear();
            }
        }
    }

    /// <summary>Adjoint of <see cref="Forward"/>: the output gradient cropped to the input; overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(in Padding2DGeometry g, int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Check(g, batch, inputGradient.IsEmpty ? batch * g.InputSize : inputGradient.Length, nameof(inputGradient), outputGradient.Length, nameof(outputGradient));
        if (inputGradient.IsEmpty)
        {
            return;
        }
        int inputRow = g.InputWidth * g.Channels, outputRow = g.OutputWidth * g.Channels, left = g.PadLeft * g.Channels;
        for (var n = 0; n < batch; n++)
        {
            for (var y = 0; y < g.InputHeight; y++)
            {
                outputGradient.Slice(n * g.OutputSize + (g.PadTop + y) * outputRow + left, inputRow)
                    .CopyTo(inputGradient.Slice((n * g.InputHeight + y) * inputRow, inputRow));
            }
        }
    }

    /// <summary>Checks a geometry, batch and the two span lengths (shared with the reference twin).</summary>
    internal static void Check(in Padding2DGeometry g, int batch, int inputLength, string inputName, int outputLength, string outputName)
    {
        Positive(batch, nameof(batch));
        Positive(g.InputHeight, "geometry.InputHeight");
        Positive(g.InputWidth, "geometry.InputWidth");
        Positive(g.Channels, "geometry.Channels");
        NotNegative(g.PadTop, "geometry.PadTop");
        NotNegative(g.PadBottom, "geometry.PadBottom");
        NotNegative(g.PadLeft, "geometry.PadLeft");
        NotNegative(g.PadRight, "geometry.PadRight");
        if (inputLength != (long)batch * g.InputSize)
        {
            throw new ArgumentException($"{inputName} has {inputLength} floats but must have {(long)batch * g.InputSize} (batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.Channels}, NHWC).", inputName);
        }
        if (outputLength != (long)batch * g.OutputSize)
        {
            throw new ArgumentException($"{outputName} has {outputLength} floats but must have {(long)batch * g.OutputSize} (batch {batch} x {g.OutputHeight}x{g.OutputWidth}x{g.Channels}, NHWC).", outputName);
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }

    private static void NotNegative(int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");
        }
    }
}
