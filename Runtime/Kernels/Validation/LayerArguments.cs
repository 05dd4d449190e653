using System;
using System.Runtime.CompilerServices;

namespace Generated.Kernels.Validation;

/// <summary>
/// Argument checks shared by the layer kernels (pooling, resampling, normalization, activations,
/// merge, dropout) and their reference twins, so that both reject bad input with the same message.
/// </summary>
internal static class LayerArguments
{
    /// <summary>Throws unless <paramref name="value"/> is at least 1.</summary>
    public static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1, got {value}.");
        }
    }

    /// <summary>Throws unless a span holds exactly <paramref name="expected"/> floats.</summary>
    public static void Length(int actual, long expected, string name,
        [InterpolatedStringHandlerArgument(nameof(actual), nameof(expected))] ref LengthMessage meaning)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                $"{name} has {actual} floats but must hold {meaning.ToStringAndClear()} = {expected}.", name);
        }
    }

    /// <summary>Throws unless a span is empty (meaning "not needed") or holds exactly <paramref name="expected"/> floats.</summary>
    public static void LengthOrEmpty(int actual, long expected, string name,
        [InterpolatedStringHandlerArgument(nameof(actual), nameof(expected))] ref OptionalLengthMessage meaning)
    {
        if (actual != 0 && actual != expected)
        {
            throw new ArgumentException(
                $"{name} has {actual} floats but must be empty (not needed) or hold {meaning.ToStringAndClear()} = {expected}.", name);
        }
    }

    /// <summary>Throws unless <paramref name="epsilon"/> is a positive finite number.</summary>
    public static void Epsilon(float epsilon)
    {
        if (!(epsilon > 0f) || float.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon,
                $"epsilon must be positive and finite (Keras' default is 1e-3), got {epsilon}.");
        }
    }

    /// <summary>Checks a pooling geometry, the batch and the input/output lengths.</summary>
    public static void Pool(in Pool2DGeometry g, int batch, int inputLength, string inputName, int outputLength, string outputName)
    {
        Positive(batch, nameof(batch));
        Positive(g.InputHeight, "geometry.InputHeight");
        Positive(g.InputWidth, "geometry.InputWidth");
        Positive(g.Channels, "geometry.Channels");
        Positive(g.OutputHeight, "geometry.OutputHeight");
        Positive(g.OutputWidth, "geometry.OutputWidth");
        Positive(g.PoolHeight, "geometry.PoolHeight");
        Positive(g.PoolWidth, "geometry.PoolWidth");
        Positive(g.StrideHeight, "geometry.StrideHeight");
        Positive(g.StrideWidth, "geometry.StrideWidth");
        // Every window must cover at least one input cell: padded cells never count, so a window of
        // padding only would have no value.
        if (g.PadTop < 0 || g.PadTop >= g.PoolHeight || g.PadLeft < 0 || g.PadLeft >= g.PoolWidth)
        {
            throw new ArgumentException(
                $"Pooling padding ({g.PadTop}, {g.PadLeft}) must lie in [0, pool size) = [0, {g.PoolHeight}) x [0, {g.PoolWidth}); compute it with Keras' Same rule.", "geometry");
        }
        if ((long)(g.OutputHeight - 1) * g.StrideHeight - g.PadTop >= g.InputHeight
            || (long)(g.OutputWidth - 1) * g.StrideWidth - g.PadLeft >= g.InputWidth)
        {
            throw new ArgumentException(
                $"An output of {g.OutputHeight}x{g.OutputWidth} with strides {g.StrideHeight}x{g.StrideWidth} has windows past a {g.InputHeight}x{g.InputWidth} input; compute the output size with ConvArithmetic.", "geometry");
        }
        Length(inputLength, (long)batch * g.InputSize, inputName, $"batch x {g.InputHeight} x {g.InputWidth} x {g.Channels}");
        Length(outputLength, (long)batch * g.OutputSize, outputName, $"batch x {g.OutputHeight} x {g.OutputWidth} x {g.Channels}");
    }

    /// <summary>Checks an upsampling geometry, the batch and the input/output lengths.</summary>
    public static void UpSampling(in UpSampling2DGeometry g, Interpolation interpolation, int batch, int inputLength, string inputName, int outputLength, string outputName)
    {
        Positive(batch, nameof(batch));
        Positive(g.InputHeight, "geometry.InputHeight");
        Positive(g.InputWidth, "geometry.InputWidth");
        Positive(g.Channels, "geometry.Channels");
        Positive(g.FactorHeight, "geometry.FactorHeight");
        Positive(g.FactorWidth, "geometry.FactorWidth");
        if (interpolation is not (Interpolation.Nearest or Interpolation.Bilinear))
        {
            throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "UpSampling2D supports Interpolation.Nearest and Interpolation.Bilinear.");
        }
        Length(inputLength, (long)batch * g.InputSize, inputName, $"batch x {g.InputHeight} x {g.InputWidth} x {g.Channels}");
        Length(outputLength, (long)batch * g.OutputSize, outputName,
            $"batch x {g.InputHeight * g.FactorHeight} x {g.InputWidth * g.FactorWidth} x {g.Channels}");
    }

    /// <summary>Checks the shape arguments of a global pooling kernel.</summary>
    public static void GlobalPool(int batch, int pixels, int channels, int inputLength, string inputName, int outputLength, string outputName)
    {
        Positive(batch, nameof(batch));
        Positive(pixels, nameof(pixels));
        Positive(channels, nameof(channels));
        Length(inputLength, (long)batch * pixels * channels, inputName, $"batch x pixels x channels = {batch} x {pixels} x {channels}");
        Length(outputLength, (long)batch * channels, outputName, $"batch x channels = {batch} x {channels}");
    }

    /// <summary>Checks rows/channels and the per-channel parameter spans of a normalization kernel.</summary>
    public static void Rows(int rows, int channels, int inputLength, string inputName)
    {
        Positive(rows, nameof(rows));
        Positive(channels, nameof(channels));
        Length(inputLength, (long)rows * channels, inputName, $"rows x channels = {rows} x {channels}");
    }

    /// <summary>Throws unless an activation kind is one the kernels implement.</summary>
    public static void Activation(Generated.Activation kind, float alpha, int channels, int length)
    {
        if (kind < Generated.Activation.Linear || kind > Generated.Activation.Softplus)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation; use a value of Generated.Activation.");
        }
        if (kind == Generated.Activation.LeakyRelu && !(alpha >= 0f && alpha <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "LeakyRelu's negative slope alpha must lie in [0, 1] (Keras' default for the activation is 0.2).");
        }
        Positive(channels, nameof(channels));
        if (kind == Generated.Activation.Softmax && length % channels != 0)
        {
            throw new ArgumentException(
                $"Softmax runs over groups of {channels} channels but the span holds {length} floats, not a multiple of {channels}.", nameof(channels));
        }
    }
}
