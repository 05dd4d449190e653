namespace Generated.Onnx.Import;

/// <summary>
/// What an ONNX value is in the declaration being built: a feature map (the ONNX value is NCHW, the declaration's NHWC)
/// or a vector, which layer produces it (null: the network input), and for vectors made by flattening an NCHW map the
/// order of its features (<see cref="Order"/>[ours] = PyTorch's index), which the next Dense kernel absorbs.
/// </summary>
internal sealed record ImportedValue(bool IsImage, int Height, int Width, int Channels, ImportedLayer? Producer)
{
    /// <summary>Vector features in our NHWC flatten order, as PyTorch's NCHW flatten indices; null when both agree.</summary>
    public int[]? Order { get; init; }

    /// <summary>A global pooling's output, <c>[N, C, 1, 1]</c> in ONNX and a vector in the declaration.</summary>
    public bool OneByOne { get; init; }

    /// <summary>Zero padding of a Pad node not yet written: a following convolution may fold it into Same padding.</summary>
    public (int Top, int Bottom, int Left, int Right, ImportedValue Source)? PendingPad { get; init; }

    /// <summary>The ONNX node(s) the pending padding comes from, for the comment after the layer that writes it.</summary>
    public string? PadOrigin { get; init; }

    public static ImportedValue Image(int height, int width, int channels, ImportedLayer? producer) => new(true, height, width, channels, producer);

    public static ImportedValue Vector(int features, ImportedLayer? producer) => new(false, 1, 1, features, producer);

    public string Describe() => IsImage ? $"{Channels}x{Height}x{Width} (NCHW)" : $"{Channels} features";
}
