namespace Generated.Runtime.Tests.Training;

/// <summary>A clock that advances by <see cref="Tick"/> every time it is read, so elapsed times in progress lines are exact.</summary>
public sealed class FakeClock(TimeSpan tick) : TimeProvider
{
    private long _ticks;

    public TimeSpan Tick { get; set; } = tick;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        var now = _ticks;
        _ticks += Tick.Ticks;
        return now;
    }
}
