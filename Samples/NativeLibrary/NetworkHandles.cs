using System.Collections.Concurrent;
using MnistSample;

namespace GeneratedMnist.Native;

/// <summary>
/// The networks handed out to native code. A handle is a number in a table, not an address of managed memory, so a
/// freed or made-up handle is reported as <see cref="Status.InvalidHandle"/> instead of crashing the process.
/// </summary>
internal static class NetworkHandles
{
    private static readonly ConcurrentDictionary<nint, MnistConvNet> Networks = new();

    // Starts high and steps by 16 so a handle looks like an aligned pointer and a small integer mistaken for one misses.
    private static long _last = 0x10000;

    /// <summary>Registers <paramref name="network"/> and returns its new handle.</summary>
    public static nint Add(MnistConvNet network)
    {
        nint handle = (nint)Interlocked.Add(ref _last, 16);
        Networks[handle] = network;
        return handle;
    }

    /// <summary>The network behind <paramref name="handle"/>, if it is live.</summary>
    public static bool TryGet(nint handle, out MnistConvNet network) => Networks.TryGetValue(handle, out network!);

    /// <summary>Forgets <paramref name="handle"/>; false when it was not live.</summary>
    public static bool Remove(nint handle) => Networks.TryRemove(handle, out _);
}
