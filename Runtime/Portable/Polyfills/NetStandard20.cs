#if NETSTANDARD2_0
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace System;

/// <summary>
/// What netstandard2.1 has and netstandard2.0 (+System.Memory) lacks, used by the runtime: span overloads of
/// <see cref="Stream"/>, <see cref="int"/> parsing and number formatting, <c>Math.Clamp</c>, <c>float.IsFinite</c>,
/// <see cref="KeyValuePair{TKey, TValue}"/> deconstruction (netstandard2.0 build only).
/// </summary>
internal static class NetStandard20
{
    extension(Math)
    {
        /// <summary><paramref name="value"/> limited to [<paramref name="min"/>, <paramref name="max"/>].</summary>
        public static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;

        /// <summary><paramref name="value"/> limited to [<paramref name="min"/>, <paramref name="max"/>].</summary>
        public static float Clamp(float value, float min, float max) => value < min ? min : value > max ? max : value;
    }

    extension(float)
    {
        /// <summary>Whether <paramref name="value"/> is neither NaN nor infinite.</summary>
        public static bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);
    }

    extension(int)
    {
        /// <summary><c>int.TryParse</c> over characters.</summary>
        public static bool TryParse(ReadOnlySpan<char> text, NumberStyles style, IFormatProvider? provider, out int result) =>
            int.TryParse(text.ToString(), style, provider, out result);
    }

    /// <summary>Formats <paramref name="value"/> into <paramref name="destination"/>.</summary>
    public static bool TryFormat(this float value, Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        CopyTo(value.ToString(format.Length == 0 ? null : format.ToString(), provider), destination, out charsWritten);

    /// <summary>Formats <paramref name="value"/> into <paramref name="destination"/>.</summary>
    public static bool TryFormat(this long value, Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        CopyTo(value.ToString(format.Length == 0 ? null : format.ToString(), provider), destination, out charsWritten);

    /// <summary>Reads up to <paramref name="buffer"/>'s length of bytes; the count read (0 at the end).</summary>
    public static int Read(this Stream stream, Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = stream.Read(rented, 0, buffer.Length);
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes all of <paramref name="buffer"/>.</summary>
    public static void Write(this Stream stream, ReadOnlySpan<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            buffer.CopyTo(rented);
            stream.Write(rented, 0, buffer.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The key and the value.</summary>
    public static void Deconstruct<TKey, TValue>(this KeyValuePair<TKey, TValue> pair, out TKey key, out TValue value)
    {
        key = pair.Key;
        value = pair.Value;
    }

    private static bool CopyTo(string text, Span<char> destination, out int charsWritten)
    {
        if (text.Length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }
        text.AsSpan().CopyTo(destination);
        charsWritten = text.Length;
        return true;
    }
}
#endif
