namespace Generated.Benchmarks.Networks;

/// <summary>M2: the TensorFlow tutorial CNN on CIFAR-10 shapes (122,570 parameters), categorical cross-entropy.</summary>
[Network(32, 32, 3)]
[Conv2D(32, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu)]
[Flatten]
[Dense(64, Activation = Activation.Relu)]
[Dense(10, Activation = Activation.Softmax)]
public sealed partial class M2TutorialCnn;
