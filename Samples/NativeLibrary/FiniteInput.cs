using System.Globalization;
using MnistSample;

namespace GeneratedMnist.Native;

/// <summary>Rejects NaN and infinite pixels: they would silently turn every score into NaN.</summary>
internal static class FiniteInput
{
    /// <summary>Ok, or NonFiniteInput naming the first bad value's sample and pixel.</summary>
    public static Status Check(ReadOnlySpan<float> input)
    {
        for (int i = 0; i < input.Length; i++)
        {
            if (!float.IsFinite(input[i]))
            {
                return LastError.Set(Status.NonFiniteInput, string.Create(CultureInfo.InvariantCulture,
                    $"gm_network_predict: input[{i}] (sample {i / MnistConvNet.InputSize}, pixel {i % MnistConvNet.InputSize}) is {input[i]}; every input must be a finite number."));
            }
        }

        return Status.Ok;
    }
}
