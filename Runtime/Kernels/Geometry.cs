namespace Generated.Kernels;

/// <summary>
/// The shape of a 2D convolution, resolved at compile time by the generator.
/// Conv2D: input (N, IH, IW, IC), kernel (KH, KW, IC, OC), output (N, OH, OW, OC); output pixel
/// <c>(oy, ox)</c> reads input <c>(oy*SH + ky*DH - PadTop, ox*SW + kx*DW - PadLeft)</c>, zero outside.
/// Conv2DTranspose: input (N, IH, IW, IC), kernel (KH, KW, OC, IC) as Keras stores it, output
/// (N, OH, OW, OC); input pixel <c>(iy, ix)</c> adds into output <c>(iy*SH + ky*DH - PadTop, ix*SW + kx*DW - PadLeft)</c>
/// when that lies inside the output.
/// </summary>
public readonly record struct Conv2DGeometry(
    int InputHeight, int InputWidth, int InputChannels,
    int OutputHeight, int OutputWidth, int OutputChannels,
    int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth,
    int DilationHeight, int DilationWidth,
    int PadTop, int PadLeft)
{
    /// <summary>Floats per input sample.</summary>
    public int InputSize => InputHeight * InputWidth * InputChannels;

    /// <summary>Floats per output sample.</summary>
    public int OutputSize => OutputHeight * OutputWidth * OutputChannels;

    /// <summary>Floats in the kernel.</summary>
    public int KernelSize => KernelHeight * KernelWidth * InputChannels * OutputChannels;
}

/// <summary>
/// The shape of a 2D pooling window walk: input (N, IH, IW, C), output (N, OH, OW, C); output pixel
/// <c>(oy, ox)</c> covers input rows <c>oy*SH - PadTop .. + PH - 1</c> (cells outside are padding).
/// </summary>
public readonly record struct Pool2DGeometry(
    int InputHeight, int InputWidth, int Channels,
    int OutputHeight, int OutputWidth,
    int PoolHeight, int PoolWidth,
    int StrideHeight, int StrideWidth,
    int PadTop, int PadLeft)
{
    /// <summary>Floats per input sample.</summary>
    public int InputSize => InputHeight * InputWidth * Channels;

    /// <summary>Floats per output sample.</summary>
    public int OutputSize => OutputHeight * OutputWidth * Channels;
}

/// <summary>UpSampling2D: input (N, IH, IW, C), output (N, IH*FH, IW*FW, C).</summary>
public readonly record struct UpSampling2DGeometry(int InputHeight, int InputWidth, int Channels, int FactorHeight, int FactorWidth)
{
    /// <summary>Floats per input sample.</summary>
    public int InputSize => InputHeight * InputWidth * Channels;

    /// <summary>Floats per output sample.</summary>
    public int OutputSize => InputHeight * FactorHeight * InputWidth * FactorWidth * Channels;
}
