namespace Generated.Generator.Tests.Generation;

/// <summary>The models the generator is tested on: one per feature family, as users write them.</summary>
public static class ModelSources
{
    /// <summary>DESIGN.md's tutorial CNN (CIFAR-10 shape), 122,570 parameters.</summary>
    public const string TutorialCnn = """
        using Generated;

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

    /// <summary>Keras' "Simple MNIST convnet" example, 34,826 parameters.</summary>
    public const string MnistConvnet = """
        using Generated;

        namespace Samples;

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

    /// <summary>A residual block: the skip from <c>stem</c> fans out into Add.</summary>
    public const string ResidualBlock = """
        using Generated;

        namespace Samples.Residual
        {
            [Network(8, 8, 3)]
            [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "stem")]
            [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.Relu)]
            [Conv2D(8, 3, Padding = Padding.Same)]
            [Add("stem")]
            [ReLU]
            [GlobalAveragePooling2D]
            [Dense(4)]
            internal partial class ResidualBlock
            {
            }
        }
        """;

    /// <summary>ZeroPadding2D, symmetric before a Valid convolution and per side before pooling.</summary>
    public const string Padded = """
        using Generated;

        [Network(6, 6, 2)]
        [ZeroPadding2D(1)]
        [Conv2D(4, 3, Activation = Activation.Relu)]
        [ZeroPadding2D(1, 1, 0, 2)]
        [MaxPooling2D(2)]
        [Flatten]
        [Dense(3)]
        public partial class Padded;
        """;

    /// <summary>
    /// The classic CNNs' layers: a cropping, a MobileNet block (depthwise with rectangular strides, a grouped 1x1
    /// convolution), a separable convolution with a depth multiplier, min pooling, bed-of-nails upsampling and a
    /// transposed convolution with output padding.
    /// </summary>
    public const string ClassicLayers = """
        using Generated;

        [Network(10, 10, 4)]
        [Cropping2D(1)]
        [DepthwiseConv2D(3, StridesHeight = 2, Padding = Padding.Same, Activation = Activation.Relu)]
        [Conv2D(8, 1, Groups = 2)]
        [SeparableConv2D(8, 3, DepthMultiplier = 2, Padding = Padding.Same, Activation = Activation.Swish)]
        [MinPooling2D(2)]
        [UpSampling2D(2, Interpolation = Interpolation.BedOfNails)]
        [Conv2DTranspose(2, 3, Strides = 2, Padding = Padding.Same, OutputPadding = 1)]
        [Flatten]
        [Dense(3)]
        public partial class ClassicLayers;
        """;

    /// <summary>A small U-Net: a Concatenate skip, bilinear upsampling and a strided transposed convolution.</summary>
    public const string UNet = """
        using Generated;

        [Network(8, 8, 2)]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "down")]
        [MaxPooling2D(2)]
        [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [UpSampling2D(2, Interpolation = Interpolation.Bilinear)]
        [Concatenate("down")]
        [Conv2DTranspose(4, 2, Strides = 2, Activation = Activation.Relu)]
        [Conv2D(1, 1, Activation = Activation.Sigmoid)]
        public partial class UNet;
        """;

    /// <summary>Normalization and regularization: BatchNormalization, LayerNormalization, LeakyReLU, Dropout.</summary>
    public const string Normalized = """
        using Generated;

        [Network(6, 6, 3)]
        [Conv2D(4, 3, UseBias = false)]
        [BatchNormalization]
        [LeakyReLU(0.2)]
        [Dropout(0.25)]
        [Flatten]
        [Dense(8)]
        [LayerNormalization]
        [LeakyReLU]
        [Dense(3, Activation = Activation.Softmax)]
        public partial class Normalized;
        """;

    /// <summary>A network nested in partial classes inside a namespace, on flat vector input.</summary>
    public const string Nested = """
        using Generated;

        namespace Demo.Zoo
        {
            public static partial class Models
            {
                public partial class Inner
                {
                    [Network(10)]
                    [Dense(16, Activation = Activation.Tanh)]
                    [Dense(1, Activation = Activation.Sigmoid)]
                    public partial class TinyClassifier;
                }
            }
        }
        """;

