using System.Diagnostics;
using System.Globalization;
using Generated.Data;
using MnistSample;

namespace MnistAot;

/// <summary>Scores the network on the first MNIST test digits (Keras' pixels: 0..1).</summary>
internal static class TestAccuracy
{
    public static void Report(MnistConvNet network, int count, TextWriter output)
    {
        ImageDataset test = Mnist.Load().Test;
        count = Math.Min(count, test.Count);
        ImageDataset digits = test.Take(count).Rescale(1f / 255);
        var scores = new float[count * MnistConvNet.OutputSize];
        long start = Stopwatch.GetTimestamp();
        network.Predict(digits.Images, scores);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);

        int correct = 0;
        for (int i = 0; i < count; i++)
        {
            if (ReferenceDigits.ArgMax(scores.AsSpan(i * MnistConvNet.OutputSize, MnistConvNet.OutputSize)) == digits.Labels[i])
            {
                correct++;
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Accuracy on {count:N0} test digits: {100.0 * correct / count:F1}% ({correct}/{count}), batch prediction {elapsed.TotalMilliseconds:F1} ms"));
    }
}
