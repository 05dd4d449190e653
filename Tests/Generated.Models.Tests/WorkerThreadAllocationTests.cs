using Generated.Tests;
using Generated.Kernels;
using Generated.Training;

namespace Generated.Models.Tests;

/// <summary>Tests that change the process-wide <see cref="KernelOptions"/> or count every thread's allocations run alone.</summary>
[CollectionDefinition(nameof(KernelOptionsCollection), DisableParallelization = true)]
public class KernelOptionsCollection;

/// <summary>The benchmark's M4: strided convolutions, LeakyReLU and batch normalization (Keras' layout).</summary>
[Network(28, 28, 1)]
[Conv2D(10, 5, Strides = 2)]
[LeakyReLU(0.02)]
[BatchNormalization]
[Conv2D(10, 3, Strides = 2)]
[LeakyReLU(0.02)]
[BatchNormalization]
[Flatten]
[Dense(10, Activation = Activation.Sigmoid)]
public partial class StridedNormalizedNet;

/// <summary>
/// Whole training steps at two kernel threads allocate nothing on any thread once warm: counted over the whole process
/// (<see cref="GC.GetTotalAllocatedBytes"/>, as BenchmarkDotNet's MemoryDiagnoser does), so allocations on the kernels'
/// worker threads count too, which <see cref="GC.GetAllocatedBytesForCurrentThread"/> misses.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class WorkerThreadAllocationTests
{
    private const int Batch = 64;

    [Fact]
    public void Train_steps_at_two_threads_allocate_nothing_on_any_thread()
    {
        var mnist = Trainer(new MnistConvnet(1), MnistConvnet.InputSize, MnistConvnet.OutputSize, Loss.CategoricalCrossentropy, seed: 1);
        var strided = Trainer(new StridedNormalizedNet(2), StridedNormalizedNet.InputSize, StridedNormalizedNet.OutputSize, Loss.MeanSquaredError, seed: 2);
        var savedThreads = KernelOptions.MaxThreads;
        try
        {
            KernelOptions.MaxThreads = 2;
            AllocationMeter.AssertNoneInProcess(() =>
            {
                mnist.Step();
                strided.Step();
            });
        }
        finally
        {
            KernelOptions.MaxThreads = savedThreads;
        }
    }

    [Fact]
    public void Forward_backward_and_predict_at_two_threads_allocate_nothing_on_any_thread()
    {
        var network = new StridedNormalizedNet(3);
        var input = Uniform(Batch * StridedNormalizedNet.InputSize, 4);
        var outputGradient = Uniform(Batch * StridedNormalizedNet.OutputSize, 5);
        var predictions = new float[Batch * StridedNormalizedNet.OutputSize];
        var one = new float[StridedNormalizedNet.OutputSize];
        var savedThreads = KernelOptions.MaxThreads;
        try
        {
            KernelOptions.MaxThreads = 2;
            AllocationMeter.AssertNoneInProcess(() =>
            {
                network.Forward(input, training: true);
                network.Backward(outputGradient);
                network.Predict(input, predictions);
                network.Predict(input.AsSpan(0, StridedNormalizedNet.InputSize), one);
            });
        }
        finally
        {
            KernelOptions.MaxThreads = savedThreads;
        }
    }

    private static TrainingBatch Trainer(INetwork network, int inputSize, int outputSize, Loss loss, int seed)
    {
        var x = Uniform(Batch * inputSize, seed);
        var y = new float[Batch * outputSize];
        for (var sample = 0; sample < Batch; sample++)
        {
            y[sample * outputSize + sample % outputSize] = 1f; // one-hot rows: valid for cross-entropy and MSE alike
        }
        return new TrainingBatch(network.Compile(new Adam(), loss), x, y);
    }

    private static float[] Uniform(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
    }

    /// <summary>A compiled network with its fixed batch.</summary>
    private sealed record TrainingBatch(Trainer Trainer, float[] X, float[] Y)
    {
        public void Step() => Trainer.TrainStep(X, Y);
    }
}
