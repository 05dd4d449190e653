using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Generated.Generator.Tests.Infrastructure;

/// <summary>One expected diagnostic: its ID and the exact span it must cover.</summary>
internal sealed record ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>
/// Test sources with the expected diagnostics marked in place: <c>{|NNG0007:[Conv2D(16, 5)]|}</c>
/// names the ID, <c>[|...|]</c> takes the test's default ID. Markers may nest.
/// </summary>
internal static class DiagnosticMarkup
{
    /// <summary>The source without markers, and the marked spans in order of their end.</summary>
    public static (string Source, IReadOnlyList<ExpectedDiagnostic> Expected) Parse(string markup, string? defaultId = null)
    {
        var text = new StringBuilder(markup.Length);
        var open = new Stack<(string? Id, int Start)>();
        var expected = new List<ExpectedDiagnostic>();
        for (var i = 0; i < markup.Length;)
        {
            if (Starts(markup, i, "{|"))
            {
                var colon = markup.IndexOf(':', i);
                if (colon < 0)
                {
                    throw new FormatException($"Marker '{{|' at {i} has no ':' after its diagnostic ID.");
                }
                open.Push((markup.Substring(i + 2, colon - i - 2), text.Length));
                i = colon + 1;
            }
            else if (Starts(markup, i, "[|"))
            {
                open.Push((null, text.Length));
                i += 2;
            }
            else if (Starts(markup, i, "|}") || Starts(markup, i, "|]"))
            {
                if (open.Count == 0)
                {
                    throw new FormatException($"Closing marker at {i} has no opening marker.");
                }
                var (id, start) = open.Pop();
                if ((id is null) != (markup[i + 1] == ']'))
                {
                    throw new FormatException($"Marker closed at {i} with the wrong bracket.");
                }
                var resolved = id ?? defaultId ?? throw new FormatException("A [|...|] marker needs a default diagnostic ID.");
                expected.Add(new ExpectedDiagnostic(resolved, TextSpan.FromBounds(start, text.Length)));
                i += 2;
            }
            else
            {
                text.Append(markup[i]);
                i++;
            }
        }
        if (open.Count > 0)
        {
            throw new FormatException($"{open.Count} marker(s) not closed.");
        }
        return (text.ToString(), expected);
    }

    private static bool Starts(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
