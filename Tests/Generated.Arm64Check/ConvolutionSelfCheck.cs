using Generated.Kernels;

namespace Generated.Arm64Check;

/// <summary>
/// The kernel self-check for convolutions: the public Conv2D forward pass against a double-precision loop on shapes that
/// take each rearranging and tile path (pixel lanes with one channel at stride 1 and 2, many channels at stride 1, five
/// channels at stride 3; the GEMM for a wide layer), so the ARM64-only code (AdvSimd zips and unzips) runs under the emulator.
/// </summary>
internal static class ConvolutionSelfCheck
{
    private static readonly (string What, Conv2DGeometry Geometry)[] Shapes =
    [
        ("1 channel, 3x3 same, 4 filters (pixel lanes)", new(28, 28, 1, 28, 28, 4, 3, 3, 1, 1, 1, 1, 1, 1)),
        ("16 channels, 3x3 same, 4 filters (pixel lanes, 4x4 block fill)", new(14, 14, 16, 14, 14, 4, 3, 3, 1, 1, 1, 1, 1, 1)),
        ("1 channel, 3x3 stride 2, 4 filters (even/odd columns)", new(13, 13, 1, 6, 6, 4, 3, 3, 2, 2, 1, 1, 0, 0)),
        ("5 channels, 3x3 stride 3, 3 filters (4x4 transposes per phase)", new(11, 14, 5, 4, 5, 3, 3, 3, 3, 3, 1, 1, 0, 0)),
        ("32 channels, 3x3 valid, 64 filters (GEMM)", new(9, 9, 32, 7, 7, 64, 3, 3, 1, 1, 1, 1, 0, 0)),
    ];

    /// <summary>Each shape's description and largest error relative to the magnitude of its sums.</summary>
    public static IEnumerable<(string What, double Error)> Errors()
    {
        const int batch = 8;
        foreach (var (what, g) in Shapes)
        {
            var input = Values(batch * g.InputSize, 1);
            var kernel = Values(g.KernelSize, 2);
            var bias = Values(g.OutputChannels, 3);
            var output = new float[batch * g.OutputSize];
            Conv2D.Forward(g, batch, input, kernel, bias, Activation.Linear, output);
            var worst = 0.0;
            for (var n = 0; n < batch; n++)
            for (var oy = 0; oy < g.OutputHeight; oy++)
            for (var ox = 0; ox < g.OutputWidth; ox++)
            for (var oc = 0; oc < g.OutputChannels; oc++)
            {
                double sum = bias[oc], magnitude = Math.Abs(bias[oc]);
                for (var ky = 0; ky < g.KernelHeight; ky++)
                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    var y = oy * g.StrideHeight + ky * g.DilationHeight - g.PadTop;
                    var x = ox * g.StrideWidth + kx * g.DilationWidth - g.PadLeft;
                    if (y < 0 || y >= g.InputHeight || x < 0 || x >= g.InputWidth)
                    {
                        continue;
                    }
                    for (var ic = 0; ic < g.InputChannels; ic++)
                    {
                        var product = (double)input[((n * g.InputHeight + y) * g.InputWidth + x) * g.InputChannels + ic]
                            * kernel[((ky * g.KernelWidth + kx) * g.InputChannels + ic) * g.OutputChannels + oc];
                        sum += product;
                        magnitude += Math.Abs(product);
                    }
                }
                var actual = output[((n * g.OutputHeight + oy) * g.OutputWidth + ox) * g.OutputChannels + oc];
                worst = Math.Max(worst, Math.Abs(actual - sum) / Math.Max(1.0, magnitude));
            }
            yield return (what, worst);
        }
    }

    /// <summary>Deterministic values in [-1, 1].</summary>
    private static float[] Values(int length, int seed)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)Math.Sin(0.29 * i + 0.7 * seed);
        }
        return values;
    }
}
