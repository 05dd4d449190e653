using System.Globalization;
using Generated.Model;

namespace Generated.Generator;

/// <summary>C# literals and small expressions shared by every emitter.</summary>
internal static class Code
{
    public static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A float literal that round-trips the attribute's double as C# would convert it.</summary>
    public static string FloatLiteral(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";

    /// <summary>A C# string literal for <paramref name="text"/>.</summary>
    public static string StringLiteral(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }

    /// <summary>Escapes text for an XML doc comment.</summary>
    public static string XmlEscape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Text placed inside an interpolated string literal: braces doubled, quotes escaped.</summary>
    public static string InterpolatedText(string text) => text.Replace("{", "{{").Replace("}", "}}").Replace("\"", "\\\"");

    /// <summary><c>Slice(offset * n, size * n)</c> for a per-sample region of a batch-scaled buffer.</summary>
    public static string Region(int offset, int size, string method = "Slice") =>
        offset == 0 ? $"{method}(0, {Literal(size)} * n)" : $"{method}({Literal(offset)} * n, {Literal(size)} * n)";

    /// <summary>Rows for kernels that work on the last axis: batch times pixels per sample.</summary>
    public static string Rows(TensorShape shape) =>
        shape.Height * shape.Width == 1 ? "n" : $"n * {Literal(shape.Height * shape.Width)}";

    /// <summary>A <see cref="RuntimeApi.TensorShape"/> construction: <c>new ...TensorShape(28, 28, 1)</c> or <c>(10)</c>.</summary>
    public static string ShapeExpression(TensorShape shape) => shape.IsImage
        ? $"new {RuntimeApi.TensorShape}({Literal(shape.Height)}, {Literal(shape.Width)}, {Literal(shape.Channels)})"
        : $"new {RuntimeApi.TensorShape}({Literal(shape.Channels)})";

    /// <summary>The activation literal for a kernel's <c>Activation</c> argument.</summary>
    public static string ActivationLiteral(ActivationKind kind) => RuntimeApi.ActivationMember + kind;

    /// <summary>The interpolation literal for a resampling kernel's argument.</summary>
    public static string InterpolationLiteral(InterpolationKind kind) => RuntimeApi.InterpolationMember + kind;
}
