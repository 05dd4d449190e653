using System.Runtime.InteropServices;
using System.Text;

namespace GeneratedMnist.Native;

/// <summary>
/// The message of the most recent failed call, one per thread, kept as a NUL-terminated UTF-8 string in native
/// memory so the caller can read it through a plain <c>const char*</c> without copying or freeing.
/// </summary>
internal static unsafe class LastError
{
    // Returned before a thread's first failure; allocated once and never freed.
    private static readonly byte* Empty = AllocateEmpty();

    [ThreadStatic]
    private static byte* _message;

    /// <summary>The calling thread's message, or an empty string; valid until this thread's next failure.</summary>
    public static byte* Message => _message is null ? Empty : _message;

    /// <summary>Records <paramref name="message"/> for the calling thread and returns <paramref name="status"/>.</summary>
    public static Status Set(Status status, string message)
    {
        int length = Encoding.UTF8.GetByteCount(message);
        var copy = (byte*)NativeMemory.Alloc((nuint)length + 1);
        Encoding.UTF8.GetBytes(message, new Span<byte>(copy, length));
        copy[length] = 0;
        byte* previous = _message;
        _message = copy;
        NativeMemory.Free(previous);
        return status;
    }

    private static byte* AllocateEmpty()
    {
        var empty = (byte*)NativeMemory.Alloc(1);
        *empty = 0;
        return empty;
    }
}
