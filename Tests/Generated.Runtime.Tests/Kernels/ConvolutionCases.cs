using Generated.Kernels;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Convolution test shapes with Keras' output-size and padding arithmetic (DESIGN.md): Same pads
/// <c>max((out-1)*stride + dilation*(k-1) + 1 - in, 0)</c> in total, the odd pixel bottom/right.
/// </summary>
public static class ConvolutionCases
{
    /// <summary>A Conv2D geometry as Keras would build it.</summary>
    public static Conv2DGeometry Conv(int height, int width, int inputChannels, int filters, int kernelHeight, int kernelWidth, int stride, int dilation, Padding padding)
    {
        var (outputHeight, padTop) = ConvAxis(height, kernelHeight, stride, dilation, padding);
        var (outputWidth, padLeft) = ConvAxis(width, kernelWidth, stride, dilation, padding);
        return new Conv2DGeometry(height, width, inputChannels, outputHeight, outputWidth, filters, kernelHeight, kernelWidth, stride, stride, dilation, dilation, padTop, padLeft);
    }

    /// <summary>A Conv2DTranspose geometry as Keras would build it (Valid <c>(in-1)*s + d*(k-1) + 1</c>, Same <c>in*s</c>).</summary>
    public static Conv2DGeometry Transpose(int height, int width, int inputChannels, int filters, int kernelHeight, int kernelWidth, int stride, int dilation, Padding padding)
    {
        var (outputHeight, padTop) = TransposeAxis(height, kernelHeight, stride, dilation, padding);
        var (outputWidth, padLeft) = TransposeAxis(width, kernelWidth, stride, dilation, padding);
        return new Conv2DGeometry(height, width, inputChannels, outputHeight, outputWidth, filters, kernelHeight, kernelWidth, stride, stride, dilation, dilation, padTop, padLeft);
    }

    private static (int Output, int PadBefore) ConvAxis(int input, int kernel, int stride, int dilation, Padding padding)
    {
        var span = dilation * (kernel - 1) + 1;
        if (padding == Padding.Valid)
        {
            return ((input - span) / stride + 1, 0);
        }
        var output = (input + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + span - input, 0);
        return (output, total / 2);
    }

    private static (int Output, int PadBefore) TransposeAxis(int input, int kernel, int stride, int dilation, Padding padding)
    {
        var span = dilation * (kernel - 1) + 1;
        if (padding == Padding.Valid)
        {
            return ((input - 1) * stride + span, 0);
        }
        // The transposed conv is the gradient of a Same conv from the output size back to the input size.
        var output = input * stride;
        var total = Math.Max((input - 1) * stride + span - output, 0);
        return (output, total / 2);
    }

    /// <summary>Channel counts that hit every tail of 8-, 16- and 32-float vectors and of the 6-row micro-tile.</summary>
    public static readonly int[] Channels = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 31, 33];

    /// <summary>
    /// (seed, geometry parameters, batch) for every channel count, cycling strides 1-3, dilations 1-2,
    /// both paddings, kernel shapes and batch 1-5 so that each combination meets several channel counts.
    /// </summary>
    public static IEnumerable<object[]> Shapes()
    {
        var index = 0;
        foreach (var outputChannels in Channels)
        {
            foreach (var inputChannels in new[] { Channels[(index * 7 + 3) % Channels.Length], Channels[(index * 5 + 11) % Channels.Length] })
            {
                var stride = index % 3 + 1;
                var dilation = index / 3 % 2 + 1;
                var padding = index % 2 == 0 ? Padding.Same : Padding.Valid;
                var kernelHeight = index % 4 + 1;
                var kernelWidth = (index + 2) % 3 + 1;
                var batch = index % 5 + 1;
                // Valid needs the dilated kernel to fit.
                var height = Math.Max(5 + index % 5, dilation * (kernelHeight - 1) + 1);
                var width = Math.Max(4 + index * 3 % 7, dilation * (kernelWidth - 1) + 1);
                yield return [index, height, width, inputChannels, outputChannels, kernelHeight, kernelWidth, stride, dilation, padding, batch];
                index++;
            }
        }
    }
}
