namespace Generated.Benchmarks.Networks.Prefixes;

// M4StridedNet's prefixes for the per-layer profile (LayerProfile, `--profile`): the same attributes up to a row
// boundary; the full model is the last prefix. A LeakyReLU stays with the BatchNormalization after it (Predict applies
// the activation in the normalization's pass) and Flatten, which only aliases its input's memory, stays with the layer
// after it. Generated.Generator.Tests' BenchmarkPrefixTests check them against M4StridedNet.

/// <summary>M4 up to conv2d.</summary>
[Network(28, 28, 1)]
[Conv2D(10, 5, Strides = 2)]
public sealed partial class M4Prefix1;

/// <summary>M4 up to batch_normalization.</summary>
[Network(28, 28, 1)]
[Conv2D(10, 5, Strides = 2)]
[LeakyReLU(0.02)]
[BatchNormalization]
public sealed partial class M4Prefix2;

/// <summary>M4 up to conv2d_1.</summary>
[Network(28, 28, 1)]
[Conv2D(10, 5, Strides = 2)]
[LeakyReLU(0.02)]
[BatchNormalization]
[Conv2D(10, 3, Strides = 2)]
public sealed partial class M4Prefix3;

/// <summary>M4 up to batch_normalization_1.</summary>
[Network(28, 28, 1)]
[Conv2D(10, 5, Strides = 2)]
[LeakyReLU(0.02)]
[BatchNormalization]
[Conv2D(10, 3, Strides = 2)]
[LeakyReLU(0.02)]
[BatchNormalization]
public sealed partial class M4Prefix4;
