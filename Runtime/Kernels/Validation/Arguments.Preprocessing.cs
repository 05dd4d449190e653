using System;

namespace Generated.Kernels.Validation;

/// <summary>Checks of the preprocessing, augmentation, spatial dropout, group normalization and PReLU kernels.</summary>
internal static partial class Arguments
{
    /// <summary>Checks a batch of <paramref name="batch"/> samples of <paramref name="sampleSize"/> floats in and out.</summary>
    public static void Samples(int batch, long sampleSize, int input, int output)
    {
        NotNegative(batch, nameof(batch));
        Length(input, batch * sampleSize, nameof(input), $"batch * height * width * channels");
        Length(output, batch * sampleSize, nameof(output), $"batch * height * width * channels");
    }

    /// <summary>Checks that a per-channel tensor has <paramref name="channels"/> values.</summary>
    public static void PerChannel(int actual, int channels, string name)
    {
        Length(actual, channels, name, $"one value per channel");
    }

    /// <summary>Checks a dropout rate in [0, 1).</summary>
    public static void Rate(float rate)
    {
        if (!(rate >= 0f && rate < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Dropout rate is the fraction of values dropped and must lie in [0, 1), got {rate}.");
        }
    }

    /// <summary>Checks that <paramref name="groups"/> divides <paramref name="channels"/>.</summary>
    public static void Groups(int groups, int channels)
    {
        Positive(groups, nameof(groups));
        Positive(channels, nameof(channels));
        if (channels % groups != 0)
        {
            throw new ArgumentException($"GroupNormalization needs groups that divide the channels: {channels} channels are not a multiple of {groups} groups.", nameof(groups));
        }
    }

    /// <summary>Checks an augmentation factor in [0, 1].</summary>
    public static void Factor(float factor, string name)
    {
        if (!(factor >= 0f && factor <= 1f))
        {
            throw new ArgumentOutOfRangeException(name, factor, $"An augmentation factor is a fraction and must lie in [0, 1], got {factor}.");
        }
    }
}
