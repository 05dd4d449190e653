using Generated.Tests;

namespace Generated.Runtime.Tests.Common;

/// <summary>The allocation tests' meter sees an allocation made in every call, on the calling thread and on another.</summary>
public class AllocationMeterTests
{
    private static object? s_sink;

    [Fact]
    public void An_allocation_in_every_call_is_counted_on_the_calling_thread()
    {
        Assert.True(AllocationMeter.FewestOnThisThread(() => s_sink = new byte[1000]) >= 1000);
        Assert.Throws<Xunit.Sdk.TrueException>(() => AllocationMeter.AssertNoneOnThisThread(() => s_sink = new object()));
        AllocationMeter.AssertNoneOnThisThread(() => s_sink = null);
    }

    [Fact]
    public void An_allocation_on_another_thread_is_counted_in_the_process()
    {
        Assert.True(AllocationMeter.FewestInProcess(() => Task.Run(() => s_sink = new byte[1000]).Wait()) >= 1000);
    }
}
