namespace Generated.Tests;

/// <summary>
/// Measures what one warm call of a step allocates, as the fewest bytes over several single-call measurements.
/// An allocation in every call shows in every measurement, so a real per-step allocation still fails the test.
/// The fewest is taken because neither counter is exact at the level of one call: the per-thread counter now and then
/// reports a few kilobytes that the thread did not allocate (dotnet/runtime#63487, #74388: the runtime's own
/// allocation-context bookkeeping), and the process-wide one also sees the test host's threads (result reporting,
/// the thread pool). One clean measurement out of several proves the step itself allocates nothing.
/// </summary>
internal static class AllocationMeter
{
    private const int WarmUpCalls = 5;

    /// <summary>Fewest bytes the calling thread allocated in one call of <paramref name="step"/>, after warm-up.</summary>
    public static long FewestOnThisThread(Action step, int measurements = 10) =>
        Fewest(step, measurements, static () => GC.GetAllocatedBytesForCurrentThread());

    /// <summary>Fewest bytes all threads together allocated in one call of <paramref name="step"/>, after warm-up.</summary>
    public static long FewestInProcess(Action step, int measurements = 50) =>
        Fewest(step, measurements, static () => GC.GetTotalAllocatedBytes(precise: true));

    /// <summary>Asserts that some warm call of <paramref name="step"/> allocated nothing on the calling thread.</summary>
    public static void AssertNoneOnThisThread(Action step, int measurements = 10)
    {
        var fewest = FewestOnThisThread(step, measurements);
        Assert.True(fewest == 0, $"Every one of {measurements} warm calls allocated on the calling thread, at least {fewest} bytes; expected 0.");
    }

    /// <summary>Asserts that some warm call of <paramref name="step"/> allocated nothing on any thread.</summary>
    public static void AssertNoneInProcess(Action step, int measurements = 50)
    {
        var fewest = FewestInProcess(step, measurements);
        Assert.True(fewest == 0, $"Every one of {measurements} warm calls allocated across all threads, at least {fewest} bytes; expected 0.");
    }

    private static long Fewest(Action step, int measurements, Func<long> allocatedBytes)
    {
        for (var i = 0; i < WarmUpCalls; i++)
        {
            step();
        }
        var fewest = long.MaxValue;
        for (var round = 0; round < measurements && fewest > 0; round++)
        {
            var before = allocatedBytes();
            step();
            fewest = Math.Min(fewest, allocatedBytes() - before);
        }
        return fewest;
    }
}