    /// <summary>Strided Same convolutions with asymmetric padding, Swish, average pooling, Reshape, in the global namespace.</summary>
    public const string SameStrided = """
        using Generated;

        [Network(7, 7, 2)]
        [Conv2D(4, 3, Strides = 2, Padding = Padding.Same, Activation = Activation.Swish)]
        [Conv2D(6, 2, Padding = Padding.Same, Activation = Activation.Tanh)]
        [AveragePooling2D(3, Strides = 2, Padding = Padding.Same)]
        [Reshape(24)]
        [Dense(5)]
        public partial class SameStrided;
        """;

    /// <summary>
    /// Activation layers before BatchNormalization: one that Predict applies inside the normalization's pass (LeakyReLU),
    /// and one it must keep because a skip also reads it (ReLU).
    /// </summary>
    public const string ActivatedNormalized = """
        using Generated;

        [Network(6, 6, 2)]
        [Conv2D(4, 3, Strides = 2, Padding = Padding.Same)]
        [LeakyReLU(0.02)]
        [BatchNormalization]
        [ReLU(Name = "shared")]
        [BatchNormalization]
        [Add("shared")]
        [Flatten]
        [Dense(3)]
        public partial class ActivatedNormalized;
        """;

    /// <summary>
    /// Branching: a strided 1x1 projection read with Input, every merge kind, max-unpooling (the pooling's input and output
    /// stay alive until the unpooling ran), and a layer nothing reads, which no pass computes.
    /// </summary>
    public const string Branching = """
        using Generated;

        [Network(8, 8, 3)]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "stem")]
        [Conv2D(6, 3, Strides = 2, Padding = Padding.Same, Activation = Activation.Relu)]
        [Conv2D(6, 1, Strides = 2, Padding = Padding.Same, Input = "stem", Name = "projection")]
        [Add("conv2d")]
        [Conv2D(6, 1, Name = "unread")]
        [Multiply("add", "projection")]
        [Subtract("add")]
        [Maximum("add", "multiply", "subtract")]
        [Minimum("projection")]
        [Average("minimum", "add")]
        [MaxPooling2D(2, Input = "stem", Name = "pool")]
        [UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = "pool")]
        [Maximum("stem")]
        [MaxPooling2D(2)]
        [Concatenate("average")]
        [GlobalAveragePooling2D]
        [Dense(3)]
        public partial class Branching;
        """;

    /// <summary>Preprocessing and augmentation inside the model, group normalization, PReLU, spatial dropout and the new activations.</summary>
    public const string Preprocessed = """
        using Generated;

        [Network(8, 8, 3)]
        [Rescaling(1.0 / 255, Offset = -0.5)]
        [Normalization]
        [RandomFlip]
        [RandomTranslation(0.1, 0.1)]
        [RandomRotation(0.1, FillMode = FillMode.Nearest)]
        [RandomZoom(0.2)]
        [Conv2D(8, 3, Activation = Activation.Gelu)]
        [GroupNormalization(2)]
        [PReLU(SharedAxes = new[] { 1, 2 })]
        [SpatialDropout2D(0.25)]
        [Conv2D(4, 3, Activation = Activation.HardSwish)]
        [Activation(Activation.Selu)]
        [Flatten]
        [Dense(3, Activation = Activation.Relu6)]
        public partial class Preprocessed;
        """;

    public static IEnumerable<object[]> All() =>
        new[]
        {
            new object[] { nameof(TutorialCnn), TutorialCnn },
            new object[] { nameof(MnistConvnet), MnistConvnet },
            new object[] { nameof(ResidualBlock), ResidualBlock },
            new object[] { nameof(UNet), UNet },
            new object[] { nameof(Normalized), Normalized },
            new object[] { nameof(Nested), Nested },
            new object[] { nameof(SameStrided), SameStrided },
            new object[] { nameof(ActivatedNormalized), ActivatedNormalized },
            new object[] { nameof(Padded), Padded },
            new object[] { nameof(Branching), Branching },
            new object[] { nameof(ClassicLayers), ClassicLayers },
            new object[] { nameof(Preprocessed), Preprocessed },
        };
}
