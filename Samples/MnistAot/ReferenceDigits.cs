using System.Globalization;
using Generated.IO;
using MnistSample;

namespace MnistAot;

/// <summary>
/// A few MNIST test digits with their labels and the managed (JIT) model's scores for them
/// (Samples/MnistWeights/mnist_digits.safetensors): the AOT binary must reproduce those scores.
/// </summary>
internal sealed class ReferenceDigits
{
    // The AOT compiler may pick other vector paths than the JIT did; scores are probabilities in [0, 1].
    private const float Tolerance = 1e-4f;

    private ReferenceDigits(float[] images, float[] labels, float[] scores)
    {
        Images = images;
        Labels = labels;
        Scores = scores;
    }

    /// <summary>The digits' pixels, 0..1, one 28x28x1 image after another.</summary>
    public float[] Images { get; }

    /// <summary>The true digit of each image.</summary>
    public float[] Labels { get; }

    /// <summary>The managed model's softmax scores, 10 per image.</summary>
    public float[] Scores { get; }

    /// <summary>The number of digits.</summary>
    public int Count => Labels.Length;

    /// <summary>Reads the tensors <c>input</c>, <c>label</c> and <c>output</c>.</summary>
    public static ReferenceDigits Load(string path)
    {
        var content = SafeTensors.Read(path);
        var digits = new ReferenceDigits(content.Get("input"), content.Get("label"), content.Get("output"));
        if (digits.Images.Length != digits.Count * MnistConvNet.InputSize || digits.Scores.Length != digits.Count * MnistConvNet.OutputSize)
        {
            throw new InvalidDataException($"'{path}' holds {digits.Count} labels but {digits.Images.Length} pixels and {digits.Scores.Length} scores.");
        }

        return digits;
    }

    /// <summary>Prints each digit's prediction; true when every score is within the tolerance of the reference.</summary>
    public bool Check(ReadOnlySpan<float> scores, TextWriter output)
    {
        bool allMatch = true;
        for (int i = 0; i < Count; i++)
        {
            ReadOnlySpan<float> actual = scores.Slice(i * MnistConvNet.OutputSize, MnistConvNet.OutputSize);
            ReadOnlySpan<float> expected = Scores.AsSpan(i * MnistConvNet.OutputSize, MnistConvNet.OutputSize);
            float difference = 0;
            for (int k = 0; k < actual.Length; k++)
            {
                difference = Math.Max(difference, Math.Abs(actual[k] - expected[k]));
            }

            int predicted = ArgMax(actual);
            bool match = difference <= Tolerance && predicted == ArgMax(expected);
            allMatch &= match;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"digit {i}: label {Labels[i]:F0}, predicted {predicted} ({actual[predicted]:P1}), max |score - reference| {difference:E1} {(match ? "ok" : "MISMATCH")}"));
        }

        output.WriteLine(allMatch ? $"Reference digits: all {Count} match the managed model." : "Reference digits: MISMATCH with the managed model.");
        return allMatch;
    }

    /// <summary>The index of the largest score.</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best])
            {
                best = k;
            }
        }

        return best;
    }
}
