using System;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>Cropping2D: input (N, IH, IW, C), output (N, IH - CropTop - CropBottom, IW - CropLeft - CropRight, C).</summary>
public readonly record struct Cropping2DGeometry(
    int InputHeight, int InputWidth, int Channels,
    int CropTop, int CropBottom, int CropLeft, int CropRight)
{
    /// <summary>Output rows.</summary>
    public int OutputHeight => InputHeight - CropTop - CropBottom;

    /// <summary>Output columns.</summary>
    public int OutputWidth => InputWidth - CropLeft - CropRight;

    /// <summary>Floats per input sample.</summary>
    public int InputSize => InputHeight * InputWidth * Channels;

    /// <summary>Floats per output sample.</summary>
    public int OutputSize => OutputHeight * OutputWidth * Channels;
}

/// <summary>
/// Keras <c>Cropping2D</c>, the adjoint of <see cref="ZeroPadding2D"/>: in NHWC each kept part of an input row
/// (OW*C floats) is contiguous, so forward copies those row parts out and backward copies them back into a zeroed frame.
/// </summary>
public static class Cropping2D
{
    /// <summary>Copies the middle of <paramref name="input"/> into <paramref name="output"/>.</summary>
    public static void Forward(in Cropping2DGeometry g, int batch, ReadOnlySpan<float> input, Span<float> output)
    {
        Check(g, batch, input.Length, nameof(input), output.Length, nameof(output));
        int inputRow = g.InputWidth * g.Channels, outputRow = g.OutputWidth * g.Channels, left = g.CropLeft * g.Channels;
        for (var n = 0; n < batch; n++)
        {
            for (var y = 0; y < g.OutputHeight; y++)
            {
                input.Slice(n * g.InputSize + (g.CropTop + y) * inputRow + left, outputRow)
                    .CopyTo(output.Slice((n * g.OutputHeight + y) * outputRow, outputRow));
            }
        }
    }

    /// <summary>Adjoint of <see cref="Forward"/>: the output gradient in the middle, zeros on the cropped border; overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(in Cropping2DGeometry g, int batch, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Check(g, batch, inputGradient.IsEmpty ? batch * g.InputSize : inputGradient.Length, nameof(inputGradient), outputGradient.Length, nameof(outputGradient));
        if (inputGradient.IsEmpty)
        {
            return;
        }
        int inputRow = g.InputWidth * g.Channels, outputRow = g.OutputWidth * g.Channels;
        int left = g.CropLeft * g.Channels, right = g.CropRight * g.Channels;
        for (var n = 0; n < batch; n++)
        {
            var sample = inputGradient.Slice(n * g.InputSize, g.InputSize);
            sample[..(g.CropTop * inputRow)].Clear();
            sample[((g.CropTop + g.OutputHeight) * inputRow)..].Clear();
            for (var y = 0; y < g.OutputHeight; y++)
            {
                var row = sample.Slice((g.CropTop + y) * inputRow, inputRow);
                row[..left].Clear();
                outputGradient.Slice((n * g.OutputHeight + y) * outputRow, outputRow).CopyTo(row.Slice(left, outputRow));
                row.Slice(left + outputRow, right).Clear();
            }
        }
    }

    /// <summary>Checks a geometry, batch and the two span lengths (shared with the reference twin).</summary>
    internal static void Check(in Cropping2DGeometry g, int batch, int inputLength, string inputName, int outputLength, string outputName)
    {
        Arguments.Positive(batch, nameof(batch));
        Arguments.Positive(g.InputHeight, "geometry.InputHeight");
        Arguments.Positive(g.InputWidth, "geometry.InputWidth");
        Arguments.Positive(g.Channels, "geometry.Channels");
        Arguments.NotNegative(g.CropTop, "geometry.CropTop");
        Arguments.NotNegative(g.CropBottom, "geometry.CropBottom");
        Arguments.NotNegative(g.CropLeft, "geometry.CropLeft");
        Arguments.NotNegative(g.CropRight, "geometry.CropRight");
        if (g.OutputHeight <= 0 || g.OutputWidth <= 0)
        {
            throw new ArgumentException($"Cropping {g.CropTop}+{g.CropBottom} rows and {g.CropLeft}+{g.CropRight} columns of a {g.InputHeight}x{g.InputWidth} map leaves {g.OutputHeight}x{g.OutputWidth}; each side must keep at least one.", "geometry");
        }
        Arguments.Length(inputLength, (long)batch * g.InputSize, inputName, $"batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.Channels}, NHWC");
        Arguments.Length(outputLength, (long)batch * g.OutputSize, outputName, $"batch {batch} x {g.OutputHeight}x{g.OutputWidth}x{g.Channels}, NHWC");
    }
}
