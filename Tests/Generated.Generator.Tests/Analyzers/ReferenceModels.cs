namespace Generated.Generator.Tests.Analyzers;

/// <summary>Well-known networks written as users write them, with their Keras parameter counts.</summary>
internal static class ReferenceModels
{
    /// <summary>VGG16 (Keras <c>applications.VGG16</c>, include_top=True): 138,357,544 parameters.</summary>
    public const string Vgg16 = """
        [Network(224, 224, 3)]
        [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [MaxPooling2D(2)]
        [Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [MaxPooling2D(2)]
        [Conv2D(256, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [Conv2D(256, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [Conv2D(256, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [MaxPooling2D(2)]
        [Conv2D(512, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [Conv2D(512, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [Conv2D(512, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [MaxPooling2D(2)]
        [Conv2D(512, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [Conv2D(512, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [Conv2D(512, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [MaxPooling2D(2)]
        [Flatten]
        [Dense(4096, Activation = Activation.Relu)]
        [Dense(4096, Activation = Activation.Relu)]
        [Dense(1000, Activation = Activation.Softmax)]
        public partial class Vgg16;
        """;

    /// <summary>The CNN of the TensorFlow tutorial in DESIGN.md (CIFAR-10 shape): 122,570 parameters.</summary>
    public const string TutorialCnn = """
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
        """;

    /// <summary>The Keras "Simple MNIST convnet" example: 34,826 parameters.</summary>
    public const string MnistConvnet = """
        [Network(28, 28, 1)]
        [Conv2D(32, 3, Activation = Activation.Relu)]
        [MaxPooling2D(2)]
        [Conv2D(64, 3, Activation = Activation.Relu)]
        [MaxPooling2D(2)]
        [Flatten]
        [Dropout(0.5)]
        [Dense(10, Activation = Activation.Softmax)]
        public partial class MnistConvnet;
        """;

    /// <summary>A residual block with a named skip, batch normalization and global pooling.</summary>
    public const string Residual = """
        namespace Models
        {
            public static partial class Zoo
            {
                [Network(32, 32, 3)]
                [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "stem")]
                [Conv2D(16, 3, Padding = Padding.Same, UseBias = false)]
                [BatchNormalization(Momentum = 0.9, Epsilon = 1e-5)]
                [ReLU]
                [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.Relu)]
                [Add("stem")]
                [GlobalAveragePooling2D]
                [Dropout(0.2)]
                [Dense(10, Activation = Activation.Softmax, Name = "logits")]
                internal partial class ResidualNet;
            }
        }
        """;

    /// <summary>A small U-Net: skips by Concatenate, transposed convolutions, up-sampling, Reshape.</summary>
    public const string UNet = """
        [Network(64)]
        [Dense(256, Activation = Activation.Relu)]
        [Reshape(16, 16, 1, Name = "image")]
        [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "down1")]
        [MaxPooling2D(2, Strides = 2)]
        [Conv2D(16, 3, 3, Padding = Padding.Same, Activation = Activation.LeakyRelu)]
        [Conv2DTranspose(8, 2, Strides = 2)]
        [Concatenate(new[] { "conv2d_transpose", "down1", "image" })]
        [UpSampling2D(2, Interpolation = Interpolation.Bilinear)]
        [AveragePooling2D(2, 2, Padding = Padding.Same)]
        [LayerNormalization]
        [Activation(Activation.Tanh)]
        [LeakyReLU(0.1)]
        [Conv2D(1, 1, Activation = Activation.Sigmoid)]
        public sealed partial class UNet;
        """;
}
