using System.Text;

namespace System.Runtime.CompilerServices;

/// <summary>
/// The part of .NET 6's <c>DefaultInterpolatedStringHandler</c> the runtime's lazily formatted argument messages use
/// (Kernels/Validation/LengthMessage.cs), for the portable builds; it formats only on the failure path, so a
/// <see cref="StringBuilder"/> is enough.
/// </summary>
internal ref struct DefaultInterpolatedStringHandler
{
    private StringBuilder? _builder;

    /// <summary>Starts a message of about <paramref name="literalLength"/> characters.</summary>
    public DefaultInterpolatedStringHandler(int literalLength, int formattedCount) =>
        _builder = new StringBuilder(literalLength + 16 * formattedCount);

    /// <summary>Appends literal text.</summary>
    public void AppendLiteral(string value) => _builder?.Append(value);

    /// <summary>Appends a value formatted with the invariant culture where it is formattable.</summary>
    public void AppendFormatted<T>(T value) =>
        _builder?.Append(value is IFormattable formattable ? formattable.ToString(null, Globalization.CultureInfo.InvariantCulture) : value?.ToString());

    /// <summary>The text so far; the handler is empty afterwards.</summary>
    public string ToStringAndClear()
    {
        var text = _builder?.ToString() ?? string.Empty;
        _builder = null;
        return text;
    }
}
