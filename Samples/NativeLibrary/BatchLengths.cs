using MnistSample;

namespace GeneratedMnist.Native;

/// <summary>Checks that the caller's buffers hold whole samples and that the output fits the input's batch.</summary>
internal static class BatchLengths
{
    /// <summary>Ok with the lengths as ints, or BadLength with a message naming the sizes expected.</summary>
    public static Status Check(nuint inputLength, nuint outputLength, out int inputCount, out int outputCount)
    {
        inputCount = 0;
        outputCount = 0;
        if (inputLength == 0 || inputLength % MnistConvNet.InputSize != 0 || inputLength > int.MaxValue)
        {
            return LastError.Set(Status.BadLength,
                $"gm_network_predict: input_length is {inputLength} floats; it must be a positive multiple of {MnistConvNet.InputSize} (one 28x28x1 image each).");
        }

        nuint batch = inputLength / MnistConvNet.InputSize;
        nuint expected = batch * MnistConvNet.OutputSize;
        if (outputLength != expected)
        {
            return LastError.Set(Status.BadLength,
                $"gm_network_predict: output_length is {outputLength} floats; {batch} sample(s) need exactly {expected} ({MnistConvNet.OutputSize} scores each).");
        }

        inputCount = (int)inputLength;
        outputCount = (int)outputLength;
        return Status.Ok;
    }
}
