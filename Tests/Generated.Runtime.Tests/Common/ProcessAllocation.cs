namespace Generated.Runtime.Tests.Common;

/// <summary>Asserts that a step allocates nothing on any thread of the process once warm.</summary>
public static class ProcessAllocation
{
    /// <summary>
    /// Warms <paramref name="step"/> up, then measures <see cref="GC.GetTotalAllocatedBytes"/> (precise, all threads)
    /// around single steps and asserts that at least one of <paramref name="measurements"/> steps allocated nothing.
    /// An allocation in every step shows in every measurement; the best one is taken because the test host's own
    /// threads (result reporting, the thread pool) allocate a few bytes now and then, which must not fail the test,
    /// and short measurements leave them fewer chances to land inside one.
    /// </summary>
    public static void AssertNone(Action step, int warmUps = 5, int measurements = 20)
    {
        for (var i = 0; i < warmUps; i++)
        {
            step();
        }
        var fewest = long.MaxValue;
        for (var round = 0; round < measurements && fewest > 0; round++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            step();
            fewest = Math.Min(fewest, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        Assert.True(fewest == 0, $"Every one of {measurements} warm steps allocated across all threads, at least {fewest} bytes; expected 0.");
    }
}
