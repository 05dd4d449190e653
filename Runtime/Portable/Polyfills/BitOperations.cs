namespace System.Numerics;

/// <summary>The bit rotations of .NET Core's <c>BitOperations</c> the seeded random generator uses (portable builds only).</summary>
internal static class BitOperations
{
    /// <summary><paramref name="value"/> rotated left by <paramref name="offset"/> bits.</summary>
    public static ulong RotateLeft(ulong value, int offset) => (value << offset) | (value >> (64 - offset));
}
