using Generated.IO;
using Generated.Models.Tests;

namespace Generated.Arm64Check;

/// <summary>
/// The reference models the ARM64 check predicts, with their weights: the MNIST convnet (formula weights, as its PyTorch
/// fixture) and the four models with stored PyTorch weights (convolutions, Concatenate/Add, bilinear upsampling,
/// transposed convolution, batch and layer normalization, pooling). Shared with the x64 test that compares the runs.
/// </summary>
internal static class CheckedModels
{
    /// <summary>Model names, in the order the program prints them.</summary>
    public static readonly string[] Names = [nameof(MnistConvnet), nameof(ResidualBlock), nameof(UNet), nameof(Normalized), nameof(SameStrided)];

    /// <summary>
    /// The named model's predictions for its fixture input, and the PyTorch outputs they should match; fixtures are read
    /// from <paramref name="fixtures"/> (the folder holding <c>*.expected.safetensors</c>).
    /// </summary>
    public static (float[] Output, float[] PyTorch) Predict(string name, string fixtures)
    {
        INetwork network = name switch
        {
            nameof(MnistConvnet) => new MnistConvnet(),
            nameof(ResidualBlock) => new ResidualBlock(),
            nameof(UNet) => new UNet(),
            nameof(Normalized) => new Normalized(),
            nameof(SameStrided) => new SameStrided(),
            _ => throw new ArgumentException($"No checked model is called {name}; the names are {string.Join(", ", Names)}.", nameof(name)),
        };
        if (name == nameof(MnistConvnet))
        {
            FormulaWeights.Fill(network);
        }
        else
        {
            network.LoadWeights(Path.Combine(fixtures, name + ".weights.safetensors"));
        }
        var expected = SafeTensors.Read(Path.Combine(fixtures, name + ".expected.safetensors"));
        var pyTorch = expected.Get("output");
        var output = new float[pyTorch.Length];
        network.Predict(expected.Get("input"), output);
        return (output, pyTorch);
    }
}
