using System;

namespace Generated.Kernels.Validation;

/// <summary>Checks of the pooling and resampling kernels.</summary>
internal static partial class Arguments
{
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

    /// <summary>Checks the shape arguments of a global pooling kernel.</summary>
    public static void GlobalPool(int batch, int pixels, int channels, int inputLength, string inputName, int outputLength, string outputName)
    {
        Positive(batch, nameof(batch));
        Positive(pixels, nameof(pixels));
        Positive(channels, nameof(channels));
        Length(inputLength, (long)batch * pixels * channels, inputName, $"batch x pixels x channels = {batch} x {pixels} x {channels}");
        Length(outputLength, (long)batch * channels, outputName, $"batch x channels = {batch} x {channels}");
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
        if (interpolation is not (Interpolation.Nearest or Interpolation.Bilinear or Interpolation.BedOfNails))
        {
            throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "UpSampling2D supports Interpolation.Nearest, Interpolation.Bilinear and Interpolation.BedOfNails.");
        }
        Length(inputLength, (long)batch * g.InputSize, inputName, $"batch x {g.InputHeight} x {g.InputWidth} x {g.Channels}");
        Length(outputLength, (long)batch * g.OutputSize, outputName,
            $"batch x {g.InputHeight * g.FactorHeight} x {g.InputWidth * g.FactorWidth} x {g.Channels}");
    }
}
