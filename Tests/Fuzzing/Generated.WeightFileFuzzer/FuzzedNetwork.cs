namespace Generated.Fuzzing;

/// <summary>
/// The network the coverage-guided campaign loads into: small, so a whole weight file (about 1 KB) is a short fuzz input,
/// yet every tensor kind the loader converts from PyTorch (an OIHW kernel, a depthwise kernel, batch-norm state, a
/// Dense kernel whose rows follow a flattened feature map).
/// </summary>
[Network(4, 4, 2)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[BatchNormalization]
[DepthwiseConv2D(2)]
[Flatten]
[Dense(2)]
public partial class FuzzedNetwork;
