using System;
using System.Collections.Generic;
using System.Globalization;
using Generated.Data;
using SkiaSharp;

namespace Generated.Samples.Common;

/// <summary>
/// A picture of test images in a grid, each with the label the network predicted: correct ones under a
/// thin grey frame, wrong ones in a red frame with "predicted (true)" in red.
/// </summary>
/// <remarks>
/// Drawn with SkiaSharp (which ScottPlot already brings) so every source pixel becomes a crisp square;
/// text uses the typeface ScottPlot resolves for its own plots.
/// </remarks>
public static class DigitGrid
{
    private const int Padding = 10;
    private const int LabelHeight = 30;
    private const int HeaderHeight = 48;
    private const float LabelFontSize = 19;

    private static readonly SKColor Background = SKColors.White;
    private static readonly SKColor CorrectFrame = new(0xC8, 0xC8, 0xC8);
    private static readonly SKColor CorrectText = new(0x1B, 0x5E, 0x20);
    private static readonly SKColor WrongColor = new(0xD3, 0x2F, 0x2F);
    private static readonly SKColor HeaderText = new(0x21, 0x21, 0x21);

    /// <summary>
    /// Writes a PNG grid of the images (grayscale or RGB, NHWC, values 0..1 or 0..255: detected from the
    /// largest value) with their predicted labels.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder is created).</param>
    /// <param name="images">The images, <c>count * height * width * channels</c> floats, channels 1 or 3.</param>
    /// <param name="height">Rows of one image.</param>
    /// <param name="width">Columns of one image.</param>
    /// <param name="predicted">The predicted class of each image.</param>
    /// <param name="actual">The true class of each image.</param>
    /// <param name="columns">Images per row of the grid.</param>
    /// <param name="classNames">Names to print instead of class numbers (e.g. Fashion-MNIST's), or null.</param>
    /// <param name="title">The header line; by default it says how many predictions are wrong.</param>
    public static void Save(
        string path,
        ReadOnlySpan<float> images,
        int height,
        int width,
        ReadOnlySpan<int> predicted,
        ReadOnlySpan<int> actual,
        int columns = 10,
        IReadOnlyList<string>? classNames = null,
        string? title = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        int count = predicted.Length;
        int channels = CheckArguments(images, height, width, predicted, actual, columns);

        int scale = Math.Max(1, 112 / Math.Max(height, width));
        int cellWidth = (width * scale) + (2 * Padding);
        int cellHeight = (height * scale) + LabelHeight + (2 * Padding);
        columns = Math.Min(columns, count);
        int rows = (count + columns - 1) / columns;
        int imageWidth = Math.Max(columns * cellWidth, 360);
        int imageHeight = HeaderHeight + (rows * cellHeight) + Padding;

        int wrong = 0;
        for (int i = 0; i < count; i++)
        {
            wrong += predicted[i] != actual[i] ? 1 : 0;
        }

        float maxValue = 0;
        foreach (float v in images)
        {
            maxValue = Math.Max(maxValue, v);
        }

        float toByte = maxValue > 1.5f ? 1f : 255f; // 0..255 data as is, 0..1 data scaled up

        using var surface = SKSurface.Create(new SKImageInfo(imageWidth, imageHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(Background);

        SKTypeface bold = GridDrawing.Bold;
        using var headerFont = new SKFont(bold, 22);
        using var textPaint = new SKPaint { IsAntialias = true, Color = HeaderText };
        string header = title ?? string.Create(
            CultureInfo.InvariantCulture,
            $"Predictions on {count} test images: {count - wrong} right, {wrong} wrong (red: predicted, true in brackets)");
        GridDrawing.DrawFitted(canvas, header, imageWidth / 2f, 32, imageWidth - (2 * Padding), headerFont, textPaint);

        using var pixels = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var framePaint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Stroke };
        using var labelFont = new SKFont(bold, LabelFontSize);
        int sampleSize = height * width * channels;
        for (int i = 0; i < count; i++)
        {
            int x = (i % columns) * cellWidth;
            int y = HeaderHeight + ((i / columns) * cellHeight);
            GridDrawing.FillBitmap(pixels, images.Slice(i * sampleSize, sampleSize), channels, low: 0, toByte);
            var target = new SKRect(x + Padding, y + Padding, x + Padding + (width * scale), y + Padding + (height * scale));
            GridDrawing.DrawPixels(canvas, pixels, target);

            bool isWrong = predicted[i] != actual[i];
            framePaint.Color = isWrong ? WrongColor : CorrectFrame;
            framePaint.StrokeWidth = isWrong ? 4 : 1;
            SKRect frame = target;
            frame.Inflate(isWrong ? 3 : 1, isWrong ? 3 : 1);
            canvas.DrawRect(frame, framePaint);

            string label = isWrong
                ? $"{Name(predicted[i], classNames)} ({Name(actual[i], classNames)})"
                : Name(predicted[i], classNames);
            textPaint.Color = isWrong ? WrongColor : CorrectText;
            GridDrawing.DrawFitted(canvas, label, target.MidX, target.Bottom + 24, cellWidth - 4, labelFont, textPaint);
        }

        GridDrawing.SavePng(surface, path);
    }

    /// <summary>
    /// The first <c>predicted.Length</c> images of <paramref name="dataset"/> with their predicted labels,
    /// named with the data set's class names when they are not just the digits.
    /// </summary>
    public static void Save(string path, ImageDataset dataset, ReadOnlySpan<int> predicted, int columns = 10, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (predicted.Length > dataset.Count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{predicted.Length} predictions for a data set of {dataset.Count} images; predict at most one label per image."),
                nameof(predicted));
        }

        int count = predicted.Length;
        TensorShape shape = dataset.SampleShape;
        bool digitNames = true;
        for (int c = 0; c < dataset.ClassCount; c++)
        {
            digitNames &= dataset.ClassNames[c] == c.ToString(CultureInfo.InvariantCulture);
        }

        Save(
            path,
            dataset.Images.Slice(0, count * shape.Size),
            shape.Height,
            shape.Width,
            predicted,
            dataset.Labels.Slice(0, count),
            columns,
            digitNames ? null : dataset.ClassNames,
            title);
    }

    private static int CheckArguments(ReadOnlySpan<float> images, int height, int width, ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int columns)
    {
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(height), string.Create(CultureInfo.InvariantCulture, $"Image size must be positive, got {height}x{width}."));
        }

        if (columns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "The grid needs at least one column.");
        }

        if (predicted.Length == 0)
        {
            throw new ArgumentException("There are no predictions to draw.", nameof(predicted));
        }

        if (actual.Length != predicted.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{predicted.Length} predicted labels but {actual.Length} true labels; give one of each per image."),
                nameof(actual));
        }

        long pixelsPerChannel = (long)predicted.Length * height * width;
        if (images.Length != pixelsPerChannel && images.Length != 3 * pixelsPerChannel)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{predicted.Length} images of {height}x{width} need {pixelsPerChannel} floats (grayscale) or {3 * pixelsPerChannel} (RGB), but {images.Length} were given."),
                nameof(images));
        }

        return images.Length == pixelsPerChannel ? 1 : 3;
    }

    private static string Name(int label, IReadOnlyList<string>? classNames) =>
        classNames is not null && (uint)label < (uint)classNames.Count
            ? classNames[label]
            : label.ToString(CultureInfo.InvariantCulture);
}
