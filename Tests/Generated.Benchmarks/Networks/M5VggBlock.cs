namespace Generated.Benchmarks.Networks;

/// <summary>M5: a VGG-style block (342,090 parameters), linear outputs trained as logits with softmax cross-entropy.</summary>
[Network(32, 32, 3)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dense(10)]
public sealed partial class M5VggBlock;
