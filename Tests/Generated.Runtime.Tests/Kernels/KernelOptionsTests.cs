using Generated.Kernels;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>Tests that change the process-wide <see cref="KernelOptions"/> run alone (other tests count threads and allocations).</summary>
[CollectionDefinition(nameof(KernelOptionsCollection), DisableParallelization = true)]
public class KernelOptionsCollection;

[Collection(nameof(KernelOptionsCollection))]
public class KernelOptionsTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(2, true)]
    public void Thread_count_and_vector_width_do_not_change_results(int threads, bool vector512)
    {
        var (savedThreads, savedWidth) = (KernelOptions.MaxThreads, KernelOptions.UseVector512);
        try
        {
            KernelOptions.MaxThreads = threads;
            KernelOptions.UseVector512 = vector512;
            ConvolutionTests.CompareWithReference(ConvolutionCases.Conv(11, 11, 17, 33, 3, 3, 1, 1, Padding.Same), 3, 5, transposed: false);
            ConvolutionTests.CompareWithReference(ConvolutionCases.Transpose(6, 5, 33, 17, 4, 4, 2, 1, Padding.Same), 3, 6, transposed: true);
        }
        finally
        {
            (KernelOptions.MaxThreads, KernelOptions.UseVector512) = (savedThreads, savedWidth);
        }
    }

    [Fact]
    public void MaxThreads_below_one_is_rejected_with_the_reason()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KernelOptions.MaxThreads = 0);
        Assert.Contains("at least 1", error.Message);
    }
}
