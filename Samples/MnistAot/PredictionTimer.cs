using System.Diagnostics;
using System.Globalization;
using MnistSample;

namespace MnistAot;

/// <summary>Times one-digit predictions (the latency a game or a tool sees) after the first call.</summary>
internal static class PredictionTimer
{
    private const int Repetitions = 200;

    public static void Report(MnistConvNet network, ReferenceDigits digits, TextWriter output)
    {
        ReadOnlySpan<float> image = digits.Images.AsSpan(0, MnistConvNet.InputSize);
        var scores = new float[MnistConvNet.OutputSize];
        network.Predict(image, scores);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Repetitions; i++)
        {
            network.Predict(image, scores);
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"One-digit prediction: {elapsed.TotalMicroseconds / Repetitions:F0} us (mean of {Repetitions})"));
    }
}
