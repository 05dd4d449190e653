using Generated.Tests;

namespace Generated.Models.Tests;

/// <summary>
/// Every PyTorch fixture test again with <see cref="Generated.Kernels.KernelOptions.VectorWidth"/> forced to 128: the
/// kernel path ARM64 (AdvSimd) and WebAssembly (PackedSimd) take, checked on x64. Runs in the collection that changes
/// KernelOptions one test at a time.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class PyTorchFixtureTestsAt128Bits : PyTorchFixtureTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}
