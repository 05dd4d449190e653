using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Generated.Interop.Tests.Export;

/// <summary>Runs an exported model in ONNX Runtime and compares it with the network's own Predict.</summary>
internal static class OnnxRuntimeComparison
{
    /// <summary>The largest absolute difference between ONNX Runtime on <paramref name="onnx"/> and <c>Predict</c>, over <paramref name="batch"/> samples.</summary>
    public static float MaxError(INetwork network, byte[] onnx, int batch, int seed) => Compare(network, onnx, batch, seed).Error;

    /// <summary>The largest absolute difference and the largest absolute output value (the scale the error is relative to).</summary>
    public static (float Error, float Scale) Compare(INetwork network, byte[] onnx, int batch, int seed)
    {
        var inputSize = network.InputShape.Size;
        var input = NetworkWeights.Inputs(batch * inputSize, seed);
        var expected = new float[batch * network.OutputShape.Size];
        network.Predict(input, expected);
        var actual = Run(onnx, input, batch, network.InputShape);
        Assert.Equal(expected.Length, actual.Length);
        var error = 0f;
        var scale = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.False(float.IsNaN(actual[i]), $"ONNX Runtime gave NaN at {i}");
            error = Math.Max(error, Math.Abs(expected[i] - actual[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return (error, scale);
    }

    /// <summary>ONNX Runtime's output for an NHWC (or vector) input batch.</summary>
    public static float[] Run(byte[] onnx, float[] input, int batch, TensorShape shape)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(onnx, options);
        var dims = shape.Rank == 3 ? new[] { batch, shape.Height, shape.Width, shape.Channels } : new[] { batch, shape.Channels };
        var tensor = new DenseTensor<float>(input, dims);
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(session.InputNames[0], tensor) });
        return results.First().AsEnumerable<float>().ToArray();
    }
}
