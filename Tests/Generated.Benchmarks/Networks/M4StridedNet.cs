namespace Generated.Benchmarks.Networks;

/// <summary>M4: a small strided net with batch normalization (3,760 parameters), sigmoid outputs and mean squared error.</summary>
[Network(28, 28, 1)]
[Conv2D(10, 5, Strides = 2)]
[LeakyReLU(0.02)]
[BatchNormalization]
[Conv2D(10, 3, Strides = 2)]
[LeakyReLU(0.02)]
[BatchNormalization]
[Flatten]
[Dense(10, Activation = Activation.Sigmoid)]
public sealed partial class M4StridedNet;
