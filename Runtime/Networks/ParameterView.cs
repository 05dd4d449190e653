using System;

namespace Generated;

/// <summary>
/// A named, read-only window on one parameter tensor of a network (e.g. <c>conv2d.kernel</c>,
/// HWIO <c>[3, 3, 1, 32]</c>), over the network's flat parameter or state buffer.
/// </summary>
public readonly struct ParameterView
{
    private readonly float[] _buffer;
    private readonly int _offset;
    private readonly int[] _shape;

    /// <summary>Creates a view of <paramref name="buffer"/> starting at <paramref name="offset"/>.</summary>
    public ParameterView(string name, int[] shape, float[] buffer, int offset, bool trainable)
    {
        Name = name;
        _shape = shape;
        _buffer = buffer;
        _offset = offset;
        Trainable = trainable;
        var length = 1;
        foreach (var dimension in shape)
        {
            length *= dimension;
        }
        Length = length;
    }

    /// <summary>The tensor's name in weight files: <c>{layer}.{kernel|bias|gamma|beta|moving_mean|moving_variance}</c>.</summary>
    public string Name { get; }

    /// <summary>Dimensions, outermost first (conv kernels HWIO, dense kernels <c>[in, out]</c>).</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Number of values.</summary>
    public int Length { get; }

    /// <summary>False for batch normalization's moving statistics, which the optimizer does not update.</summary>
    public bool Trainable { get; }

    /// <summary>The values, row-major over <see cref="Shape"/>.</summary>
    public ReadOnlySpan<float> Span => _buffer.AsSpan(_offset, Length);

    /// <summary>The same values, writable (restoring a snapshot into the network).</summary>
    internal Span<float> WritableSpan => _buffer.AsSpan(_offset, Length);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{string.Join(", ", _shape)}]";
}
