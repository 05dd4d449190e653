using System.Globalization;
using Generated;
using Generated.Data;
using Generated.Samples.Common;
using MnistSample;

namespace FeatureMapsSample;

/// <summary>The pictures <see cref="FeatureMapsJob.Run"/> wrote and what the network predicted.</summary>
/// <param name="Digit">The test digit's true label.</param>
/// <param name="Predicted">The class the network predicts for it.</param>
/// <param name="Confidence">The softmax probability of that class.</param>
/// <param name="Files">The PNGs written: the digit, the first layer's kernels, then one per convolution.</param>
public sealed record FeatureMapsResult(int Digit, int Predicted, float Confidence, IReadOnlyList<string> Files);

/// <summary>
/// Looks inside the trained MNIST convnet as the seed's <c>tf.nn.conv2d</c> document does: one test digit through the
/// network, then a PNG of every convolution's output channels (read with the generated <c>LayerOutput(name)</c>) and
/// a PNG of the first convolution's kernels.
/// </summary>
public static class FeatureMapsJob
{
    /// <summary>Runs test digit <paramref name="index"/> of <paramref name="test"/> (pixels in [0, 1]) through the network with <paramref name="weights"/> and writes the PNGs into <paramref name="output"/>.</summary>
    public static FeatureMapsResult Run(string weights, ImageDataset test, int index, DirectoryInfo output, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        if ((uint)index >= (uint)test.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Choose a test digit between 0 and {test.Count - 1}.");
        }
        if (!File.Exists(weights))
        {
            throw new FileNotFoundException(
                $"The MNIST convnet's weights are not at '{weights}': pass Samples/MnistWeights/mnist_convnet.safetensors or weights saved by Samples/Mnist.", weights);
        }
        output.Create();
        var network = new MnistConvNet();
        network.LoadWeights(weights);

        var digit = test.Images.Slice(index * MnistConvNet.InputSize, MnistConvNet.InputSize);
        int label = test.Labels[index];
        // Forward (not Predict) keeps every layer's output for LayerOutput; training: false is inference (no dropout).
        var probabilities = network.Forward(digit, training: false);
        int predicted = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(probabilities);
        float confidence = probabilities[predicted];
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test digit {index}: a {label}, predicted {predicted} with probability {confidence:F4}"));

        var files = new List<string>();
        string digitPath = Path.Combine(output.FullName, "digit.png");
        ImageGrid.Save(digitPath, digit, 28, 28, columns: 1, title: $"Test digit {index} ({label})");
        files.Add(digitPath);

        // The first convolution's kernels, HWIO [3, 3, 1, 32]: one 3x3 picture per output channel.
        var firstConvolution = MnistConvNet.Layers.First(layer => layer.Kind == "Conv2D");
        var kernel = network.Conv2dKernel;
        int kernelHeight = kernel.Shape[0], kernelWidth = kernel.Shape[1], inputChannels = kernel.Shape[2], filters = kernel.Shape[3];
        var kernels = ChannelsAsImages(kernel.Span, kernelHeight * kernelWidth * inputChannels, filters);
        string kernelsPath = Path.Combine(output.FullName, $"{firstConvolution.Name}_kernels.png");
        ImageGrid.Save(kernelsPath, kernels, kernelHeight, kernelWidth * inputChannels, columns: 8,
            title: $"{firstConvolution.Name}: {filters} kernels {kernelHeight}x{kernelWidth} (each scaled to its own range; dark = large)");
        files.Add(kernelsPath);
        log.WriteLine($"{firstConvolution.Name} kernels: {kernelsPath}");

        foreach (var layer in MnistConvNet.Layers.Where(layer => layer.Kind == "Conv2D"))
        {
            var shape = layer.OutputShape;
            var maps = ChannelsAsImages(network.LayerOutput(layer.Name), shape.Height * shape.Width, shape.Channels);
            string path = Path.Combine(output.FullName, $"{layer.Name}.png");
            ImageGrid.Save(path, maps, shape.Height, shape.Width, columns: 8,
                title: $"{layer.Name}: {shape.Channels} feature maps {shape.Height}x{shape.Width} of the {label} (after ReLU)");
            files.Add(path);
            log.WriteLine($"{layer.Name} feature maps ({shape.Height}x{shape.Width}x{shape.Channels}): {path}");
        }
        return new FeatureMapsResult(label, predicted, confidence, files);
    }

    /// <summary>
    /// Splits channels-last values (<paramref name="pixels"/> positions of <paramref name="channels"/> values) into one
    /// image per channel, each scaled to [0, 1] by its own minimum and maximum (a constant channel becomes blank).
    /// </summary>
    public static float[] ChannelsAsImages(ReadOnlySpan<float> values, int pixels, int channels)
    {
        if (values.Length != pixels * channels)
        {
            throw new ArgumentException($"Expected {pixels} x {channels} = {pixels * channels} values; got {values.Length}.", nameof(values));
        }
        var images = new float[values.Length];
        for (int c = 0; c < channels; c++)
        {
            float low = float.PositiveInfinity, high = float.NegativeInfinity;
            for (int p = 0; p < pixels; p++)
            {
                float value = values[(p * channels) + c];
                low = Math.Min(low, value);
                high = Math.Max(high, value);
            }
            float scale = high > low ? 1f / (high - low) : 0f;
            for (int p = 0; p < pixels; p++)
            {
                images[(c * pixels) + p] = (values[(p * channels) + c] - low) * scale;
            }
        }
        return images;
    }
}
