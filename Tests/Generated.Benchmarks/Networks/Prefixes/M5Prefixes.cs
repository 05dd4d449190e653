namespace Generated.Benchmarks.Networks.Prefixes;

// M5VggBlock's prefixes for the per-layer profile (LayerProfile, `--profile`): the same attributes up to a row
// boundary; the full model is the last prefix. A Conv2D stays with the MaxPooling2D after it (the batch-1 direct plan
// pools in the convolution's store) and Flatten, which only aliases its input's memory, stays with the layer after it.
// Generated.Generator.Tests' BenchmarkPrefixTests check them against M5VggBlock.

/// <summary>M5 up to conv2d.</summary>
[Network(32, 32, 3)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
public sealed partial class M5Prefix1;

/// <summary>M5 up to max_pooling2d.</summary>
[Network(32, 32, 3)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2)]
public sealed partial class M5Prefix2;

/// <summary>M5 up to conv2d_2.</summary>
[Network(32, 32, 3)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.Relu)]
public sealed partial class M5Prefix3;

/// <summary>M5 up to max_pooling2d_1.</summary>
[Network(32, 32, 3)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2)]
public sealed partial class M5Prefix4;
