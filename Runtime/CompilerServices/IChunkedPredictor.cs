using System;
using System.ComponentModel;

namespace Generated.CompilerServices;

/// <summary>
/// Inference on one chunk of samples, entirely on the calling thread: what a generated network's
/// <c>Predict</c> hands to <see cref="SampleParallel"/>. Generated networks implement it explicitly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IChunkedPredictor
{
    /// <summary>
    /// Runs <paramref name="samples"/> samples (at most the network's <c>PredictChunk</c>) from <paramref name="input"/>
    /// into <paramref name="output"/> with the calling thread's workspace. Lengths are checked by the caller.
    /// </summary>
    void RunChunk(ReadOnlySpan<float> input, Span<float> output, int samples);
}
