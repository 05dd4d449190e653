using System;
using System.Collections.Generic;
using System.Globalization;
using SkiaSharp;

namespace Generated.Samples.Common;

/// <summary>
/// A picture of unlabeled images in a grid, in <see cref="DigitGrid"/>'s look (dark-on-white digits in thin grey
/// frames, a header line), optionally with a label left of each row: an autoencoder's inputs over its
/// reconstructions, or a GAN's samples epoch by epoch.
/// </summary>
public static class ImageGrid
{
    private const int Padding = 10;
    private const int HeaderHeight = 48;
    private const int RowLabelWidth = 170;
    private const float RowLabelFontSize = 19;

    private static readonly SKColor Background = SKColors.White;
    private static readonly SKColor Frame = new(0xC8, 0xC8, 0xC8);
    private static readonly SKColor Text = new(0x21, 0x21, 0x21);

    /// <summary>
    /// Writes a PNG grid of the images (grayscale or RGB, NHWC), <paramref name="columns"/> per row, row after row.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder is created).</param>
    /// <param name="images">The images, <c>count * height * width * channels</c> floats, channels 1 or 3.</param>
    /// <param name="height">Rows of one image.</param>
    /// <param name="width">Columns of one image.</param>
    /// <param name="columns">Images per row of the grid.</param>
    /// <param name="title">The header line.</param>
    /// <param name="rowLabels">A label drawn left of each grid row (e.g. "original", "reconstructed"), or null for none.</param>
    /// <param name="channels">1 for grayscale (drawn dark on white, as matplotlib's "binary" colormap), 3 for RGB.</param>
    /// <param name="low">The value of an empty pixel (white paper in grayscale, black in RGB): 0 for sigmoid outputs, -1 for tanh outputs.</param>
    /// <param name="high">The value of full ink (black in grayscale, full intensity in RGB): 1 for sigmoid or tanh outputs, 255 for raw bytes.</param>
    public static void Save(
        string path,
        ReadOnlySpan<float> images,
        int height,
        int width,
        int columns,
        string title,
        IReadOnlyList<string>? rowLabels = null,
        int channels = 1,
        float low = 0f,
        float high = 1f)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(title);
        CheckArguments(images, height, width, columns, channels, low, high);
        int count = images.Length / (height * width * channels);
        columns = Math.Min(columns, count);
        int rows = (count + columns - 1) / columns;
        if (rowLabels is not null && rowLabels.Count != rows)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{rowLabels.Count} row labels for a grid of {rows} rows ({count} images, {columns} per row); give one label per row."),
                nameof(rowLabels));
        }

        int scale = Math.Max(1, 112 / Math.Max(height, width));
        int cellWidth = (width * scale) + (2 * Padding);
        int cellHeight = (height * scale) + (2 * Padding);
        int labelWidth = rowLabels is null ? 0 : RowLabelWidth;
        int imageWidth = Math.Max(labelWidth + (columns * cellWidth), 360);
        int imageHeight = HeaderHeight + (rows * cellHeight) + Padding;

        using var surface = SKSurface.Create(new SKImageInfo(imageWidth, imageHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(Background);

        SKTypeface bold = GridDrawing.Bold;
        using var headerFont = new SKFont(bold, 22);
        using var labelFont = new SKFont(bold, RowLabelFontSize);
        using var textPaint = new SKPaint { IsAntialias = true, Color = Text };
        GridDrawing.DrawFitted(canvas, title, imageWidth / 2f, 32, imageWidth - (2 * Padding), headerFont, textPaint);

        using var pixels = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var framePaint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Stroke, Color = Frame, StrokeWidth = 1 };
        int sampleSize = height * width * channels;
        for (int row = 0; rowLabels is not null && row < rows; row++)
        {
            float middle = HeaderHeight + (row * cellHeight) + (cellHeight / 2f) + (RowLabelFontSize / 3f);
            GridDrawing.DrawFitted(canvas, rowLabels[row], labelWidth / 2f, middle, labelWidth - Padding, labelFont, textPaint);
        }

        for (int i = 0; i < count; i++)
        {
            int x = labelWidth + ((i % columns) * cellWidth);
            int y = HeaderHeight + ((i / columns) * cellHeight);
            GridDrawing.FillBitmap(pixels, images.Slice(i * sampleSize, sampleSize), channels, low, 255f / (high - low));
            var target = new SKRect(x + Padding, y + Padding, x + Padding + (width * scale), y + Padding + (height * scale));
            GridDrawing.DrawPixels(canvas, pixels, target);

            SKRect frame = target;
            frame.Inflate(1, 1);
            canvas.DrawRect(frame, framePaint);
        }

        GridDrawing.SavePng(surface, path);
    }

    private static void CheckArguments(ReadOnlySpan<float> images, int height, int width, int columns, int channels, float low, float high)
    {
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(height), string.Create(CultureInfo.InvariantCulture, $"Image size must be positive, got {height}x{width}."));
        }

        if (columns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "The grid needs at least one column.");
        }

        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Images must be grayscale (1 channel) or RGB (3 channels).");
        }

        if (!(high > low))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The high value ({high}) must be greater than the low value ({low}), e.g. 0 and 1 for sigmoid outputs or -1 and 1 for tanh outputs."),
                nameof(high));
        }

        int sampleSize = height * width * channels;
        if (images.IsEmpty || (images.Length % sampleSize != 0))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The images hold {images.Length} floats, which is not a positive multiple of one {height}x{width}x{channels} image ({sampleSize} floats)."),
                nameof(images));
        }
    }
}
