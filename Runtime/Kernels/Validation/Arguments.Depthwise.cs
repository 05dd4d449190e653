namespace Generated.Kernels.Validation;

/// <summary>Checks of the depthwise, separable and grouped convolutions.</summary>
internal static partial class Arguments
{
    /// <summary>Throws unless every size of <paramref name="g"/> is positive and its padding not negative.</summary>
    public static void DepthwiseGeometry(in DepthwiseConv2DGeometry g)
    {
        Positive(g.InputHeight, "g.InputHeight");
        Positive(g.InputWidth, "g.InputWidth");
        Positive(g.InputChannels, "g.InputChannels");
        Positive(g.OutputHeight, "g.OutputHeight");
        Positive(g.OutputWidth, "g.OutputWidth");
        Positive(g.DepthMultiplier, "g.DepthMultiplier");
        Positive(g.KernelHeight, "g.KernelHeight");
        Positive(g.KernelWidth, "g.KernelWidth");
        Positive(g.StrideHeight, "g.StrideHeight");
        Positive(g.StrideWidth, "g.StrideWidth");
        Positive(g.DilationHeight, "g.DilationHeight");
        Positive(g.DilationWidth, "g.DilationWidth");
        NotNegative(g.PadTop, "g.PadTop");
        NotNegative(g.PadLeft, "g.PadLeft");
    }

    /// <summary>Checks the spans of a depthwise forward pass.</summary>
    public static void DepthwiseForward(in DepthwiseConv2DGeometry g, int batch, int input, int kernel, int bias, int output)
    {
        DepthwiseGeometry(g);
        NotNegative(batch, nameof(batch));
        Length(input, (long)batch * g.InputSize, nameof(input), $"batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.InputChannels}, NHWC");
        Length(kernel, g.KernelSize, nameof(kernel), $"[{g.KernelHeight}, {g.KernelWidth}, {g.InputChannels} in, {g.DepthMultiplier} multiplier]");
        LengthOrEmpty(bias, g.OutputChannels, nameof(bias), $"one per output channel");
        Length(output, (long)batch * g.OutputSize, nameof(output), $"batch {batch} x {g.OutputHeight}x{g.OutputWidth}x{g.OutputChannels}, NHWC");
    }

    /// <summary>Checks the spans of a depthwise backward pass.</summary>
    public static void DepthwiseBackward(in DepthwiseConv2DGeometry g, int batch, int input, int kernel, int outputGradient, int inputGradient, int kernelGradient, int biasGradient)
    {
        DepthwiseGeometry(g);
        NotNegative(batch, nameof(batch));
        Length(input, (long)batch * g.InputSize, nameof(input), $"batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.InputChannels}, NHWC");
        Length(kernel, g.KernelSize, nameof(kernel), $"[{g.KernelHeight}, {g.KernelWidth}, {g.InputChannels} in, {g.DepthMultiplier} multiplier]");
        Length(outputGradient, (long)batch * g.OutputSize, nameof(outputGradient), $"batch {batch} x {g.OutputHeight}x{g.OutputWidth}x{g.OutputChannels}, NHWC");
        LengthOrEmpty(biasGradient, g.OutputChannels, nameof(biasGradient), $"one per output channel");
        LengthOrEmpty(inputGradient, (long)batch * g.InputSize, nameof(inputGradient), $"batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.InputChannels}, NHWC");
        Length(kernelGradient, g.KernelSize, nameof(kernelGradient), $"[{g.KernelHeight}, {g.KernelWidth}, {g.InputChannels} in, {g.DepthMultiplier} multiplier]");
    }

    /// <summary>Checks a grouped convolution: groups dividing both channel counts, then every span's length.</summary>
    public static void GroupedConvolution(in Conv2DGeometry g, int groups, int batch, int input, string inputName, int kernel, string kernelName,
        int bias, string biasName, int output, string outputName)
    {
        ConvolutionGeometry(g);
        NotNegative(batch, nameof(batch));
        Positive(groups, nameof(groups));
        if (g.InputChannels % groups != 0 || g.OutputChannels % groups != 0)
        {
            throw new System.ArgumentOutOfRangeException(nameof(groups), groups,
                $"groups ({groups}) must divide the input channels ({g.InputChannels}) and the output channels ({g.OutputChannels}).");
        }
        Length(input, (long)batch * g.InputSize, inputName, $"batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.InputChannels}, NHWC");
        Length(kernel, (long)g.KernelHeight * g.KernelWidth * (g.InputChannels / groups) * g.OutputChannels, kernelName,
            $"[{g.KernelHeight}, {g.KernelWidth}, {g.InputChannels / groups} in per group, {g.OutputChannels} out]");
        LengthOrEmpty(bias, g.OutputChannels, biasName, $"one per output channel");
        Length(output, (long)batch * g.OutputSize, outputName, $"batch {batch} x {g.OutputHeight}x{g.OutputWidth}x{g.OutputChannels}, NHWC");
    }
}
