using System.Runtime.CompilerServices;

namespace Generated.Kernels.Validation;

/// <summary>
/// The "what the span must hold" part of a length error, formatted only when the length is wrong.
/// Kernels check their arguments on every call; an eagerly interpolated message would allocate on
/// every call of a hot loop (as <c>Debug.Assert</c>'s handler avoids for the same reason).
/// </summary>
[InterpolatedStringHandler]
internal ref struct LengthMessage
{
    private DefaultInterpolatedStringHandler _text;
    private readonly bool _failing;

    /// <summary>Formats the message only when <paramref name="actual"/> differs from <paramref name="expected"/>.</summary>
    public LengthMessage(int literalLength, int formattedCount, int actual, long expected, out bool shouldAppend)
    {
        _failing = actual != expected;
        _text = _failing ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        shouldAppend = _failing;
    }

    /// <summary>Appends literal text (only called when failing).</summary>
    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    /// <summary>Appends a formatted value (only called when failing).</summary>
    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    /// <summary>The formatted text, or empty when the length was right.</summary>
    public string ToStringAndClear() => _failing ? _text.ToStringAndClear() : string.Empty;
}

/// <summary>As <see cref="LengthMessage"/>, for spans that may also be empty ("not needed").</summary>
[InterpolatedStringHandler]
internal ref struct OptionalLengthMessage
{
    private DefaultInterpolatedStringHandler _text;
    private readonly bool _failing;

    /// <summary>Formats the message only when <paramref name="actual"/> is neither 0 nor <paramref name="expected"/>.</summary>
    public OptionalLengthMessage(int literalLength, int formattedCount, int actual, long expected, out bool shouldAppend)
    {
        _failing = actual != 0 && actual != expected;
        _text = _failing ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        shouldAppend = _failing;
    }

    /// <summary>Appends literal text (only called when failing).</summary>
    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    /// <summary>Appends a formatted value (only called when failing).</summary>
    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    /// <summary>The formatted text, or empty when the length was acceptable.</summary>
    public string ToStringAndClear() => _failing ? _text.ToStringAndClear() : string.Empty;
}
