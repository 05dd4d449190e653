using System;

namespace Generated.Kernels;

/// <summary>
/// Argument checks shared by the fast kernels and their reference twins, so both reject bad input
/// with the same message: which span is wrong, how long it is, and how long it must be.
/// </summary>
internal static class KernelArguments
{
    public static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }

    public static void NotNegative(int value, string name)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");
        }
    }

    public static void Length(int actual, long expected, string name, string layout)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} floats but must have {expected} ({layout}).", name);
        }
    }

    /// <summary>Checks a span that may be empty ("not needed" / "no bias") or else exactly <paramref name="expected"/> long.</summary>
    public static void OptionalLength(int actual, long expected, string name, string layout)
    {
        if (actual != 0 && actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} floats but must have {expected} ({layout}) or be empty to skip it.", name);
        }
    }

    public static void Geometry(in Conv2DGeometry g)
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
        Geometry(g);
        NotNegative(batch, nameof(batch));
        Length(input, (long)batch * g.InputSize, nameof(input), $"batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.InputChannels}, NHWC");
        Length(kernel, g.KernelSize, nameof(kernel), KernelLayout(g, transposed));
        OptionalLength(bias, g.OutputChannels, nameof(bias), "one per output channel");
        Length(output, (long)batch * g.OutputSize, nameof(output), $"batch {batch} x {g.OutputHeight}x{g.OutputWidth}x{g.OutputChannels}, NHWC");
    }

    /// <summary>Checks the spans of a Conv2D (<paramref name="transposed"/> false) or Conv2DTranspose backward pass.</summary>
    public static void ConvolutionBackward(in Conv2DGeometry g, int batch, int input, int kernel, int outputGradient, int inputGradient, int kernelGradient, int biasGradient, bool transposed)
    {
        Geometry(g);
        NotNegative(batch, nameof(batch));
        Length(input, (long)batch * g.InputSize, nameof(input), $"batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.InputChannels}, NHWC");
        Length(kernel, g.KernelSize, nameof(kernel), KernelLayout(g, transposed));
        Length(outputGradient, (long)batch * g.OutputSize, nameof(outputGradient), $"batch {batch} x {g.OutputHeight}x{g.OutputWidth}x{g.OutputChannels}, NHWC");
        OptionalLength(inputGradient, (long)batch * g.InputSize, nameof(inputGradient), $"batch {batch} x {g.InputHeight}x{g.InputWidth}x{g.InputChannels}, NHWC");
        Length(kernelGradient, g.KernelSize, nameof(kernelGradient), KernelLayout(g, transposed));
        OptionalLength(biasGradient, g.OutputChannels, nameof(biasGradient), "one per output channel");
    }

    /// <summary>Checks the spans of a Dense forward pass.</summary>
    public static void DenseForward(int rows, int inputs, int units, int input, int kernel, int bias, int output)
    {
        DenseSizes(rows, inputs, units);
        Length(input, (long)rows * inputs, nameof(input), $"{rows} rows x {inputs} inputs");
        Length(kernel, (long)inputs * units, nameof(kernel), $"[{inputs} inputs, {units} units]");
        OptionalLength(bias, units, nameof(bias), "one per unit");
        Length(output, (long)rows * units, nameof(output), $"{rows} rows x {units} units");
    }

    /// <summary>Checks the spans of a Dense backward pass.</summary>
    public static void DenseBackward(int rows, int inputs, int units, int input, int kernel, int outputGradient, int inputGradient, int kernelGradient, int biasGradient)
    {
        DenseSizes(rows, inputs, units);
        Length(input, (long)rows * inputs, nameof(input), $"{rows} rows x {inputs} inputs");
        Length(kernel, (long)inputs * units, nameof(kernel), $"[{inputs} inputs, {units} units]");
        Length(outputGradient, (long)rows * units, nameof(outputGradient), $"{rows} rows x {units} units");
        OptionalLength(inputGradient, (long)rows * inputs, nameof(inputGradient), $"{rows} rows x {inputs} inputs");
        Length(kernelGradient, (long)inputs * units, nameof(kernelGradient), $"[{inputs} inputs, {units} units]");
        OptionalLength(biasGradient, units, nameof(biasGradient), "one per unit");
    }

    private static void DenseSizes(int rows, int inputs, int units)
    {
        NotNegative(rows, nameof(rows));
        Positive(inputs, nameof(inputs));
        Positive(units, nameof(units));
    }

    private static string KernelLayout(in Conv2DGeometry g, bool transposed) => transposed
        ? $"[{g.KernelHeight}, {g.KernelWidth}, {g.OutputChannels} out, {g.InputChannels} in], as Keras stores a Conv2DTranspose kernel"
        : $"HWIO [{g.KernelHeight}, {g.KernelWidth}, {g.InputChannels}, {g.OutputChannels}]";
}
