namespace Generated.Kernels.Validation;

/// <summary>Checks of the matrix kernels: Conv2D, Conv2DTranspose and Dense.</summary>
internal static partial class Arguments
{
    /// <summary>Throws unless every size of <paramref name="g"/> is positive and its padding not negative.</summary>
    public static void ConvolutionGeometry(in Conv2DGeometry g)
    {
        Positive(g.InputHeight, "g.InputHeight");
        Positive(g.InputWidth, "g.InputWidth");
        Positive(g.InputChannels, "g.InputChannels");
        Positive(g.OutputHeight, "g.OutputHeight");
        Positive(g.OutputWidth, "g.OutputWidth");
        Positive(g.OutputChannels, "g.OutputChannels");
        Positive(g.KernelHeight, "g.KernelHeight");
        Positive(g.KernelWidth, "g.KernelWidth");
        Positive(g.StrideHeight, "g.StrideHeight");
        Positive(g.StrideWidth, "g.StrideWidth");
        Positive(g.DilationHeight, "g.DilationHeight");
        Positive(g.DilationWidth, "g.DilationWidth");
        NotNegative(g.PadTop, "g.PadTop");
        NotNegative(g.PadLeft, "g.PadLeft");
    }

    /// <summary>Checks the spans of a Conv2D (<paramref name="transposed"/> false) or Conv2DTranspose forward pass.</summary>
    public static void ConvolutionForward(in Conv2DGeometry g, int batch, int input, int kernel, int bias, int output, bool transposed)
    {
        ConvolutionGeometry(g);
        NotNegative(batch, nameof(batch));
        Length(input, (long)batch * g.InputSize, nameof(input), $"batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.InputChannels}, NHWC");
        Length(kernel, g.KernelSize, nameof(kernel), $"{KernelLayout(g, transposed)}");
        LengthOrEmpty(bias, g.OutputChannels, nameof(bias), $"one per output channel");
        Length(output, (long)batch * g.OutputSize, nameof(output), $"batch {batch} x {g.OutputHeight}x{g.OutputWidth}x{g.OutputChannels}, NHWC");
    }

    /// <summary>Checks the spans of a Conv2D (<paramref name="transposed"/> false) or Conv2DTranspose backward pass.</summary>
    public static void ConvolutionBackward(in Conv2DGeometry g, int batch, int input, int kernel, int outputGradient, int inputGradient, int kernelGradient, int biasGradient, bool transposed)
    {
        ConvolutionGeometry(g);
        NotNegative(batch, nameof(batch));
        Length(input, (long)batch * g.InputSize, nameof(input), $"batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.InputChannels}, NHWC");
        Length(kernel, g.KernelSize, nameof(kernel), $"{KernelLayout(g, transposed)}");
        Length(outputGradient, (long)batch * g.OutputSize, nameof(outputGradient), $"batch {batch} x {g.OutputHeight}x{g.OutputWidth}x{g.OutputChannels}, NHWC");
        LengthOrEmpty(inputGradient, (long)batch * g.InputSize, nameof(inputGradient), $"batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.InputChannels}, NHWC");
        Length(kernelGradient, g.KernelSize, nameof(kernelGradient), $"{KernelLayout(g, transposed)}");
        LengthOrEmpty(biasGradient, g.OutputChannels, nameof(biasGradient), $"one per output channel");
    }

    /// <summary>Checks the spans of a Dense forward pass.</summary>
    public static void DenseForward(int rows, int inputs, int units, int input, int kernel, int bias, int output)
    {
        DenseSizes(rows, inputs, units);
        Length(input, (long)rows * inputs, nameof(input), $"{rows} rows x {inputs} inputs");
        Length(kernel, (long)inputs * units, nameof(kernel), $"[{inputs} inputs, {units} units]");
        LengthOrEmpty(bias, units, nameof(bias), $"one per unit");
        Length(output, (long)rows * units, nameof(output), $"{rows} rows x {units} units");
    }

    /// <summary>Checks the spans of a Dense backward pass.</summary>
    public static void DenseBackward(int rows, int inputs, int units, int input, int kernel, int outputGradient, int inputGradient, int kernelGradient, int biasGradient)
    {
        DenseSizes(rows, inputs, units);
        Length(input, (long)rows * inputs, nameof(input), $"{rows} rows x {inputs} inputs");
        Length(kernel, (long)inputs * units, nameof(kernel), $"[{inputs} inputs, {units} units]");
        Length(outputGradient, (long)rows * units, nameof(outputGradient), $"{rows} rows x {units} units");
        LengthOrEmpty(inputGradient, (long)rows * inputs, nameof(inputGradient), $"{rows} rows x {inputs} inputs");
        Length(kernelGradient, (long)inputs * units, nameof(kernelGradient), $"[{inputs} inputs, {units} units]");
        LengthOrEmpty(biasGradient, units, nameof(biasGradient), $"one per unit");
    }

    private static void DenseSizes(int rows, int inputs, int units)
    {
        NotNegative(rows, nameof(rows));
        Positive(inputs, nameof(inputs));
        Positive(units, nameof(units));
    }

    // Called only while formatting a failing length's message.
    private static string KernelLayout(in Conv2DGeometry g, bool transposed) => transposed
        ? $"[{g.KernelHeight}, {g.KernelWidth}, {g.OutputChannels} out, {g.InputChannels} in], as Keras stores a Conv2DTranspose kernel"
        : $"HWIO [{g.KernelHeight}, {g.KernelWidth}, {g.InputChannels}, {g.OutputChannels}]";
}
