using System;
using System.Runtime.CompilerServices;

namespace Generated.Kernels.Validation;

/// <summary>
/// The argument checks of every kernel, shared by the fast kernels and their reference twins so both reject bad
/// input with the same message: which argument is wrong, its value or length, and what it must be. This file holds
/// the primitives; Arguments.{family}.cs hold each kernel family's checks built from them.
/// </summary>
internal static partial class Arguments
{
    /// <summary>Throws unless <paramref name="value"/> is at least 1.</summary>
    public static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1, got {value}.");
        }
    }

    /// <summary>Throws if <paramref name="value"/> is negative.</summary>
    public static void NotNegative(int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative, got {value}.");
        }
    }

    /// <summary>
    /// Throws unless a span holds exactly <paramref name="expected"/> floats; <paramref name="meaning"/> (what the
    /// length is made of, e.g. the layout) is formatted only when the length is wrong: kernels must not allocate per call.
    /// </summary>
    public static void Length(int actual, long expected, string name,
        [InterpolatedStringHandlerArgument(nameof(actual), nameof(expected))] ref LengthMessage meaning)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                $"{name} has {actual} floats but must have {expected} ({meaning.ToStringAndClear()}).", name);
        }
    }

    /// <summary>Throws unless a span is empty (meaning "not needed", so skipped) or holds exactly <paramref name="expected"/> floats.</summary>
    public static void LengthOrEmpty(int actual, long expected, string name,
        [InterpolatedStringHandlerArgument(nameof(actual), nameof(expected))] ref OptionalLengthMessage meaning)
    {
        if (actual != 0 && actual != expected)
        {
            throw new ArgumentException(
                $"{name} has {actual} floats but must have {expected} ({meaning.ToStringAndClear()}) or be empty to skip it.", name);
        }
    }
}
