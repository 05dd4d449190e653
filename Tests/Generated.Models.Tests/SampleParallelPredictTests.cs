using Generated.CompilerServices;
using Generated.Kernels;
using Generated.Tests;

namespace Generated.Models.Tests;

/// <summary>
/// Predict on more than <c>PredictChunk</c> samples shares its chunks among the worker pool's threads: the outputs must
/// be the one-thread outputs to the bit, errors must reach the caller, and nothing may be allocated on any thread.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class SampleParallelPredictTests
{
    private static float[] RandomInput(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static float[] PredictWithThreads(INetwork network, float[] input, int threads)
    {
        var saved = KernelOptions.MaxThreads;
        try
        {
            KernelOptions.MaxThreads = threads;
            var output = new float[input.Length / network.InputShape.Size * network.OutputShape.Size];
            network.Predict(input, output);
            return output;
        }
        finally
        {
            KernelOptions.MaxThreads = saved;
        }
    }

    [Fact]
    public void Chunk_sizes_keep_a_chunks_activations_in_cache()
    {
        // 27,040 workspace floats per sample: 8 samples stay under the 256K-float target, 16 would not.
        Assert.Equal(8, MnistConvnet.PredictChunk);
        Assert.Equal(4, TutorialCnn.PredictChunk);
        // Small networks keep the largest chunk.
        Assert.Equal(128, ResidualBlock.PredictChunk);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Several_threads_give_the_one_thread_outputs_to_the_bit(int threads)
    {
        var network = new MnistConvnet(7);
        var input = RandomInput((MnistConvnet.PredictChunk * 5 + 3) * MnistConvnet.InputSize, 1);
        var sequential = PredictWithThreads(network, input, 1);
        var parallel = PredictWithThreads(network, input, threads);
        Assert.Equal(sequential, parallel);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(TutorialCnn.PredictChunk)]
    public void Small_batches_give_the_same_bits_on_any_number_of_threads(int samples)
    {
        // Up to PredictChunk samples run on the caller, whose kernels split their rows across the pool: the split
        // must not change which tile shape computes a row.
        var network = new TutorialCnn(4);
        var input = RandomInput(samples * TutorialCnn.InputSize, 3);
        Assert.Equal(PredictWithThreads(network, input, 1), PredictWithThreads(network, input, 2));
        Assert.Equal(PredictWithThreads(network, input, 1), PredictWithThreads(network, input, 3));
    }

    [Fact]
    public void A_sample_gives_the_same_outputs_alone_and_inside_any_chunk()
    {
        // Not to the bit: a batch of one runs its GEMMs through one- and two-row tiles with more accumulator chains,
        // which add in another order than the tiles of a larger batch (as in PyTorch and ONNX Runtime).
        var network = new TutorialCnn(3);
        const int samples = TutorialCnn.PredictChunk * 3 + 1;
        var input = RandomInput(samples * TutorialCnn.InputSize, 2);
        var all = PredictWithThreads(network, input, 2);
        for (var s = 0; s < samples; s++)
        {
            var one = network.Predict(input.AsSpan(s * TutorialCnn.InputSize, TutorialCnn.InputSize));
            var inChunk = all.AsSpan(s * TutorialCnn.OutputSize, TutorialCnn.OutputSize);
            for (var i = 0; i < one.Length; i++)
            {
                Assert.True(Math.Abs(one[i] - inChunk[i]) <= 1e-6f, $"sample {s} output {i}: {one[i]} alone, {inChunk[i]} in a chunk");
            }
        }
    }

    [Fact]
    public void User_threads_predicting_many_samples_at_once_get_the_sequential_results()
    {
        var network = new MnistConvnet(5);
        const int threads = 3;
        const int samples = MnistConvnet.PredictChunk * 4 + 5;
        var inputs = Enumerable.Range(0, threads).Select(t => RandomInput(samples * MnistConvnet.InputSize, 10 + t)).ToArray();
        var expected = inputs.Select(input => PredictWithThreads(network, input, 1)).ToArray();
        var saved = KernelOptions.MaxThreads;
        try
        {
            KernelOptions.MaxThreads = 2;
            var failures = new string?[threads];
            using var start = new Barrier(threads);
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                var output = new float[samples * MnistConvnet.OutputSize];
                start.SignalAndWait();
                for (var repeat = 0; repeat < 10 && failures[t] is null; repeat++)
                {
                    network.Predict(inputs[t], output);
                    if (!output.AsSpan().SequenceEqual(expected[t]))
                    {
                        failures[t] = $"thread {t}, repeat {repeat}";
                    }
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
            Assert.All(failures, Assert.Null);
        }
        finally
        {
            KernelOptions.MaxThreads = saved;
        }
    }

    [Fact]
    public void An_exception_in_a_chunk_reaches_the_caller_and_the_pool_keeps_working()
    {
        var saved = KernelOptions.MaxThreads;
        try
        {
            KernelOptions.MaxThreads = 2;
            var failing = new FailingPredictor(failOnChunkStartingAt: 6);
            var samples = Enumerable.Range(0, 10).SelectMany(s => new float[] { s, -s }).ToArray();
            var copies = new float[10];
            var error = Assert.Throws<InvalidOperationException>(() =>
                SampleParallel.Predict(failing, samples, copies, inputSize: 2, outputSize: 1, chunkSamples: 2));
            Assert.Equal("chunk at sample 6", error.Message);

            var network = new MnistConvnet(9);
            var input = RandomInput(MnistConvnet.PredictChunk * 3 * MnistConvnet.InputSize, 4);
            Assert.Equal(PredictWithThreads(network, input, 1), PredictWithThreads(network, input, 2));
        }
        finally
        {
            KernelOptions.MaxThreads = saved;
        }
    }

    [Fact]
    public void Mismatched_lengths_are_rejected_with_both_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SampleParallel.Predict(new FailingPredictor(int.MaxValue), new float[6], new float[4], inputSize: 2, outputSize: 1, chunkSamples: 2));
        Assert.Contains("input has 6 floats and output 4", error.Message);
    }

    [Fact]
    public void Predicting_many_samples_on_two_threads_allocates_nothing_on_any_thread()
    {
        var network = new MnistConvnet(2);
        var input = RandomInput((MnistConvnet.PredictChunk * 6 + 3) * MnistConvnet.InputSize, 6);
        var output = new float[input.Length / MnistConvnet.InputSize * MnistConvnet.OutputSize];
        var saved = KernelOptions.MaxThreads;
        try
        {
            KernelOptions.MaxThreads = 2;
            AllocationMeter.AssertNoneInProcess(() => network.Predict(input, output));
        }
        finally
        {
            KernelOptions.MaxThreads = saved;
        }
    }

    /// <summary>Copies its input's first float per sample, and throws from the chunk that starts at a given sample.</summary>
    private sealed class FailingPredictor(int failOnChunkStartingAt) : IChunkedPredictor
    {
        public void RunChunk(ReadOnlySpan<float> input, Span<float> output, int samples)
        {
            // Chunks arrive in any order on any thread; the input's first value says where this one starts.
            var start = (int)input[0];
            if (start == failOnChunkStartingAt)
            {
                throw new InvalidOperationException($"chunk at sample {start}");
            }
            for (var s = 0; s < samples; s++)
            {
                output[s] = input[s * 2];
            }
        }
    }
}
