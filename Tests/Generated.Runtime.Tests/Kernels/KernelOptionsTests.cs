using Generated.Kernels;
using Generated.Tests;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>Tests that change the process-wide <see cref="KernelOptions"/> run alone (other tests count threads and allocations).</summary>
[CollectionDefinition(nameof(KernelOptionsCollection), DisableParallelization = true)]
public class KernelOptionsCollection;

[Collection(nameof(KernelOptionsCollection))]
public class KernelOptionsTests
{
    [Theory]
    [InlineData(1, 256)]
    [InlineData(3, 256)]
    [InlineData(2, 512)]
    [InlineData(1, 128)]
    [InlineData(3, 128)]
    public void Thread_count_and_vector_width_do_not_change_results(int threads, int width)
    {
        var (savedThreads, savedWidth) = (KernelOptions.MaxThreads, KernelOptions.VectorWidth);
        try
        {
            KernelOptions.MaxThreads = threads;
            KernelOptions.VectorWidth = width;
            ConvolutionTests.CompareWithReference(ConvolutionCases.Conv(11, 11, 17, 33, 3, 3, 1, 1, Padding.Same), 3, 5, transposed: false);
            ConvolutionTests.CompareWithReference(ConvolutionCases.Transpose(6, 5, 33, 17, 4, 4, 2, 1, Padding.Same), 3, 6, transposed: true);
        }
        finally
        {
            (KernelOptions.MaxThreads, KernelOptions.VectorWidth) = (savedThreads, savedWidth);
        }
    }

    [Theory]
    [InlineData(128, 8)]
    [InlineData(256, 16)]
    [InlineData(512, 32)]
    public void A_forced_width_sets_the_path_and_its_panel_width(int width, int panelWidth)
    {
        using var settings = new KernelOptionsScope(width: width);
        // The cap runs where the machine accelerates that wide (every x64 and ARM64 machine does 128 bits).
        var hardware = Generated.Kernels.Simd.VectorPath.HardwareBits;
        Assert.True(hardware >= 128, $"no 128-bit vectors on this machine ({hardware})");
        var active = Math.Min(width, hardware);
        Assert.Equal(active, KernelOptions.ActiveVectorWidth);
        Assert.Equal(active == width ? panelWidth : 2 * active / 32, Generated.Kernels.Gemm.MatrixProduct.PanelWidth);
        Assert.StartsWith($"Vector{active} (", KernelOptions.ActivePath);
    }

    [Fact]
    public void UseVector512_is_a_shorthand_for_the_vector_width()
    {
        using var settings = new KernelOptionsScope(width: 128);
        Assert.False(KernelOptions.UseVector512);
        KernelOptions.UseVector512 = true;
        Assert.Equal(512, KernelOptions.VectorWidth);
        KernelOptions.UseVector512 = false;
        Assert.Equal(256, KernelOptions.VectorWidth);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    [InlineData(384)]
    [InlineData(1024)]
    public void A_vector_width_other_than_128_256_or_512_is_rejected_with_the_reason(int width)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KernelOptions.VectorWidth = width);
        Assert.Contains("128, 256 or 512", error.Message);
    }

    [Fact]
    public void MaxThreads_below_one_is_rejected_with_the_reason()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KernelOptions.MaxThreads = 0);
        Assert.Contains("at least 1", error.Message);
    }
}
