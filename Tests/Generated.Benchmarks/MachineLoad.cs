namespace Generated.Benchmarks;

/// <summary>The machine's load, printed beside timings taken outside BenchmarkDotNet so a busy run shows as one.</summary>
internal static class MachineLoad
{
    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown" where there is none.</summary>
    public static string Average()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
