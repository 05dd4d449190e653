using Generated;

namespace TransferLearningSample;

/// <summary>
/// Samples/Mnist's convnet with its two convolutions frozen (<c>Trainable = false</c>) and a new, differently named head:
/// <c>LoadWeights(path, strict: false)</c> fills <c>conv2d</c> and <c>conv2d_1</c> from the MNIST weights and leaves
/// <c>fashion_head</c> to train.
/// </summary>
[Network(28, 28, 1)]
[Conv2D(32, 3, Activation = Activation.Relu, Trainable = false)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu, Trainable = false)]
[MaxPooling2D(2)]
[Flatten]
[Dropout(0.5)]
[Dense(10, Activation = Activation.Softmax, Name = "fashion_head")]
public partial class FashionOnMnistBody;
