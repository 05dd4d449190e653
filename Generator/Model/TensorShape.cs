namespace Generated.Model;

/// <summary>
/// The per-sample shape of a tensor: rank 3 (H, W, C) or rank 1 (a vector, stored as
/// Height = Width = 1 with its length in Channels, so "the last axis" is always Channels).
/// </summary>
internal readonly record struct TensorShape(int Rank, int Height, int Width, int Channels)
{
    public static TensorShape Image(int height, int width, int channels) => new(3, height, width, channels);

    public static TensorShape Vector(int length) => new(1, 1, 1, length);

    public bool IsImage => Rank == 3;

    /// <summary>Floats per sample.</summary>
    public long Size => (long)Height * Width * Channels;

    /// <summary>Keras' notation without the batch axis, e.g. <c>28x28x1</c> or <c>10</c>.</summary>
    public override string ToString() => IsImage ? $"{Height}x{Width}x{Channels}" : Channels.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Keras' <c>summary()</c> notation, e.g. <c>(None, 28, 28, 1)</c>.</summary>
    public string ToKerasString() => IsImage ? $"(None, {Height}, {Width}, {Channels})" : $"(None, {Channels})";
}
