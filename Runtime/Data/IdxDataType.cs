namespace Generated.Data;

/// <summary>The element type an IDX file declares in the third byte of its magic number.</summary>
public enum IdxDataType : byte
{
    /// <summary>Unsigned byte (<c>0x08</c>), what MNIST and Fashion-MNIST store.</summary>
    UnsignedByte = 0x08,
    /// <summary>Signed byte (<c>0x09</c>).</summary>
    SignedByte = 0x09,
    /// <summary>Big-endian 16-bit integer (<c>0x0B</c>).</summary>
    Int16 = 0x0B,
    /// <summary>Big-endian 32-bit integer (<c>0x0C</c>).</summary>
    Int32 = 0x0C,
    /// <summary>Big-endian 32-bit float (<c>0x0D</c>).</summary>
    Single = 0x0D,
    /// <summary>Big-endian 64-bit float (<c>0x0E</c>).</summary>
    Double = 0x0E,
}
