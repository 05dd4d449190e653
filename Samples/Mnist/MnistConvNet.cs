using Generated;

namespace MnistSample;

/// <summary>
/// The convnet of Keras' "Simple MNIST convnet" example (keras.io/examples/vision/mnist_convnet),
/// line for line: 34,826 parameters.
/// </summary>
[Network(28, 28, 1)]
[Conv2D(32, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dropout(0.5)]
[Dense(10, Activation = Activation.Softmax)]
public partial class MnistConvNet;
