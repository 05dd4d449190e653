using Generated.Kernels;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Geometries of the layers of the classic CNNs (MobileNet's depthwise and separable convolutions, grouped convolutions,
/// Keras' output padding, cropping), built with Keras' arithmetic as the generator's shape inference does.
/// </summary>
public static class ClassicCnnCases
{
    /// <summary>A DepthwiseConv2D geometry as Keras builds it.</summary>
    public static DepthwiseConv2DGeometry Depthwise(int height, int width, int channels, int multiplier, int kernel, int strideHeight, int strideWidth, int dilation, Padding padding)
    {
        var rows = ConvolutionCases.Conv(height, width, 1, 1, kernel, kernel, strideHeight, dilation, padding);
        var columns = ConvolutionCases.Conv(height, width, 1, 1, kernel, kernel, strideWidth, dilation, padding);
        return new DepthwiseConv2DGeometry(height, width, channels, rows.OutputHeight, columns.OutputWidth, multiplier, kernel, kernel,
            strideHeight, strideWidth, dilation, dilation, rows.PadTop, columns.PadLeft);
    }

    /// <summary>A SeparableConv2D geometry as Keras builds it.</summary>
    public static SeparableConv2DGeometry Separable(int height, int width, int channels, int multiplier, int filters, int kernel, int stride, Padding padding)
    {
        var d = Depthwise(height, width, channels, multiplier, kernel, stride, stride, 1, padding);
        return new SeparableConv2DGeometry(height, width, channels, d.OutputHeight, d.OutputWidth, multiplier, filters, kernel, kernel, stride, stride, 1, 1, d.PadTop, d.PadLeft);
    }

    /// <summary>
    /// A Conv2DTranspose geometry with Keras' <c>output_padding</c>: <c>out = (in-1)*s + k' - 2*pad + p</c> (pad <c>k'/2</c> for
    /// Same, 0 for Valid); the cropped leading cells as Keras 3's <c>compute_conv_transpose_padding_args_for_jax</c>.
    /// </summary>
    public static Conv2DGeometry TransposeWithOutputPadding(int height, int width, int inputChannels, int filters, int kernel, int stride, Padding padding, int outputPadding)
    {
        int output(int input) => padding == Padding.Same ? (input - 1) * stride + kernel % 2 + outputPadding : (input - 1) * stride + kernel + outputPadding;
        var total = kernel + kernel % 2 - 2 + outputPadding;
        var before = padding == Padding.Same ? kernel - 1 - Math.Min(total / 2 + total % 2, kernel - 1) : 0;
        return new Conv2DGeometry(height, width, inputChannels, output(height), output(width), filters, kernel, kernel, stride, stride, 1, 1, before, before);
    }
}
