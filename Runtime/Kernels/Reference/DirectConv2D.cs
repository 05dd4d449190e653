using System;

namespace Generated.Kernels.Reference;

/// <summary>
/// Scalar twin of <see cref="Kernels.DirectConv2D"/>, from the plain kernel and bias: the reference convolution, and for
/// the fused pool the reference max pool over its whole output (what the fused store must equal up to rounding).
/// </summary>
internal static class DirectConv2D
{
    /// <summary><c>output = activation(conv(input, kernel) + bias)</c>.</summary>
    public static void Forward(in Conv2DGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output) =>
        Conv2D.Forward(g, batch, input, kernel, bias, activation, output);

    /// <summary><c>output = maxpool(activation(conv(input, kernel) + bias))</c>, the convolution's map written in full first.</summary>
    public static void ForwardMaxPool(in Conv2DGeometry g, in Pool2DGeometry pool, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, Activation activation, Span<float> output)
    {
        var convolved = new float[batch * g.OutputSize];
        Conv2D.Forward(g, batch, input, kernel, bias, activation, convolved);
        MaxPool2D.Forward(pool, batch, convolved, output);
    }
}
