using Generated.Kernels;
using Xunit.Abstractions;

namespace Generated.Models.Tests;

/// <summary>
/// What a loaded MNIST convnet holds in managed memory (weights, packed kernels, workspaces), measured on a fresh thread so
/// that thread-static workspaces and kernel scratch start empty and are counted: a game loop predicting one sample per
/// frame must not hold the room of a batch of 256. The figures are reported in docs/EMBEDDING.md ("Memory").
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class MemoryFootprintTests(ITestOutputHelper output)
{
    [Fact]
    public void Batch_one_holds_far_less_than_after_batch_256_and_grows_on_demand()
    {
        var weights = SavedWeights();
        var savedThreads = KernelOptions.MaxThreads;
        try
        {
            // One thread: every buffer a call grows is this thread's, so the measurement sees all of them.
            KernelOptions.MaxThreads = 1;
            var batchOne = Measure(weights, network =>
            {
                var one = new float[MnistConvnet.OutputSize];
                network.Predict(Image(1), one);
            });
            var predict256 = Measure(weights, network =>
            {
                var one = new float[MnistConvnet.OutputSize];
                network.Predict(Image(1), one);
                network.Predict(Image(256), new float[256 * MnistConvnet.OutputSize]);
            });
            var forward256 = Measure(weights, network => network.Forward(Image(256), training: true));
            var step1 = Measure(weights, network =>
            {
                network.Forward(Image(1), training: true);
                network.Backward(new float[MnistConvnet.OutputSize]);
            });
            var step256 = Measure(weights, network =>
            {
                network.Forward(Image(256), training: true);
                network.Backward(new float[256 * MnistConvnet.OutputSize]);
            });
            var constructed = Measure(weights, _ => { });
            output.WriteLine($"construct + load:                            allocated {constructed.Allocated:N0} bytes, holds {constructed.Retained:N0} bytes");
            output.WriteLine($"construct + load + first Predict at batch 1: allocated {batchOne.Allocated:N0} bytes, holds {batchOne.Retained:N0} bytes");
            output.WriteLine($"after a Predict of 256 samples:              allocated {predict256.Allocated:N0} bytes, holds {predict256.Retained:N0} bytes");
            output.WriteLine($"after a training Forward of 256 samples:     allocated {forward256.Allocated:N0} bytes, holds {forward256.Retained:N0} bytes");
            output.WriteLine($"after Forward + Backward of 1 sample:        allocated {step1.Allocated:N0} bytes, holds {step1.Retained:N0} bytes");
            output.WriteLine($"after Forward + Backward of 256 samples:     allocated {step256.Allocated:N0} bytes, holds {step256.Retained:N0} bytes");

            // The weights (34,826 floats) are the floor; batch 1 holds a small multiple of them, not a batch's activations.
            const long weightBytes = MnistConvnet.ParameterCount * 4L;
            Assert.InRange(batchOne.Retained, weightBytes, 8 * weightBytes);
            // A training Forward keeps every activation of every sample: 256 samples x 37,994 floats x 4 bytes at least.
            Assert.True(forward256.Retained - batchOne.Retained >= 256 * MnistConvnet.ActivationFloatsPerSample * 4,
                $"batch 1 holds {batchOne.Retained:N0} bytes, after Forward(256) {forward256.Retained:N0}");
            Assert.True(predict256.Retained > batchOne.Retained, $"batch 1 holds {batchOne.Retained:N0} bytes, after Predict(256) {predict256.Retained:N0}");
            // Backward's gradient room comes with the first Backward, not with Forward: a Forward-only network never holds it.
            Assert.True(step256.Retained - forward256.Retained >= 256L * 37_994 * 4, $"Forward(256) holds {forward256.Retained:N0} bytes, with Backward {step256.Retained:N0}");
            // A training step at batch 1 holds one sample's activations and gradients, a small fraction of batch 256's.
            Assert.True(step1.Retained * 20 < step256.Retained, $"a step at batch 1 holds {step1.Retained:N0} bytes, at batch 256 {step256.Retained:N0}");
        }
        finally
        {
            KernelOptions.MaxThreads = savedThreads;
        }
    }

    /// <summary>Bytes allocated and still held (after a full collection) by <paramref name="use"/> of a new, loaded network.</summary>
    private static (long Allocated, long Retained) Measure(byte[] weights, Action<MnistConvnet> use)
    {
        (long, long) result = default;
        var thread = new Thread(() =>
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var network = new MnistConvnet();
            network.LoadWeights(new MemoryStream(weights));
            use(network);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(network);
            result = (allocated, after - before);
        });
        thread.Start();
        thread.Join();
        return result;
    }

    private static byte[] SavedWeights()
    {
        using var stream = new MemoryStream();
        new MnistConvnet(seed: 7).SaveWeights(stream);
        return stream.ToArray();
    }

    private static float[] Image(int samples)
    {
        var values = new float[samples * MnistConvnet.InputSize];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i * 37 % 101) / 101f;
        }
        return values;
    }
}
