using System.Diagnostics;
using Generated.Kernels;
using MnistSample;

namespace DigitPad;

/// <summary>The MNIST convnet with its trained weights, and the time its last prediction took.</summary>
public sealed class DigitClassifier
{
    private readonly MnistConvNet _network = new();
    private readonly float[] _probabilities = new float[MnistConvNet.OutputSize];

    /// <summary>Loads safetensors weights written by Samples/Mnist.</summary>
    /// <param name="weights">The weights file's bytes.</param>
    /// <exception cref="InvalidDataException">The bytes are not the MNIST convnet's weights.</exception>
    public DigitClassifier(byte[] weights)
    {
        // The browser runs .NET on one thread: the kernels must not wait for workers that cannot start.
        KernelOptions.MaxThreads = 1;
        try
        {
            using var stream = new MemoryStream(weights, writable: false);
            _network.LoadWeights(stream);
        }
        catch (Exception error) when (error is not InvalidDataException)
        {
            throw new InvalidDataException($"The weights file is not the MNIST convnet's: {error.Message}", error);
        }
    }

    /// <summary>Milliseconds the last <see cref="Predict"/> took (network only, not the drawing's normalisation).</summary>
    public double LastPredictMilliseconds { get; private set; }

    /// <summary>Class probabilities of one 28x28 image.</summary>
    /// <param name="image">784 grey levels in [0, 1].</param>
    /// <returns>Ten probabilities (a copy).</returns>
    /// <exception cref="ArgumentException">Wrong length, or a value that is not finite or outside [0, 1].</exception>
    public float[] Predict(ReadOnlySpan<float> image)
    {
        if (image.Length != MnistConvNet.InputSize)
        {
            throw new ArgumentException($"An image has {MnistConvNet.InputSize} pixels, got {image.Length}.", nameof(image));
        }
        for (var i = 0; i < image.Length; i++)
        {
            if (!float.IsFinite(image[i]) || image[i] < 0f || image[i] > 1f)
            {
                throw new ArgumentException($"Pixel {i} is {image[i]}; pixels are finite grey levels in [0, 1].", nameof(image));
            }
        }
        var clock = Stopwatch.StartNew();
        _network.Predict(image, _probabilities);
        LastPredictMilliseconds = clock.Elapsed.TotalMilliseconds;
        return (float[])_probabilities.Clone();
    }
}
