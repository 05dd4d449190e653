namespace Generated.Models.Tests;

// The networks under test, declared as users declare them. Their PyTorch twins live in
// Tests/Fixtures/scripts/make_model_fixtures.py under the same names.

/// <summary>DESIGN.md's tutorial CNN (CIFAR-10 shape).</summary>
[Network(32, 32, 3)]
[Conv2D(32, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu)]
[Flatten]
[Dense(64, Activation = Activation.Relu)]
[Dense(10, Activation = Activation.Softmax)]
public partial class TutorialCnn;

/// <summary>Keras' "Simple MNIST convnet" example.</summary>
[Network(28, 28, 1)]
[Conv2D(32, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dropout(0.5)]
[Dense(10, Activation = Activation.Softmax)]
public partial class MnistConvnet;

/// <summary>A residual block: <c>stem</c> feeds both the next convolution and the Add.</summary>
[Network(8, 8, 3)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "stem")]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[Conv2D(8, 3, Padding = Padding.Same)]
[Add("stem")]
[ReLU]
[GlobalAveragePooling2D]
[Dense(4)]
public partial class ResidualBlock;

/// <summary>A small U-Net: Concatenate skip, bilinear upsampling, strided transposed convolution.</summary>
[Network(8, 8, 2)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "down")]
[MaxPooling2D(2)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[UpSampling2D(2, Interpolation = Interpolation.Bilinear)]
[Concatenate("down")]
[Conv2DTranspose(4, 2, Strides = 2, Activation = Activation.Relu)]
[Conv2D(1, 1, Activation = Activation.Sigmoid)]
public partial class UNet;

/// <summary>Batch normalization (moving statistics in a separate buffer), layer normalization, LeakyReLU.</summary>
[Network(6, 6, 3)]
[Conv2D(4, 3, UseBias = false)]
[BatchNormalization]
[LeakyReLU(0.2)]
[Flatten]
[Dense(8)]
[LayerNormalization]
[LeakyReLU]
[Dense(3, Activation = Activation.Softmax)]
public partial class Normalized;

/// <summary>Same padding with strides, where TensorFlow pads one more cell at the bottom/right; Swish; Reshape.</summary>
[Network(8, 8, 2)]
[Conv2D(4, 3, Strides = 2, Padding = Padding.Same, Activation = Activation.Swish)]
[Conv2D(6, 2, Padding = Padding.Same, Activation = Activation.Tanh)]
[AveragePooling2D(3, Strides = 2, Padding = Padding.Same)]
[Reshape(24)]
[Dense(5)]
public partial class SameStrided;

/// <summary>DESIGN.md's reference: a 2x2 kernel on a 3x3 image, Valid.</summary>
[Network(3, 3, 1)]
[Conv2D(1, 2, UseBias = false)]
public partial class ValidOnes;

/// <summary>DESIGN.md's reference: a 2x2 kernel on a 3x3 image, Same.</summary>
[Network(3, 3, 1)]
[Conv2D(1, 2, Padding = Padding.Same, UseBias = false)]
public partial class SameOnes;

/// <summary>Dropout between dense layers, on flat input.</summary>
[Network(16)]
[Dense(32, Activation = Activation.Relu)]
[Dropout(0.5)]
[Dense(4)]
public partial class DropoutNet;

/// <summary>A network nested in a partial class, as generated code must support.</summary>
public static partial class Zoo
{
    /// <summary>A tiny classifier on flat input.</summary>
    [Network(10)]
    [Dense(16, Activation = Activation.Tanh)]
    [Dense(1, Activation = Activation.Sigmoid)]
    public partial class Tiny;
}

/// <summary>Normalization on the raw input: the first layer's input gradient is not a kernel product a step can skip.</summary>
[Network(5, 5, 2)]
[BatchNormalization]
[Conv2D(3, 3, Activation = Activation.Relu)]
[Flatten]
[Dense(2)]
public partial class NormalizedInput;
