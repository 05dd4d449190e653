using Generated.CompilerServices;
using Generated.Kernels;
using Generated.Kernels.Threading;
using Generated.Runtime.Tests.Common;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="SampleParallel"/> runs chunks on the worker pool; a kernel called inside a chunk must stay on the chunk's
/// thread (the pool is busy with the chunks, and the calling thread would otherwise re-enter the gate it holds).
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class SampleParallelTests
{
    [Fact]
    public void Kernels_inside_chunks_run_on_the_chunks_thread_and_compute_the_same()
    {
        var saved = KernelOptions.MaxThreads;
        try
        {
            KernelOptions.MaxThreads = 2;
            var network = new DensePerSample();
            const int samples = 12;
            var input = TestData.Uniform(samples * DensePerSample.Inputs, 1);
            var output = new float[samples * DensePerSample.Units];
            SampleParallel.Predict(network, input, output, DensePerSample.Inputs, DensePerSample.Units, chunkSamples: 2);

            Assert.Equal(6, network.Chunks);
            Assert.Equal(0, network.ChunksOutsideRun);
            var expected = new float[output.Length];
            Reference.Dense.Forward(samples, DensePerSample.Inputs, DensePerSample.Units, input, network.Kernel, [], Activation.Relu, expected);
            NumericAssert.Close(expected, output, 1e-4, "outputs");
            Assert.False(WorkerPool.IsInsideRun);
        }
        finally
        {
            KernelOptions.MaxThreads = saved;
        }
    }

    [Fact]
    public void One_thread_runs_the_chunks_in_order_on_the_caller()
    {
        var saved = KernelOptions.MaxThreads;
        try
        {
            KernelOptions.MaxThreads = 1;
            var network = new DensePerSample();
            var input = TestData.Uniform(5 * DensePerSample.Inputs, 2);
            var output = new float[5 * DensePerSample.Units];
            SampleParallel.Predict(network, input, output, DensePerSample.Inputs, DensePerSample.Units, chunkSamples: 2);
            Assert.Equal(3, network.Chunks);
            Assert.Equal(3, network.ChunksOutsideRun);
            Assert.Equal([Environment.CurrentManagedThreadId], network.Threads);
        }
        finally
        {
            KernelOptions.MaxThreads = saved;
        }
    }

    /// <summary>A Dense layer big enough to split across threads on its own, called once per chunk.</summary>
    private sealed class DensePerSample : IChunkedPredictor
    {
        public const int Inputs = 512, Units = 256;
        private readonly object _gate = new();

        public float[] Kernel { get; } = TestData.Uniform(Inputs * Units, 3);

        public int Chunks { get; private set; }

        public int ChunksOutsideRun { get; private set; }

        public HashSet<int> Threads { get; } = [];

        public void RunChunk(ReadOnlySpan<float> input, Span<float> output, int samples)
        {
            lock (_gate)
            {
                Chunks++;
                ChunksOutsideRun += WorkerPool.IsInsideRun ? 0 : 1;
                Threads.Add(Environment.CurrentManagedThreadId);
            }
            Dense.Forward(samples, Inputs, Units, input, Kernel, [], Activation.Relu, output);
        }
    }
}
