using System;
using System.ComponentModel;
using System.Globalization;

namespace Generated.CompilerServices;

/// <summary>
/// Allocates a generated network's activation buffers (Predict's workspace, Forward's and Backward's buffers), which grow
/// with the batch: a size past what one array can hold, or memory the machine does not have, becomes an
/// <see cref="InsufficientMemoryException"/> that names the network, the buffer, the batch, the bytes and the largest
/// tensor, instead of an overflow or a bare <see cref="OutOfMemoryException"/>. Plumbing for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Workspace
{
    /// <summary>The most elements a float array can have (<c>Array.MaxLength</c>, spelled out for older targets).</summary>
    public const long MaxArrayLength = 0x7FFFFFC7;

    /// <summary>A zeroed buffer of <paramref name="floatsPerSample"/> x <paramref name="samples"/> floats.</summary>
    /// <param name="floatsPerSample">The buffer's planned floats per sample.</param>
    /// <param name="samples">The batch it must hold.</param>
    /// <param name="network">The network's type name, for the message.</param>
    /// <param name="buffer">Which buffer: <c>Predict workspace</c>, <c>Forward buffer</c>, ...</param>
    /// <param name="largestTensor">The network's largest activation, e.g. <c>conv2d's output 1080x1920x32</c>.</param>
    /// <exception cref="InsufficientMemoryException">The buffer is larger than an array can be, or the allocation failed.</exception>
    public static float[] Allocate(long floatsPerSample, int samples, string network, string buffer, string largestTensor)
    {
        var floats = floatsPerSample * samples;
        if (floats > MaxArrayLength)
        {
            throw new InsufficientMemoryException(Message(floatsPerSample, samples, network, buffer, largestTensor,
                string.Format(CultureInfo.InvariantCulture, "more than the {0:N0} floats one array can hold", MaxArrayLength)));
        }
        try
        {
            return new float[floats];
        }
        catch (OutOfMemoryException exception)
        {
            throw new InsufficientMemoryException(Message(floatsPerSample, samples, network, buffer, largestTensor, "more than the process could allocate"), exception);
        }
    }

    private static string Message(long floatsPerSample, int samples, string network, string buffer, string largestTensor, string reason)
    {
        var floats = floatsPerSample * samples;
        // string.Format rather than string.Create: the runtime also builds for netstandard2.0.
        return string.Format(CultureInfo.InvariantCulture,
            "Network {0} cannot allocate its {1} for {2} samples: {3:N0} floats ({4:N0} bytes, {5:N0} floats per sample), {6}. " +
            "Its largest tensor is {7}. Use a smaller batch, or a smaller input or model (the compile-time warning NNG0108 estimates training memory).",
            network, buffer, samples, floats, floats * 4L, floatsPerSample, reason, largestTensor);
    }
}
