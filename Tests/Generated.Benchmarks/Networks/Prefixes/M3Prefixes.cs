namespace Generated.Benchmarks.Networks.Prefixes;

// M3Autoencoder's prefixes for the per-layer profile (LayerProfile, `--profile`): the same attributes up to a row
// boundary; the full model is the last prefix. A Conv2D stays with the MaxPooling2D after it (the batch-1 direct plan
// pools in the convolution's store). Generated.Generator.Tests' BenchmarkPrefixTests check them against M3Autoencoder.

/// <summary>M3 up to max_pooling2d.</summary>
[Network(28, 28, 1)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2, Padding = Padding.Same)]
public sealed partial class M3Prefix1;

/// <summary>M3 up to conv2d_1.</summary>
[Network(28, 28, 1)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2, Padding = Padding.Same)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu)]
public sealed partial class M3Prefix2;

/// <summary>M3 up to up_sampling2d.</summary>
[Network(28, 28, 1)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2, Padding = Padding.Same)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[UpSampling2D(2)]
public sealed partial class M3Prefix3;
