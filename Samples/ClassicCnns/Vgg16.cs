using Generated;

namespace ClassicCnnsSample;

/// <summary>
/// VGG16 (Simonyan and Zisserman, "Very deep convolutional networks for large-scale image recognition", 2014, configuration
/// D) exactly as Keras' <c>keras.applications.VGG16(include_top=True)</c>: thirteen 3x3 same-padded ReLU convolutions in
/// five blocks, each block ending in 2x2 max pooling, then 4,096, 4,096 and 1,000 dense units on 224x224x3 images;
/// 138,357,544 parameters, with Keras' layer names, so the weight file's tensor names are Keras' (<c>block1_conv1.kernel</c>, ...).
/// </summary>
[Network(224, 224, 3)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block1_conv1")]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block1_conv2")]
[MaxPooling2D(2, Name = "block1_pool")]
[Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block2_conv1")]
[Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block2_conv2")]
[MaxPooling2D(2, Name = "block2_pool")]
[Conv2D(256, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block3_conv1")]
[Conv2D(256, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block3_conv2")]
[Conv2D(256, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block3_conv3")]
[MaxPooling2D(2, Name = "block3_pool")]
[Conv2D(512, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block4_conv1")]
[Conv2D(512, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block4_conv2")]
[Conv2D(512, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block4_conv3")]
[MaxPooling2D(2, Name = "block4_pool")]
[Conv2D(512, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block5_conv1")]
[Conv2D(512, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block5_conv2")]
[Conv2D(512, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "block5_conv3")]
[MaxPooling2D(2, Name = "block5_pool")]
[Flatten(Name = "flatten")]
[Dense(4096, Activation = Activation.Relu, Name = "fc1")]
[Dense(4096, Activation = Activation.Relu, Name = "fc2")]
[Dense(1000, Activation = Activation.Softmax, Name = "predictions")]
public partial class Vgg16;
