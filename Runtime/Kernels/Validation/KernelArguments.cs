using System;

namespace Generated.Kernels.Validation;

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

    // The layout descriptions are built only when a check fails: kernels must not allocate per call.

    private static ArgumentException WrongLength(int actual, long expected, string name, string layout, bool optional) => new(
        $"{name} has {actual} floats but must have {expected} ({layout}){(optional ? " or be empty to skip it" : "")}.", name);

    private static bool Wrong(int actual, long expected) => actual != expected;

    private static bool WrongOptional(int actual, long expected) => actual != 0 && actual != expected;

    private static string Activations(int batch, int height, int width, int channels) => $"batch {batch} x {height}x{width}x{channels}, NHWC";

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
        if (Wrong(input, (long)batch * g.InputSize))
        {
            throw WrongLength(input, (long)batch * g.InputSize, nameof(input), Activations(batch, g.InputHeight, g.InputWidth, g.InputChannels), optional: false);
        }
        if (Wrong(kernel, g.KernelSize))
        {
            throw WrongLength(kernel, g.KernelSize, nameof(kernel), KernelLayout(g, transposed), optional: false);
        }
        if (WrongOptional(bias, g.OutputChannels))
        {
            throw WrongLength(bias, g.OutputChannels, nameof(bias), "one per output channel", optional: true);
        }
        if (Wrong(output, (long)batch * g.OutputSize))
        {
            throw WrongLength(output, (long)batch * g.OutputSize, nameof(output), Activations(batch, g.OutputHeight, g.OutputWidth, g.OutputChannels), optional: false);
        }
    }

    /// <summary>Checks the spans of a Conv2D (<paramref name="transposed"/> false) or Conv2DTranspose backward pass.</summary>
    public static void ConvolutionBackward(in Conv2DGeometry g, int batch, int input, int kernel, int outputGradient, int inputGradient, int kernelGradient, int biasGradient, bool transposed)
    {
        Geometry(g);
        NotNegative(batch, nameof(batch));
        if (Wrong(input, (long)batch * g.InputSize))
        {
            throw WrongLength(input, (long)batch * g.InputSize, nameof(input), Activations(batch, g.InputHeight, g.InputWidth, g.InputChannels), optional: false);
        }
        if (Wrong(kernel, g.KernelSize))
        {
            throw WrongLength(kernel, g.KernelSize, nameof(kernel), KernelLayout(g, transposed), optional: false);
        }
        if (Wrong(outputGradient, (long)batch * g.OutputSize))
        {
            throw WrongLength(outputGradient, (long)batch * g.OutputSize, nameof(outputGradient), Activations(batch, g.OutputHeight, g.OutputWidth, g.OutputChannels), optional: false);
        }
        if (WrongOptional(inputGradient, (long)batch * g.InputSize))
        {
            throw WrongLength(inputGradient, (long)batch * g.InputSize, nameof(inputGradient), Activations(batch, g.InputHeight, g.InputWidth, g.InputChannels), optional: true);
        }
        if (Wrong(kernelGradient, g.KernelSize))
        {
            throw WrongLength(kernelGradient, g.KernelSize, nameof(kernelGradient), KernelLayout(g, transposed), optional: false);
        }
        if (WrongOptional(biasGradient, g.OutputChannels))
        {
            throw WrongLength(biasGradient, g.OutputChannels, nameof(biasGradient), "one per output channel", optional: true);
        }
    }

    /// <summary>Checks the spans of a Dense forward pass.</summary>
    public static void DenseForward(int rows, int inputs, int units, int input, int kernel, int bias, int output)
    {
        DenseSizes(rows, inputs, units);
        if (Wrong(input, (long)rows * inputs))
        {
            throw WrongLength(input, (long)rows * inputs, nameof(input), $"{rows} rows x {inputs} inputs", optional: false);
        }
        if (Wrong(kernel, (long)inputs * units))
        {
            throw WrongLength(kernel, (long)inputs * units, nameof(kernel), $"[{inputs} inputs, {units} units]", optional: false);
        }
        if (WrongOptional(bias, units))
        {
            throw WrongLength(bias, units, nameof(bias), "one per unit", optional: true);
        }
        if (Wrong(output, (long)rows * units))
        {
            throw WrongLength(output, (long)rows * units, nameof(output), $"{rows} rows x {units} units", optional: false);
        }
    }

    /// <summary>Checks the spans of a Dense backward pass.</summary>
    public static void DenseBackward(int rows, int inputs, int units, int input, int kernel, int outputGradient, int inputGradient, int kernelGradient, int biasGradient)
    {
        DenseSizes(rows, inputs, units);
        if (Wrong(input, (long)rows * inputs))
        {
            throw WrongLength(input, (long)rows * inputs, nameof(input), $"{rows} rows x {inputs} inputs", optional: false);
        }
        if (Wrong(kernel, (long)inputs * units))
        {
            throw WrongLength(kernel, (long)inputs * units, nameof(kernel), $"[{inputs} inputs, {units} units]", optional: false);
        }
        if (Wrong(outputGradient, (long)rows * units))
        {
            throw WrongLength(outputGradient, (long)rows * units, nameof(outputGradient), $"{rows} rows x {units} units", optional: false);
        }
        if (WrongOptional(inputGradient, (long)rows * inputs))
        {
            throw WrongLength(inputGradient, (long)rows * inputs, nameof(inputGradient), $"{rows} rows x {inputs} inputs", optional: true);
        }
        if (Wrong(kernelGradient, (long)inputs * units))
        {
            throw WrongLength(kernelGradient, (long)inputs * units, nameof(kernelGradient), $"[{inputs} inputs, {units} units]", optional: false);
        }
        if (WrongOptional(biasGradient, units))
        {
            throw WrongLength(biasGradient, units, nameof(biasGradient), "one per unit", optional: true);
        }
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
