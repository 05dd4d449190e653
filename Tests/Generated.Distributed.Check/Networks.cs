namespace Generated.Distributed.Check;

/// <summary>A small convnet for the equality check: no batch normalization, whose statistics would be per shard.</summary>
[Network(8, 8, 1)]
[Conv2D(6, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dense(16, Activation = Activation.Tanh)]
[Dense(10, Activation = Activation.Softmax)]
public partial class SmallNet;

/// <summary>Keras' MNIST convnet (Samples/Mnist), for the accuracy and scaling runs.</summary>
[Network(28, 28, 1)]
[Conv2D(32, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dropout(0.5)]
[Dense(10, Activation = Activation.Softmax)]
public partial class MnistNet;
