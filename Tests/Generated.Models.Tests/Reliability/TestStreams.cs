// Streams that behave as a file's reader meets them in the wild; the weight-file campaigns (WeightFileFuzzTests, and the
// coverage-guided target in Tests/Fuzzing) and the weight-file regression tests of Generated.Runtime.Tests, which link this file, load through them.
namespace Generated.Models.Tests.Reliability;

/// <summary>A stream that cannot seek (a socket, a pipe, a decompressor): the reader cannot ask its length.</summary>
internal class ForwardOnlyStream(Stream inner) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A forward-only stream that returns at most a few bytes per read, as a slow network does.</summary>
internal sealed class TrickleStream(Stream inner, int maxRead) : ForwardOnlyStream(inner)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, maxRead));

    public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, maxRead)]);
}

/// <summary>A forward-only stream that never ends (zeros after the given bytes): a reader that reads "to the end" hangs on it.</summary>
internal sealed class EndlessStream(byte[] start) : ForwardOnlyStream(Null)
{
    private long _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++, _position++)
        {
            buffer[i] = _position < start.Length ? start[_position] : (byte)0;
        }
        return buffer.Length;
    }
}
