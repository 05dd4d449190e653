using System;
using SkiaSharp;

namespace Generated.Samples.Common;

/// <summary>The sans-serif family every picture uses.</summary>
/// <remarks>
/// ScottPlot's own default falls back to the first installed family, which on a Debian machine with
/// only the DejaVu fonts is DejaVu Serif; this picks the first common sans family that is installed.
/// </remarks>
internal static class PlotFont
{
    private static readonly string[] Candidates =
    {
        "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI", "Open Sans",
    };

    private static readonly Lazy<string> Resolved = new(Resolve);

    /// <summary>The family name to pass to ScottPlot or SkiaSharp.</summary>
    public static string Family => Resolved.Value;

    private static string Resolve()
    {
        foreach (string candidate in Candidates)
        {
            using SKTypeface? typeface = SKFontManager.Default.MatchFamily(candidate);
            if (typeface is not null && string.Equals(typeface.FamilyName, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return ScottPlot.Fonts.Default;
    }
}
