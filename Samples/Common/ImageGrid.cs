using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
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

        // Not disposed: ScottPlot caches its typefaces and hands out the shared instance.
        SKTypeface bold = ScottPlot.Fonts.GetTypeface(PlotFont.Family, bold: true, italic: false);
        using var headerFont = new SKFont(bold, 22);
        using var labelFont = new SKFont(bold, RowLabelFontSize);
        using var textPaint = new SKPaint { IsAntialias = true, Color = Text };
        DrawFitted(canvas, title, imageWidth / 2f, 32, imageWidth - (2 * Padding), headerFont, textPaint);

        using var pixels = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var framePaint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Stroke, Color = Frame, StrokeWidth = 1 };
        int sampleSize = height * width * channels;
        for (int row = 0; rowLabels is not null && row < rows; row++)
        {
            float middle = HeaderHeight + (row * cellHeight) + (cellHeight / 2f) + (RowLabelFontSize / 3f);
            DrawFitted(canvas, rowLabels[row], labelWidth / 2f, middle, labelWidth - Padding, labelFont, textPaint);
        }

        for (int i = 0; i < count; i++)
        {
            int x = labelWidth + ((i % columns) * cellWidth);
            int y = HeaderHeight + ((i / columns) * cellHeight);
            FillBitmap(pixels, images.Slice(i * sampleSize, sampleSize), channels, low, high);
            var target = new SKRect(x + Padding, y + Padding, x + Padding + (width * scale), y + Padding + (height * scale));
            using (SKImage image = SKImage.FromBitmap(pixels))
            {
                canvas.DrawImage(image, target, new SKSamplingOptions(SKFilterMode.Nearest), paint: null);
            }

            SKRect frame = target;
            frame.Inflate(1, 1);
            canvas.DrawRect(frame, framePaint);
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using SKImage snapshot = surface.Snapshot();
        using SKData png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
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

    // Grayscale is drawn dark-on-white (matplotlib's "binary" colormap, as Keras tutorials show digits), like DigitGrid.
    private static void FillBitmap(SKBitmap bitmap, ReadOnlySpan<float> image, int channels, float low, float high)
    {
        Span<byte> target = bitmap.GetPixelSpan();
        int pixels = bitmap.Width * bitmap.Height;
        float scale = 255f / (high - low);
        for (int p = 0; p < pixels; p++)
        {
            byte r, g, b;
            if (channels == 1)
            {
                r = g = b = (byte)(255 - ToByte(image[p], low, scale));
            }
            else
            {
                r = ToByte(image[3 * p], low, scale);
                g = ToByte(image[(3 * p) + 1], low, scale);
                b = ToByte(image[(3 * p) + 2], low, scale);
            }

            target[4 * p] = r;
            target[(4 * p) + 1] = g;
            target[(4 * p) + 2] = b;
            target[(4 * p) + 3] = 255;
        }
    }

    private static byte ToByte(float value, float low, float scale) => (byte)Math.Clamp(MathF.Round((value - low) * scale), 0, 255);

    // Centred text, shrunk until it fits the available width.
    private static void DrawFitted(SKCanvas canvas, string text, float centreX, float baseline, float maxWidth, SKFont font, SKPaint paint)
    {
        float size = font.Size;
        float measured = font.MeasureText(text);
        if (measured > maxWidth)
        {
            font.Size = Math.Max(8, size * maxWidth / measured);
        }

        canvas.DrawText(text, centreX, baseline, SKTextAlign.Center, font, paint);
        font.Size = size;
    }
}
