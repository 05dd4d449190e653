using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace System;

/// <summary>
/// Static members of the .NET 6-8 BCL that the runtime calls and netstandard2.0/2.1 lack, as C# 14 static extension
/// members of the same types, so the shared source calls them by their real names (portable builds only).
/// </summary>
internal static class BclStatics
{
    extension(ArgumentNullException)
    {
        /// <summary>Throws when <paramref name="argument"/> is null.</summary>
        public static void ThrowIfNull(object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(paramName);
            }
        }
    }

    extension(ArgumentException)
    {
        /// <summary>Throws when <paramref name="argument"/> is null or empty.</summary>
        public static void ThrowIfNullOrEmpty(string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(paramName);
            }
            if (argument.Length == 0)
            {
                throw new ArgumentException("The value cannot be an empty string.", paramName);
            }
        }
    }

    extension(ArgumentOutOfRangeException)
    {
        /// <summary>Throws when <paramref name="value"/> is less than <paramref name="other"/>.</summary>
        public static void ThrowIfLessThan<T>(T value, T other, [CallerArgumentExpression(nameof(value))] string? paramName = null)
            where T : IComparable<T>
        {
            if (value.CompareTo(other) < 0)
            {
                throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} ('{value}') must be greater than or equal to '{other}'.");
            }
        }
    }

    extension(string)
    {
        /// <summary>The interpolated text formatted with <paramref name="provider"/> (.NET 6's <c>string.Create(provider, $"...")</c>).</summary>
        public static string Create(IFormatProvider? provider, FormattableString text) => text.ToString(provider);
    }

    extension(Array)
    {
        /// <summary>The largest length of a one-dimensional array (.NET 6's <c>Array.MaxLength</c>).</summary>
        public static int MaxLength => 0x7FFFFFC7;
    }

    extension(Enum)
    {
        /// <summary>The values of <typeparamref name="TEnum"/>.</summary>
        public static TEnum[] GetValues<TEnum>()
            where TEnum : struct, Enum => (TEnum[])Enum.GetValues(typeof(TEnum));

        /// <summary>Whether <paramref name="value"/> is a named value of <typeparamref name="TEnum"/>.</summary>
        public static bool IsDefined<TEnum>(TEnum value)
            where TEnum : struct, Enum => Enum.IsDefined(typeof(TEnum), value);
    }

    extension(GC)
    {
        /// <summary>
        /// A new array; when <paramref name="pinned"/>, pinned for the process's life (.NET 5's pinned object heap: the
        /// runtime keeps such arrays as long-lived scratch and reads them through pointers). The handle is never freed,
        /// as a pinned-heap array is never moved; the runtime only grows these buffers, so few are ever made.
        /// </summary>
        public static T[] AllocateArray<T>(int length, bool pinned = false)
        {
            var array = new T[length];
            if (pinned)
            {
                GCHandle.Alloc(array, GCHandleType.Pinned);
            }
            return array;
        }

        /// <summary>As <see cref="AllocateArray"/> (netstandard always clears new arrays).</summary>
        public static T[] AllocateUninitializedArray<T>(int length, bool pinned = false) => AllocateArray<T>(length, pinned);
    }

    extension(MathF)
    {
        /// <summary>The largest float less than <paramref name="x"/>.</summary>
        public static float BitDecrement(float x)
        {
            var bits = BitConverter.ToInt32(BitConverter.GetBytes(x), 0);
            if ((bits & 0x7F800000) == 0x7F800000)
            {
                // NaN stays NaN, +Infinity becomes float.MaxValue, -Infinity stays.
                return bits == 0x7F800000 ? float.MaxValue : x;
            }
            if (bits == 0)
            {
                return -float.Epsilon;
            }
            bits += bits < 0 ? 1 : -1;
            return BitConverter.ToSingle(BitConverter.GetBytes(bits), 0);
        }
    }

    extension(MemoryMarshal)
    {
        /// <summary>A reference to element 0 of <paramref name="array"/> (its data start, even when empty).</summary>
        public static ref T GetArrayDataReference<T>(T[] array) => ref MemoryMarshal.GetReference(array.AsSpan());
    }

    extension(BinaryPrimitives)
    {
        /// <summary>A big-endian float from the start of <paramref name="source"/>.</summary>
        public static float ReadSingleBigEndian(ReadOnlySpan<byte> source) => Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(source));

        /// <summary>A big-endian double from the start of <paramref name="source"/>.</summary>
        public static double ReadDoubleBigEndian(ReadOnlySpan<byte> source) => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(source));

        /// <summary>A little-endian float from the start of <paramref name="source"/>.</summary>
        public static float ReadSingleLittleEndian(ReadOnlySpan<byte> source) => Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(source));

        /// <summary>Writes <paramref name="value"/> little-endian at the start of <paramref name="destination"/>.</summary>
        public static void WriteSingleLittleEndian(Span<byte> destination, float value) =>
            BinaryPrimitives.WriteInt32LittleEndian(destination, SingleToInt32Bits(value));
    }

    extension(File)
    {
        /// <summary>Moves <paramref name="source"/> to <paramref name="destination"/>, replacing it when <paramref name="overwrite"/>.</summary>
        public static void Move(string source, string destination, bool overwrite)
        {
            if (overwrite && File.Exists(destination))
            {
                File.Replace(source, destination, destinationBackupFileName: null);
                return;
            }
            File.Move(source, destination);
        }
    }

    private static float Int32BitsToSingle(int bits) => Unsafe.As<int, float>(ref bits);

    private static int SingleToInt32Bits(float value) => Unsafe.As<float, int>(ref value);
}
