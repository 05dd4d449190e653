using SkiaSharp;

namespace AutoencoderSample;

/// <summary>
/// A table drawn as a PNG in the samples' look (white page, dark sans-serif text, a bold header line): column widths
/// from the widest cell, numbers right-aligned, every other row shaded.
/// </summary>
public static class TablePicture
{
    private const float FontSize = 17;
    private const float TitleSize = 19;
    private const int CellPadding = 12;
    private const int RowHeight = 32;
    private const int Margin = 16;

    private static readonly SKColor Text = new(0x21, 0x21, 0x21);
    private static readonly SKColor Shade = new(0xF2, 0xF4, 0xF7);
    private static readonly SKColor Rule = new(0x90, 0x90, 0x90);
    private static readonly string[] SansFamilies = { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI" };

    /// <summary>Writes <paramref name="rows"/> under <paramref name="headers"/> and <paramref name="title"/> to <paramref name="path"/>.</summary>
    /// <param name="path">The PNG file (its folder is created).</param>
    /// <param name="title">The line above the table.</param>
    /// <param name="headers">One header per column.</param>
    /// <param name="rows">The cells, one array per row, as many as headers.</param>
    /// <param name="rightAligned">Per column: right-align (numbers) or left-align (text).</param>
    /// <param name="bold">Which cells to draw in bold (row, column), e.g. the best result.</param>
    public static void Save(string path, string title, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows,
        IReadOnlyList<bool> rightAligned, Func<int, int, bool>? bold = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rightAligned);
        if (headers.Count == 0 || rightAligned.Count != headers.Count)
        {
            throw new ArgumentException($"{headers.Count} headers and {rightAligned.Count} alignments; give one of each per column.", nameof(rightAligned));
        }
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Count != headers.Count)
            {
                throw new ArgumentException($"Row {r} has {rows[r].Count} cells for {headers.Count} columns.", nameof(rows));
            }
        }

        var family = SansFamily();
        using var regularFace = SKTypeface.FromFamilyName(family, SKFontStyle.Normal);
        using var boldFace = SKTypeface.FromFamilyName(family, SKFontStyle.Bold);
        using var regular = new SKFont(regularFace, FontSize);
        using var strong = new SKFont(boldFace, FontSize);
        using var titleFont = new SKFont(boldFace, TitleSize);

        var widths = new float[headers.Count];
        for (var c = 0; c < headers.Count; c++)
        {
            widths[c] = strong.MeasureText(headers[c]);
            foreach (var row in rows)
            {
                widths[c] = Math.Max(widths[c], strong.MeasureText(row[c]));
            }
            widths[c] += 2 * CellPadding;
        }
        var tableWidth = widths.Sum();
        var width = (int)Math.Ceiling(Math.Max(tableWidth, titleFont.MeasureText(title)) + (2 * Margin));
        var titleHeight = (int)TitleSize + (2 * Margin);
        var height = titleHeight + ((rows.Count + 1) * RowHeight) + Margin;

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { IsAntialias = true, Color = Text };
        using var fill = new SKPaint { IsAntialias = false, Color = Shade, Style = SKPaintStyle.Fill };
        using var rule = new SKPaint { IsAntialias = false, Color = Rule, StrokeWidth = 1, Style = SKPaintStyle.Stroke };

        canvas.DrawText(title, Margin, Margin + TitleSize, SKTextAlign.Left, titleFont, ink);
        float top = titleHeight;
        DrawRow(canvas, headers, top, widths, rightAligned, _ => strong, ink);
        canvas.DrawLine(Margin, top + RowHeight, Margin + tableWidth, top + RowHeight, rule);
        for (var r = 0; r < rows.Count; r++)
        {
            var y = top + ((r + 1) * RowHeight);
            if (r % 2 == 1)
            {
                canvas.DrawRect(Margin, y, tableWidth, RowHeight, fill);
            }
            var row = r;
            DrawRow(canvas, rows[r], y, widths, rightAligned, c => bold?.Invoke(row, c) == true ? strong : regular, ink);
        }
        canvas.DrawLine(Margin, top + ((rows.Count + 1) * RowHeight), Margin + tableWidth, top + ((rows.Count + 1) * RowHeight), rule);

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    private static void DrawRow(SKCanvas canvas, IReadOnlyList<string> cells, float top, float[] widths, IReadOnlyList<bool> rightAligned, Func<int, SKFont> font, SKPaint ink)
    {
        float left = Margin;
        var baseline = top + (RowHeight / 2f) + (FontSize / 3f);
        for (var c = 0; c < cells.Count; c++)
        {
            if (rightAligned[c])
            {
                canvas.DrawText(cells[c], left + widths[c] - CellPadding, baseline, SKTextAlign.Right, font(c), ink);
            }
            else
            {
                canvas.DrawText(cells[c], left + CellPadding, baseline, SKTextAlign.Left, font(c), ink);
            }
            left += widths[c];
        }
    }

    /// <summary>The first common sans-serif family installed (on Debian with only DejaVu fonts the default would be a serif one).</summary>
    private static string SansFamily()
    {
        foreach (var candidate in SansFamilies)
        {
            using var typeface = SKFontManager.Default.MatchFamily(candidate);
            if (typeface is not null && string.Equals(typeface.FamilyName, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }
        return SKTypeface.Default.FamilyName;
    }
}
