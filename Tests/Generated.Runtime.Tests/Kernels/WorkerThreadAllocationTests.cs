using Generated.Tests;
using Generated.Kernels;
using Generated.Runtime.Tests.Common;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Kernel calls big enough to run on two threads allocate nothing on any thread once warm. The other allocation
/// tests count only the calling thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>); these count the whole
/// process (<see cref="GC.GetTotalAllocatedBytes"/>, as BenchmarkDotNet's MemoryDiagnoser does), so a closure, a box or
/// a scratch buffer regrown on a worker thread would show. Non-parallel collection: nothing else runs meanwhile.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class WorkerThreadAllocationTests
{
    private const int Batch = 8;

    [Fact]
    public void Two_thread_kernels_allocate_nothing_on_any_thread()
    {
        var conv = ConvolutionCases.Conv(13, 13, 32, 64, 3, 3, 1, 1, Padding.Valid);
        var strided = ConvolutionCases.Conv(28, 28, 1, 10, 5, 5, 2, 1, Padding.Valid);
        var transpose = ConvolutionCases.Transpose(7, 7, 16, 8, 3, 3, 2, 1, Padding.Same);
        var convolutions = new[] { conv, strided, transpose }.Select(g => new ConvolutionBuffers(g)).ToArray();
        const int rows = 64, inputs = 1600, units = 10;
        var denseInput = TestData.Uniform(rows * inputs, 5);
        var denseKernel = TestData.Uniform(inputs * units, 6);
        var denseBias = TestData.Uniform(units, 7);
        var denseOutput = new float[rows * units];
        var denseInputGradient = new float[rows * inputs];
        var denseKernelGradient = new float[inputs * units];
        var denseBiasGradient = new float[units];
        void Step()
        {
            convolutions[0].Run(transposed: false);
            convolutions[1].Run(transposed: false);
            convolutions[2].Run(transposed: true);
            Dense.Forward(rows, inputs, units, denseInput, denseKernel, denseBias, Activation.Sigmoid, denseOutput);
            Dense.Backward(rows, inputs, units, denseInput, denseKernel, denseOutput, denseInputGradient, denseKernelGradient, denseBiasGradient);
        }

        var savedThreads = KernelOptions.MaxThreads;
        try
        {
            KernelOptions.MaxThreads = 2;
            AllocationMeter.AssertNoneInProcess(Step);
        }
        finally
        {
            KernelOptions.MaxThreads = savedThreads;
        }
    }

    /// <summary>One convolution's spans at <see cref="Batch"/>; the forward output doubles as the output gradient.</summary>
    private sealed class ConvolutionBuffers(Conv2DGeometry g)
    {
        private readonly float[] _input = TestData.Uniform(Batch * g.InputSize, 1);
        private readonly float[] _kernel = TestData.Uniform(g.KernelSize, 2);
        private readonly float[] _bias = TestData.Uniform(g.OutputChannels, 3);
        private readonly float[] _output = new float[Batch * g.OutputSize];
        private readonly float[] _inputGradient = new float[Batch * g.InputSize];
        private readonly float[] _kernelGradient = new float[g.KernelSize];
        private readonly float[] _biasGradient = new float[g.OutputChannels];

        public void Run(bool transposed)
        {
            if (transposed)
            {
                Conv2DTranspose.Forward(g, Batch, _input, _kernel, _bias, Activation.Tanh, _output);
                Conv2DTranspose.Backward(g, Batch, _input, _kernel, _output, _inputGradient, _kernelGradient, _biasGradient);
            }
            else
            {
                Conv2D.Forward(g, Batch, _input, _kernel, _bias, Activation.Relu, _output);
                Conv2D.Backward(g, Batch, _input, _kernel, _output, _inputGradient, _kernelGradient, _biasGradient);
            }
        }
    }
}
