namespace Generated.Benchmarks.Networks;

/// <summary>M3: a convolutional autoencoder (777 parameters) reconstructing its input, binary cross-entropy.</summary>
[Network(28, 28, 1)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2, Padding = Padding.Same)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[UpSampling2D(2)]
[Conv2D(1, 3, Padding = Padding.Same, Activation = Activation.Sigmoid)]
public sealed partial class M3Autoencoder;
