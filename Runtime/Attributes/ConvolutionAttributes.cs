using System;

namespace Generated;

/// <summary>2D convolution (Keras <c>Conv2D</c>): kernel HWIO <c>[kh, kw, in, filters]</c>, optional bias, fused activation.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : LayerAttribute
{
    /// <summary>A convolution with <paramref name="filters"/> output channels and a square <paramref name="kernelSize"/> kernel.</summary>
    public Conv2DAttribute(int filters, int kernelSize) : this(filters, kernelSize, kernelSize) { }

    /// <summary>A convolution with <paramref name="filters"/> output channels and a <paramref name="kernelHeight"/> x <paramref name="kernelWidth"/> kernel.</summary>
    public Conv2DAttribute(int filters, int kernelHeight, int kernelWidth)
    {
        Filters = filters;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Kernel rows.</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel columns.</summary>
    public int KernelWidth { get; }

    /// <summary>Step between windows, in both directions (Keras <c>strides</c>, default 1).</summary>
    public int Strides { get; set; } = 1;

    /// <summary>Border handling (default <see cref="Generated.Padding.Valid"/>).</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>Spacing between kernel taps (Keras <c>dilation_rate</c>, default 1).</summary>
    public int DilationRate { get; set; } = 1;

    /// <summary>Activation applied to the output (default <see cref="Generated.Activation.Linear"/>).</summary>
    public Activation Activation { get; set; } = Activation.Linear;

    /// <summary>Whether the layer adds a bias per filter (default true).</summary>
    public bool UseBias { get; set; } = true;
}

/// <summary>
/// Transposed 2D convolution (Keras <c>Conv2DTranspose</c>): kernel stored as Keras does,
/// <c>[kh, kw, filters, in]</c>. Valid: <c>out = in*stride + max(k' - stride, 0)</c> with
/// <c>k' = dilation*(k-1)+1</c>; Same: <c>out = in*stride</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DTransposeAttribute : LayerAttribute
{
    /// <summary>A transposed convolution with <paramref name="filters"/> output channels and a square kernel.</summary>
    public Conv2DTransposeAttribute(int filters, int kernelSize) : this(filters, kernelSize, kernelSize) { }

    /// <summary>A transposed convolution with <paramref name="filters"/> output channels and a <paramref name="kernelHeight"/> x <paramref name="kernelWidth"/> kernel.</summary>
    public Conv2DTransposeAttribute(int filters, int kernelHeight, int kernelWidth)
    {
        Filters = filters;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Kernel rows.</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel columns.</summary>
    public int KernelWidth { get; }

    /// <summary>Upsampling factor in both directions (default 1).</summary>
    public int Strides { get; set; } = 1;

    /// <summary>Border handling (default <see cref="Generated.Padding.Valid"/>).</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>Spacing between kernel taps (default 1).</summary>
    public int DilationRate { get; set; } = 1;

    /// <summary>Activation applied to the output (default <see cref="Generated.Activation.Linear"/>).</summary>
    public Activation Activation { get; set; } = Activation.Linear;

    /// <summary>Whether the layer adds a bias per filter (default true).</summary>
    public bool UseBias { get; set; } = true;
}
