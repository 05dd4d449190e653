using Generated;

namespace ClassicCnnsSample;

/// <summary>
/// AlexNet (Krizhevsky, Sutskever and Hinton, "ImageNet classification with deep convolutional neural networks", 2012) as
/// one tower: five convolutions and three dense layers on 227x227x3 images, 1,000 classes; 62,378,344 parameters.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>227x227, not the paper's 224x224: with an 11x11 kernel at stride 4, only 227 gives the 55x55 maps the paper
/// reports ((227 - 11) / 4 + 1 = 55), which is why Caffe and most re-implementations use it.</item>
/// <item>One tower: the paper split conv2, conv4 and conv5 over two GPUs, each half reading only its own half of the
/// channels; <c>Groups = 2</c> on those three layers gives that model's 60,965,224 parameters (Caffe's bvlc_alexnet).</item>
/// <item>No local response normalization (later work, VGG's among it, found it does not help); overlapping 3x3 max
/// pooling at stride 2, ReLU everywhere and dropout 0.5 on the outputs of the two 4,096-unit layers, as in the paper.</item>
/// </list>
/// </remarks>
[Network(227, 227, 3)]
[Conv2D(96, 11, Strides = 4, Activation = Activation.Relu, Name = "conv1")]
[MaxPooling2D(3, Strides = 2, Name = "pool1")]
[Conv2D(256, 5, Padding = Padding.Same, Activation = Activation.Relu, Name = "conv2")]
[MaxPooling2D(3, Strides = 2, Name = "pool2")]
[Conv2D(384, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "conv3")]
[Conv2D(384, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "conv4")]
[Conv2D(256, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "conv5")]
[MaxPooling2D(3, Strides = 2, Name = "pool5")]
[Flatten]
[Dense(4096, Activation = Activation.Relu, Name = "fc6")]
[Dropout(0.5, Name = "drop6")]
[Dense(4096, Activation = Activation.Relu, Name = "fc7")]
[Dropout(0.5, Name = "drop7")]
[Dense(1000, Activation = Activation.Softmax, Name = "fc8")]
public partial class AlexNet;
