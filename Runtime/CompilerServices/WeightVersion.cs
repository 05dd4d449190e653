using System.ComponentModel;
using System.Threading;

namespace Generated.CompilerServices;

/// <summary>
/// Lets <c>LoadWeights</c> replace a network's weights while other threads run <c>Predict</c> on it, so that every
/// prediction sees either the old weights or the new ones, never a mix. Plumbing for generated code.
/// </summary>
/// <remarks>
/// A sequence lock: a load writes between two increments of a counter (odd while writing), under a gate that only
/// writers and retrying readers take. <c>Predict</c> reads the counter before and after its run and runs again when a
/// load wrote in between, the second time holding the gate so that no load can start: two volatile reads and a
/// fence per call when nothing is loaded, no lock, no allocation. A load validates the whole file before it starts
/// writing, so the window the counter guards is only the copy.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WeightVersion
{
    private readonly object _gate = new();
    private int _sequence;

    /// <summary>Whether the network's packed kernel copies match its weights; every write makes them stale.</summary>
    public PackedWeightState PackedWeights { get; } = new();

    /// <summary>Waits out a write in progress and returns the counter a reader passes to <see cref="IsUnchanged"/>.</summary>
    public int BeginRead()
    {
        var sequence = Volatile.Read(ref _sequence);
        if ((sequence & 1) == 0)
        {
            return sequence;
        }
        var spin = new SpinWait();
        while (((sequence = Volatile.Read(ref _sequence)) & 1) != 0)
        {
            spin.SpinOnce();
        }
        return sequence;
    }

    /// <summary>True when no write started since <see cref="BeginRead"/> returned <paramref name="sequence"/>: what was read is consistent.</summary>
    public bool IsUnchanged(int sequence)
    {
        // Every weight read of the run must happen before the counter is read again.
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref _sequence) == sequence;
    }

    /// <summary>Takes the gate for a reader's second run: no write can start until <see cref="ExitExclusiveRead"/>.</summary>
    public void EnterExclusiveRead() => Monitor.Enter(_gate);

    /// <summary>Releases the gate taken by <see cref="EnterExclusiveRead"/>.</summary>
    public void ExitExclusiveRead() => Monitor.Exit(_gate);

    /// <summary>Starts a write: takes the gate (one writer at a time) and makes the counter odd.</summary>
    public void BeginWrite()
    {
        Monitor.Enter(_gate);
        Interlocked.Increment(ref _sequence);
    }

    /// <summary>Ends a write: the packed copies are stale, the counter even again, the gate released.</summary>
    public void EndWrite()
    {
        PackedWeights.Invalidate();
        Interlocked.Increment(ref _sequence);
        Monitor.Exit(_gate);
    }
}
