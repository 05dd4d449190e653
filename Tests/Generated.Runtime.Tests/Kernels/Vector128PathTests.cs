using Generated.Kernels;
using Generated.Tests;

namespace Generated.Runtime.Tests.Kernels;

// The kernel test classes run again with KernelOptions.VectorWidth forced to 128: the matrix product's 6x8 tile, the
// pixel-lane tiles, the stride-phase input gradient and the element-wise, normalization and pooling kernels on Vector128,
// the path ARM64 (AdvSimd) and WebAssembly (PackedSimd) take, checked here on x64. Each class inherits every test of the
// class it extends and belongs to the collection that changes KernelOptions one test at a time. (Classes that already
// loop over the widths themselves, like PixelLaneConvolutionTests, are not repeated.)

/// <summary>Conv2D and Conv2DTranspose against the reference, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class ConvolutionTestsAt128Bits : ConvolutionTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Convolution gradients against finite differences, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class ConvolutionGradientTestsAt128Bits : ConvolutionGradientTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Convolutions against the PyTorch fixtures, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class ConvolutionFixtureTestsAt128Bits : ConvolutionFixtureTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Dense against the reference, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class DenseTestsAt128Bits : DenseTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Layers against the PyTorch fixtures, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class LayerFixtureTestsAt128Bits : LayerFixtureTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Pooling against the reference, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class PoolingTestsAt128Bits : PoolingTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Pooling gradients, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class PoolingGradientTestsAt128Bits : PoolingGradientTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Normalization against the reference, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class NormalizationTestsAt128Bits : NormalizationTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Normalization gradients, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class NormalizationGradientTestsAt128Bits : NormalizationGradientTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Batch normalization fused with an activation, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class ActivatedBatchNormalizationTestsAt128Bits : ActivatedBatchNormalizationTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Activations against the reference, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class ActivationsTestsAt128Bits : ActivationsTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Activation gradients, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class ActivationGradientTestsAt128Bits : ActivationGradientTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>The ReLU-fused backward passes, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class ReluFusedBackwardTestsAt128Bits : ReluFusedBackwardTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Resampling against the reference, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class ResamplingTestsAt128Bits : ResamplingTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Resampling gradients, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class ResamplingGradientTestsAt128Bits : ResamplingGradientTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Column sums, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class ColumnSumsTestsAt128Bits : ColumnSumsTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Merge and dropout, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class MergeAndDropoutTestsAt128Bits : MergeAndDropoutTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}

/// <summary>Merge and dropout gradients, at 128 bits.</summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class MergeAndDropoutGradientTestsAt128Bits : MergeAndDropoutGradientTests, IDisposable
{
    private readonly KernelOptionsScope _width = new(width: 128);

    /// <summary>Restores the vector width.</summary>
    public void Dispose() => _width.Dispose();
}
