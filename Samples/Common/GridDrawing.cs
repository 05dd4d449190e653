using System;
using System.IO;
using SkiaSharp;

namespace Generated.Samples.Common;

/// <summary>The drawing <see cref="DigitGrid"/> and <see cref="ImageGrid"/> share: pixels, cells, fitted text and the PNG file.</summary>
internal static class GridDrawing
{
    /// <summary>ScottPlot's bold typeface for the plots' font family (not to be disposed: ScottPlot caches and shares it).</summary>
    public static SKTypeface Bold => ScottPlot.Fonts.GetTypeface(PlotFont.Family, bold: true, italic: false);

    /// <summary>
    /// Copies one NHWC image into <paramref name="bitmap"/>, mapping <paramref name="low"/> to 0 and each
    /// <c>1 / scale</c> above it to one more of 255 steps. Grayscale is drawn dark-on-white (matplotlib's
    /// "binary" colormap, as Keras tutorials show digits); RGB as is.
    /// </summary>
    public static void FillBitmap(SKBitmap bitmap, ReadOnlySpan<float> image, int channels, float low, float scale)
    {
        Span<byte> target = bitmap.GetPixelSpan();
        int pixels = bitmap.Width * bitmap.Height;
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

    /// <summary>Draws <paramref name="pixels"/> scaled into <paramref name="target"/>, each source pixel a crisp square.</summary>
    public static void DrawPixels(SKCanvas canvas, SKBitmap pixels, SKRect target)
    {
        using SKImage image = SKImage.FromBitmap(pixels);
        canvas.DrawImage(image, target, new SKSamplingOptions(SKFilterMode.Nearest), paint: null);
    }

    /// <summary>Draws centred text, shrunk until it fits the available width.</summary>
    public static void DrawFitted(SKCanvas canvas, string text, float centreX, float baseline, float maxWidth, SKFont font, SKPaint paint)
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

    /// <summary>Writes the surface as a PNG file, creating its folder.</summary>
    public static void SavePng(SKSurface surface, string path)
    {
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

    private static byte ToByte(float value, float low, float scale) => (byte)Math.Clamp(MathF.Round((value - low) * scale), 0, 255);
}
