using System;
using System.ComponentModel;
using Generated.Kernels;
using Generated.Kernels.Threading;

namespace Generated.CompilerServices;

/// <summary>
/// Splits a multi-sample <c>Predict</c> into chunks of whole samples and runs them on up to
/// <see cref="KernelOptions.MaxThreads"/> threads of the kernels' worker pool, each chunk through the whole
/// network on one thread (its kernels stay on that thread: no barrier per layer). Plumbing for generated code.
/// </summary>
/// <remarks>
/// Chunk boundaries are the same whichever thread count runs them, and inference kernels compute each sample
/// independently of its neighbours, so the outputs are bit-identical to a one-thread run. Nothing is
/// allocated per call: the work object is reused per calling thread, the spans are pinned for the call.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class SampleParallel
{
    /// <summary>
    /// Runs every chunk of <paramref name="chunkSamples"/> samples (the last one shorter) through
    /// <paramref name="network"/>: on several threads when there are at least two chunks and
    /// <see cref="KernelOptions.MaxThreads"/> allows, else one after another on the calling thread.
    /// </summary>
    /// <param name="network">The network; its <see cref="IChunkedPredictor.RunChunk"/> must be safe to call from several threads at once.</param>
    /// <param name="input">Whole samples of <paramref name="inputSize"/> floats.</param>
    /// <param name="output">Receives <paramref name="outputSize"/> floats per sample.</param>
    /// <param name="inputSize">Floats per input sample.</param>
    /// <param name="outputSize">Floats per output sample.</param>
    /// <param name="chunkSamples">Samples per chunk (the network's <c>PredictChunk</c>).</param>
    /// <exception cref="ArgumentException">The lengths do not hold the same whole number of samples.</exception>
    public static void Predict(IChunkedPredictor network, ReadOnlySpan<float> input, Span<float> output, int inputSize, int outputSize, int chunkSamples)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSamples, 1);
        var samples = input.Length / inputSize;
        if (input.Length % inputSize != 0 || output.Length != (long)samples * outputSize)
        {
            throw new ArgumentException($"input has {input.Length} floats and output {output.Length}; they must hold the same number of samples of {inputSize} and {outputSize} floats.", nameof(output));
        }
        var chunks = (samples + chunkSamples - 1) / chunkSamples;
        var slots = WorkerPool.SlotsFor(chunks);
        if (slots <= 1 || WorkerPool.IsInsideRun)
        {
            // One chunk, one thread, or already inside a chunk of some pool run (a network predicting inside another's chunk): in order, here.
            for (var start = 0; start < samples; start += chunkSamples)
            {
                var n = Math.Min(chunkSamples, samples - start);
                network.RunChunk(input.Slice(start * inputSize, n * inputSize), output.Slice(start * outputSize, n * outputSize), n);
            }
            return;
        }
        fixed (float* x = input, y = output)
        {
            ChunkWork.Run(network, x, y, samples, inputSize, outputSize, chunkSamples, chunks, slots);
        }
    }

    /// <summary>One Predict call's chunks for the <see cref="WorkerPool"/>, reused by the thread that calls Predict.</summary>
    private sealed class ChunkWork : ParallelWork
    {
        [ThreadStatic]
        private static ChunkWork? t_instance;

        private IChunkedPredictor? _network;
        private float* _input, _output;
        private int _samples, _inputSize, _outputSize, _chunkSamples;

        public static void Run(IChunkedPredictor network, float* input, float* output, int samples, int inputSize, int outputSize, int chunkSamples, int chunks, int slots)
        {
            var work = t_instance ??= new ChunkWork();
            work._network = network;
            work._input = input;
            work._output = output;
            work._samples = samples;
            work._inputSize = inputSize;
            work._outputSize = outputSize;
            work._chunkSamples = chunkSamples;
            try
            {
                WorkerPool.Run(work, chunks, slots);
            }
            finally
            {
                // Drop the network and the (soon unpinned) addresses so a stale run can neither keep one alive nor touch the other.
                work._network = null;
                work._input = work._output = null;
            }
        }

        public override void Execute(int chunk, int slot)
        {
            var start = chunk * _chunkSamples;
            var n = Math.Min(_chunkSamples, _samples - start);
            var input = new ReadOnlySpan<float>(_input + (long)start * _inputSize, n * _inputSize);
            var output = new Span<float>(_output + (long)start * _outputSize, n * _outputSize);
            _network!.RunChunk(input, output, n);
        }
    }
}
