namespace Generated.Model;

/// <summary>How a convolution or pooling window walks one spatial axis.</summary>
/// <param name="Output">Output length (zero or negative when the window does not fit).</param>
/// <param name="PadBefore">Zero rows/columns added at the top/left.</param>
/// <param name="PadAfter">Zero rows/columns added at the bottom/right (gets the odd one).</param>
/// <param name="Unused">Input cells no window reaches (Valid padding only).</param>
internal readonly record struct AxisGeometry(int Output, int PadBefore, int PadAfter, int Unused);

/// <summary>
/// The one place where output sizes are computed (like Keras' <c>compute_conv_output_shape</c>):
/// shape inference, the generator and the analyzers all call these.
/// </summary>
internal static class ConvArithmetic
{
    /// <summary>The span of a kernel of <paramref name="kernel"/> taps spaced <paramref name="dilation"/> apart.</summary>
    public static int EffectiveKernel(int kernel, int dilation) => (int)System.Math.Min(EffectiveKernelLong(kernel, dilation), int.MaxValue);

    /// <summary><see cref="EffectiveKernel"/> without overflow, for sizes a user may mistype.</summary>
    private static long EffectiveKernelLong(int kernel, int dilation) => (long)dilation * (kernel - 1) + 1;

    /// <summary>
    /// A convolution or pooling axis. Valid: <c>floor((in - k') / s) + 1</c>; Same: <c>ceil(in / s)</c>
    /// with total padding <c>max((out-1)*s + k' - in, 0)</c>, the odd cell after.
    /// </summary>
    public static AxisGeometry Forward(int input, int kernel, int stride, int dilation, PaddingKind padding)
    {
        // long arithmetic: a mistyped kernel, stride or dilation must give an error, not an overflow.
        var span = EffectiveKernelLong(kernel, dilation);
        if (padding == PaddingKind.Same)
        {
            var output = (input + (long)stride - 1) / stride;
            var total = System.Math.Max((output - 1) * stride + span - input, 0);
            return new AxisGeometry((int)output, Clamp(total / 2), Clamp(total - total / 2), 0);
        }

        if (input < span)
        {
            return new AxisGeometry((int)System.Math.Max(input - span + 1, int.MinValue), 0, 0, 0); // zero or negative: reported by the caller
        }

        var valid = (input - span) / stride + 1;
        var unused = input - ((valid - 1) * stride + span);
        return new AxisGeometry((int)valid, 0, 0, (int)unused);
    }

    /// <summary>
    /// A transposed convolution axis, as Keras' <c>deconv_output_length</c> without output padding.
    /// Valid: <c>in*s + max(k' - s, 0)</c>; Same: <c>in*s</c>. <c>PadBefore</c> is the number of leading
    /// output cells cropped, i.e. output cell <c>o</c> receives input <c>i</c> through tap <c>t</c> when
    /// <c>o = i*s + t*d - PadBefore</c>.
    /// </summary>
    public static AxisGeometry Transpose(int input, int kernel, int stride, int dilation, PaddingKind padding)
    {
        var span = EffectiveKernel(kernel, dilation);
        if (padding == PaddingKind.Same)
        {
            var output = input * stride;
            var total = System.Math.Max((input - 1) * stride + span - output, 0);
            return new AxisGeometry(output, total / 2, total - total / 2, 0);
        }

        return new AxisGeometry(input * stride + System.Math.Max(span - stride, 0), 0, 0, 0);
    }

    /// <summary>
    /// A transposed convolution axis with Keras' <c>output_padding</c> set: <c>out = (in-1)*s + k' - 2*pad + outputPadding</c>
    /// with <c>pad = k'/2</c> for Same, 0 for Valid (Keras' <c>deconv_output_length</c>); the leading cells cropped are
    /// Keras' own (<c>compute_conv_transpose_padding_args</c>): 0 for Valid, for Same <c>k' - 1 - min(ceil(p/2), k' - 1)</c>
    /// with <c>p = k' + k' % 2 - 2 + outputPadding</c>.
    /// </summary>
    public static AxisGeometry TransposeWithOutputPadding(int input, int kernel, int stride, int dilation, PaddingKind padding, int outputPadding)
    {
        var span = EffectiveKernel(kernel, dilation);
        if (padding == PaddingKind.Same)
        {
            var total = span + span % 2 - 2 + outputPadding;
            var before = span - 1 - System.Math.Min(total / 2 + total % 2, span - 1);
            var output = (input - 1) * stride + span % 2 + outputPadding;
            return new AxisGeometry(output, before, 0, 0);
        }
        return new AxisGeometry((input - 1) * stride + span + outputPadding, 0, 0, 0);
    }

    private static int Clamp(long value) => (int)System.Math.Min(value, int.MaxValue);
}
