using Generated.Data;
using Generated.IO;
using MnistSample;

namespace Generated.Embedding.Tests;

/// <summary>
/// The committed reference digits (Samples/MnistWeights/mnist_digits.safetensors) are what the managed model
/// predicts with the committed weights: the native hosts are compared with them. Rewrite them after retraining with
/// <c>UPDATE_EMBEDDING_FIXTURES=1 dotnet test Tests/Generated.Embedding.Tests -c Release --filter ReferenceDigits</c>.
/// </summary>
public sealed class ReferenceDigitsTests
{
    private const int DigitCount = 8;

    [Fact]
    public void Reference_digits_are_the_managed_models_scores_for_the_committed_weights()
    {
        if (Environment.GetEnvironmentVariable("UPDATE_EMBEDDING_FIXTURES") == "1")
        {
            WriteReferenceDigits();
        }

        var content = SafeTensors.Read(RepositoryPaths.ReferenceDigits);
        float[] images = content.Get("input");
        float[] labels = content.Get("label");
        float[] expected = content.Get("output");
        Assert.Equal(DigitCount, labels.Length);
        Assert.Equal(DigitCount * MnistConvNet.InputSize, images.Length);

        var network = new MnistConvNet();
        network.LoadWeights(RepositoryPaths.Weights);
        float[] scores = network.Predict(images);

        Assert.Equal(expected.Length, scores.Length);
        for (int i = 0; i < scores.Length; i++)
        {
            Assert.True(Math.Abs(scores[i] - expected[i]) <= 1e-5f, $"score {i}: {scores[i]} vs committed {expected[i]}");
        }

        for (int i = 0; i < DigitCount; i++)
        {
            Assert.Equal((int)labels[i], ArgMax(scores.AsSpan(i * MnistConvNet.OutputSize, MnistConvNet.OutputSize)));
        }
    }

    // The first DigitCount MNIST test digits, scaled to 0..1 as in training, and the managed model's scores.
    private static void WriteReferenceDigits()
    {
        ImageDataset digits = Mnist.Load().Test.Take(DigitCount).Rescale(1f / 255);
        var network = new MnistConvNet();
        network.LoadWeights(RepositoryPaths.Weights);
        float[] images = digits.Images.ToArray();
        float[] labels = new float[DigitCount];
        for (int i = 0; i < DigitCount; i++)
        {
            labels[i] = digits.Labels[i];
        }

        SafeTensors.Write(RepositoryPaths.ReferenceDigits,
            [
                new SafeTensor("input", [DigitCount, 28, 28, 1], images),
                new SafeTensor("label", [DigitCount], labels),
                new SafeTensor("output", [DigitCount, MnistConvNet.OutputSize], network.Predict(images)),
            ],
            new Dictionary<string, string> { ["made_by"] = "Tests/Generated.Embedding.Tests/ReferenceDigitsTests.cs (UPDATE_EMBEDDING_FIXTURES=1)" });
    }

    private static int ArgMax(ReadOnlySpan<float> scores)
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
