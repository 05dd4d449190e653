namespace Generated.Benchmarks.Networks;

/// <summary>M1: Keras' "Simple MNIST convnet" (34,826 parameters), trained with categorical cross-entropy.</summary>
[Network(28, 28, 1)]
[Conv2D(32, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dropout(0.5)]
[Dense(10, Activation = Activation.Softmax)]
public sealed partial class M1MnistConvnet;
