namespace Generated.Kernels.Convolution;

/// <summary>
/// Which convolutions Winograd's F(2x2, 3x3) computes and when it pays: the one rule that the runtime's convolution
/// engine (<c>WinogradTiles</c>) and the source generator's batch-1 plan (<c>DirectPlan</c>, which compiles this file
/// too: Generator/SharedWithRuntime.targets) both follow, so a generated model and the runtime cannot disagree about
/// which layers take it. Plain arithmetic on integers, no runtime types, so it builds in the generator's netstandard2.0
/// against any Roslyn.
/// </summary>
internal static class WinogradRule
{
    /// <summary>Fewest input channels (see <see cref="Suits"/>).</summary>
    public const int MinInputChannels = 16;

    /// <summary>Fewest output channels: fewer than a 512-bit panel's 32 leave the products' columns half padding.</summary>
    public const int MinOutputChannels = 32;

    /// <summary>
    /// A 3x3, stride-1, undilated kernel over at least <see cref="MinInputChannels"/> input and
    /// <see cref="MinOutputChannels"/> output channels, with a non-empty output. With fewer channels the transforms,
    /// which cost per channel what a few multiply-adds do, and the padded panels outweigh the products saved: at batch
    /// 64, 16 -> 16 channels on a 16x16 map ran 0.44x the GEMM's speed and 16 -> 32 1.28x (32 -> 16, its input
    /// gradient, 0.59x).
    /// </summary>
    public static bool Suits(
        int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int dilationHeight, int dilationWidth,
        int inputChannels, int outputChannels, int outputHeight, int outputWidth) =>
        kernelHeight == 3 && kernelWidth == 3 && strideHeight == 1 && strideWidth == 1 && dilationHeight == 1 && dilationWidth == 1
        && inputChannels >= MinInputChannels && outputChannels >= MinOutputChannels && outputHeight > 0 && outputWidth > 0;

    /// <summary>
    /// Whether the 2x2 tiles of an <paramref name="outputHeight"/> x <paramref name="outputWidth"/> map take at most 60%
    /// of the alternative's multiply-adds: 16 per tile against 9 per pixel of <paramref name="alternativePixels"/>. A
    /// forward pass compares its own output pixels (a Same layer's even map: 44%); a stride-1 input gradient, which the
    /// GEMM computes from the smaller output-gradient map (col2im), compares those: a Valid layer's input gradient on an
    /// 11x11 map is a 13x13 map of 49 tiles, 72% of the col2im's products, and measured 0.96x its speed, where a Same
    /// layer's ran 1.7x-1.9x.
    /// </summary>
    public static bool Pays(int outputHeight, int outputWidth, long alternativePixels) =>
        80L * ((outputHeight + 1) / 2) * ((outputWidth + 1) / 2) <= 27L * alternativePixels;
}
