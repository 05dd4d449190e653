using Generated;

namespace FashionMnistSample;

/// <summary>
/// A small convnet for Fashion-MNIST (as in TensorFlow's and PyTorch's Fashion-MNIST tutorials):
/// two Same-padded convolution blocks, then a dropout-regularized dense head.
/// </summary>
[Network(28, 28, 1)]
[Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dropout(0.3)]
[Dense(128, Activation = Activation.Relu)]
[Dense(10, Activation = Activation.Softmax)]
public partial class FashionConvNet;
