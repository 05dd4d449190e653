namespace Generated.Benchmarks.Networks.Prefixes;

// M1MnistConvnet's prefixes for the per-layer profile (LayerProfile, `--profile`): the same attributes up to a row
// boundary; the full model is the last prefix. A Conv2D stays with the MaxPooling2D after it (the batch-1 direct plan
// pools in the convolution's store) and Flatten, which only aliases its input's memory, stays with the layer after it.
// Generated.Generator.Tests' BenchmarkPrefixTests check them against M1MnistConvnet.

/// <summary>M1 up to max_pooling2d.</summary>
[Network(28, 28, 1)]
[Conv2D(32, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
public sealed partial class M1Prefix1;

/// <summary>M1 up to max_pooling2d_1.</summary>
[Network(28, 28, 1)]
[Conv2D(32, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
public sealed partial class M1Prefix2;

/// <summary>M1 up to dropout.</summary>
[Network(28, 28, 1)]
[Conv2D(32, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dropout(0.5)]
public sealed partial class M1Prefix3;
