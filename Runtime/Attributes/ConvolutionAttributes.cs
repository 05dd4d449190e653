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

    /// <summary>Step between windows down the rows (Keras <c>strides=(h, w)</c>'s <c>h</c>); 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesHeight { get; set; }

    /// <summary>Step between windows across the columns (Keras <c>strides=(h, w)</c>'s <c>w</c>); 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesWidth { get; set; }

    /// <summary>Border handling (default <see cref="Generated.Padding.Valid"/>).</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>Spacing between kernel taps (Keras <c>dilation_rate</c>, default 1).</summary>
    public int DilationRate { get; set; } = 1;

    /// <summary>Activation applied to the output (default <see cref="Generated.Activation.Linear"/>).</summary>
    public Activation Activation { get; set; } = Activation.Linear;

    /// <summary>Whether the layer adds a bias per filter (default true).</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>
    /// Channel groups (Keras <c>groups</c>, default 1): input channels and filters split into this many contiguous groups,
    /// each convolved on its own; the kernel is <c>[kh, kw, in / groups, filters]</c>. Must divide both channel counts.
    /// </summary>
    public int Groups { get; set; } = 1;
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

    /// <summary>Upsampling factor of the rows; 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesHeight { get; set; }

    /// <summary>Upsampling factor of the columns; 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesWidth { get; set; }

    /// <summary>
    /// Extra output rows and columns at the bottom/right (Keras <c>output_padding</c>); must be smaller than the stride.
    /// Not set (the default, Keras' <c>None</c>): the output size of <see cref="Generated.Padding"/> alone; set (even to 0):
    /// <c>out = (in-1)*stride + k' - 2*pad + OutputPadding</c> with <c>pad = k'/2</c> for Same, 0 for Valid.
    /// </summary>
    public int OutputPadding { get; set; }

    /// <summary>Border handling (default <see cref="Generated.Padding.Valid"/>).</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>Spacing between kernel taps (default 1).</summary>
    public int DilationRate { get; set; } = 1;

    /// <summary>Activation applied to the output (default <see cref="Generated.Activation.Linear"/>).</summary>
    public Activation Activation { get; set; } = Activation.Linear;

    /// <summary>Whether the layer adds a bias per filter (default true).</summary>
    public bool UseBias { get; set; } = true;
}

/// <summary>
/// Depthwise 2D convolution (Keras <c>DepthwiseConv2D</c>): each input channel convolved with its own
/// <see cref="DepthMultiplier"/> filters; kernel <c>{layer}.depthwise_kernel</c> <c>[kh, kw, in, multiplier]</c>,
/// output channel <c>c * multiplier + m</c>, bias <c>[in * multiplier]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DepthwiseConv2DAttribute : LayerAttribute
{
    /// <summary>A depthwise convolution with a square <paramref name="kernelSize"/> kernel.</summary>
    public DepthwiseConv2DAttribute(int kernelSize) : this(kernelSize, kernelSize) { }

    /// <summary>A depthwise convolution with a <paramref name="kernelHeight"/> x <paramref name="kernelWidth"/> kernel.</summary>
    public DepthwiseConv2DAttribute(int kernelHeight, int kernelWidth)
    {
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
    }

    /// <summary>Kernel rows.</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel columns.</summary>
    public int KernelWidth { get; }

    /// <summary>Output channels per input channel (Keras <c>depth_multiplier</c>, default 1).</summary>
    public int DepthMultiplier { get; set; } = 1;

    /// <summary>Step between windows, in both directions (default 1).</summary>
    public int Strides { get; set; } = 1;

    /// <summary>Step between windows down the rows; 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesHeight { get; set; }

    /// <summary>Step between windows across the columns; 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesWidth { get; set; }

    /// <summary>Border handling (default <see cref="Generated.Padding.Valid"/>).</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>Spacing between kernel taps (default 1).</summary>
    public int DilationRate { get; set; } = 1;

    /// <summary>Activation applied to the output (default <see cref="Generated.Activation.Linear"/>).</summary>
    public Activation Activation { get; set; } = Activation.Linear;

    /// <summary>Whether the layer adds a bias per output channel (default true).</summary>
    public bool UseBias { get; set; } = true;
}

/// <summary>
/// Depthwise separable 2D convolution (Keras <c>SeparableConv2D</c>): a depthwise convolution (strides, padding and
/// dilation apply here; <c>{layer}.depthwise_kernel</c> <c>[kh, kw, in, multiplier]</c>, no bias) followed by a 1x1
/// convolution (<c>{layer}.pointwise_kernel</c> <c>[1, 1, in * multiplier, filters]</c>, <c>{layer}.bias</c>) and the activation.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SeparableConv2DAttribute : LayerAttribute
{
    /// <summary>A separable convolution with <paramref name="filters"/> output channels and a square depthwise kernel.</summary>
    public SeparableConv2DAttribute(int filters, int kernelSize) : this(filters, kernelSize, kernelSize) { }

    /// <summary>A separable convolution with <paramref name="filters"/> output channels and a <paramref name="kernelHeight"/> x <paramref name="kernelWidth"/> depthwise kernel.</summary>
    public SeparableConv2DAttribute(int filters, int kernelHeight, int kernelWidth)
    {
        Filters = filters;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Depthwise kernel rows.</summary>
    public int KernelHeight { get; }

    /// <summary>Depthwise kernel columns.</summary>
    public int KernelWidth { get; }

    /// <summary>Depthwise output channels per input channel (Keras <c>depth_multiplier</c>, default 1).</summary>
    public int DepthMultiplier { get; set; } = 1;

    /// <summary>Step between windows, in both directions (default 1).</summary>
    public int Strides { get; set; } = 1;

    /// <summary>Step between windows down the rows; 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesHeight { get; set; }

    /// <summary>Step between windows across the columns; 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesWidth { get; set; }

    /// <summary>Border handling (default <see cref="Generated.Padding.Valid"/>).</summary>
    public Padding Padding { get; set; } = Padding.Valid;

    /// <summary>Spacing between depthwise kernel taps (default 1).</summary>
    public int DilationRate { get; set; } = 1;

    /// <summary>Activation applied to the output (default <see cref="Generated.Activation.Linear"/>).</summary>
    public Activation Activation { get; set; } = Activation.Linear;

    /// <summary>Whether the layer adds a bias per filter (default true).</summary>
    public bool UseBias { get; set; } = true;
}
