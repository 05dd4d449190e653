using System;
using Generated.Kernels.Threading;

namespace Generated.Kernels.Pooling;

/// <summary>
/// <see cref="MaxPool2D"/>'s 2x2 stride-2 forward pass with samples shared out to the worker pool. Training reads a
/// batch of large maps (Keras' MNIST convnet: 64 x 26x26x32 floats, beyond L2) once per step, a pass that on one thread
/// took as long as the convolution before it on two.
/// </summary>
internal sealed unsafe class MaxPool2x2Work : ParallelWork
{
    [ThreadStatic]
    private static MaxPool2x2Work? t_instance;

    private Pool2DGeometry _g;
    private int _lanes;
    private float* _input, _output;
    private int* _positions;

    /// <summary>
    /// Pools <paramref name="batch"/> samples of <paramref name="input"/> into <paramref name="output"/>, and records where each
    /// maximum was (<see cref="MaxPoolPositions"/>) unless <paramref name="positions"/> is empty.
    /// </summary>
    public static void Run(in Pool2DGeometry g, int batch, int lanes, ReadOnlySpan<float> input, Span<float> output, Span<int> positions = default)
    {
        var work = t_instance ??= new MaxPool2x2Work();
        fixed (float* x = input, y = output)
        fixed (int* p = positions)
        {
            work._g = g;
            work._lanes = lanes;
            work._input = x;
            work._output = y;
            work._positions = p;
            // One max per input float: worth waking helpers only for large batches of big maps.
            WorkerPool.Run(work, batch, Parallelism.Slots(batch, (long)batch * g.InputSize));
            work._input = work._output = null;
            work._positions = null;
        }
    }

    /// <summary>Pools sample <paramref name="chunk"/>.</summary>
    public override void Execute(int chunk, int slot)
    {
        if (_positions != null)
        {
            MaxPoolPositions.Record2x2(_g, chunk, 1, _input, _output, _positions);
            return;
        }
        MaxPool2D.Max2x2(_g, chunk, 1, _lanes, ref *_input, ref *_output);
    }
}
