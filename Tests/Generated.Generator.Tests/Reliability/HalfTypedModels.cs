using Generated.Generator.Tests.Analyzers;

namespace Generated.Generator.Tests.Reliability;

/// <summary>The ten declarations the half-typed-code campaign edits: the reference models, branching, every layer family, and a ResNet-style network (the largest).</summary>
internal static class HalfTypedModels
{
    /// <summary>A ResNet-18-style network: a strided stem, eight basic blocks (projection shortcuts where the shape changes), 3x3 pooling, BatchNormalization everywhere.</summary>
    public const string ResNet = """
        [Network(64, 64, 3)]
        [Conv2D(16, 7, Strides = 2, Padding = Padding.Same, UseBias = false, Name = "stem")]
        [BatchNormalization(Name = "stem_bn"), ReLU(Name = "stem_relu")]
        [MaxPooling2D(3, Strides = 2, Padding = Padding.Same, Name = "pool")]
        [Conv2D(16, 3, Padding = Padding.Same, UseBias = false, Name = "b1a")]
        [BatchNormalization(Name = "b1a_bn"), ReLU(Name = "b1a_relu")]
        [Conv2D(16, 3, Padding = Padding.Same, UseBias = false, Name = "b1b")]
        [BatchNormalization(Name = "b1b_bn")]
        [Add("pool", Name = "b1_add"), ReLU(Name = "b1_out")]
        [Conv2D(16, 3, Padding = Padding.Same, UseBias = false, Name = "b2a")]
        [BatchNormalization(Name = "b2a_bn"), ReLU(Name = "b2a_relu")]
        [Conv2D(16, 3, Padding = Padding.Same, UseBias = false, Name = "b2b")]
        [BatchNormalization(Name = "b2b_bn")]
        [Add("b1_out", Name = "b2_add"), ReLU(Name = "b2_out")]
        [Conv2D(32, 3, Strides = 2, Padding = Padding.Same, UseBias = false, Name = "b3a")]
        [BatchNormalization(Name = "b3a_bn"), ReLU(Name = "b3a_relu")]
        [Conv2D(32, 3, Padding = Padding.Same, UseBias = false, Name = "b3b")]
        [BatchNormalization(Name = "b3b_bn")]
        [Conv2D(32, 1, Strides = 2, UseBias = false, Input = "b2_out", Name = "b3_proj")]
        [BatchNormalization(Name = "b3_proj_bn")]
        [Add("b3b_bn", Name = "b3_add"), ReLU(Name = "b3_out")]
        [Conv2D(32, 3, Padding = Padding.Same, UseBias = false, Name = "b4a")]
        [BatchNormalization(Name = "b4a_bn"), ReLU(Name = "b4a_relu")]
        [Conv2D(32, 3, Padding = Padding.Same, UseBias = false, Name = "b4b")]
        [BatchNormalization(Name = "b4b_bn")]
        [Add("b3_out", Name = "b4_add"), ReLU(Name = "b4_out")]
        [Conv2D(64, 3, Strides = 2, Padding = Padding.Same, UseBias = false, Name = "b5a")]
        [BatchNormalization(Name = "b5a_bn"), ReLU(Name = "b5a_relu")]
        [Conv2D(64, 3, Padding = Padding.Same, UseBias = false, Name = "b5b")]
        [BatchNormalization(Name = "b5b_bn")]
        [Conv2D(64, 1, Strides = 2, UseBias = false, Input = "b4_out", Name = "b5_proj")]
        [BatchNormalization(Name = "b5_proj_bn")]
        [Add("b5b_bn", Name = "b5_add"), ReLU(Name = "b5_out")]
        [Conv2D(64, 3, Padding = Padding.Same, UseBias = false, Name = "b6a")]
        [BatchNormalization(Name = "b6a_bn"), ReLU(Name = "b6a_relu")]
        [Conv2D(64, 3, Padding = Padding.Same, UseBias = false, Name = "b6b")]
        [BatchNormalization(Name = "b6b_bn")]
        [Add("b5_out", Name = "b6_add"), ReLU(Name = "b6_out")]
        [Conv2D(128, 3, Strides = 2, Padding = Padding.Same, UseBias = false, Name = "b7a")]
        [BatchNormalization(Name = "b7a_bn"), ReLU(Name = "b7a_relu")]
        [Conv2D(128, 3, Padding = Padding.Same, UseBias = false, Name = "b7b")]
        [BatchNormalization(Name = "b7b_bn")]
        [Conv2D(128, 1, Strides = 2, UseBias = false, Input = "b6_out", Name = "b7_proj")]
        [BatchNormalization(Name = "b7_proj_bn")]
        [Add("b7b_bn", Name = "b7_add"), ReLU(Name = "b7_out")]
        [Conv2D(128, 3, Padding = Padding.Same, UseBias = false, Name = "b8a")]
        [BatchNormalization(Name = "b8a_bn"), ReLU(Name = "b8a_relu")]
        [Conv2D(128, 3, Padding = Padding.Same, UseBias = false, Name = "b8b")]
        [BatchNormalization(Name = "b8b_bn")]
        [Add("b7_out", Name = "b8_add"), ReLU(Name = "b8_out")]
        [GlobalAveragePooling2D(Name = "gap")]
        [Dropout(0.2)]
        [Dense(10, Activation = Activation.Softmax, Name = "predictions")]
        public partial class ResNetStyle;
        """;

    public static IReadOnlyList<(string Name, string Source)> All { get; } =
    [
        ("ResNet", ResNet),
        ("Vgg16", ReferenceModels.Vgg16),
        ("TutorialCnn", ReferenceModels.TutorialCnn),
        ("MnistConvnet", ReferenceModels.MnistConvnet),
        ("Residual", ReferenceModels.Residual),
        ("UNet", ReferenceModels.UNet),
        ("Branching", """
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "stem")]
            [Conv2D(4, 1, Input = "stem", Name = "b")]
            [Multiply("stem", "b"), Subtract("b"), Maximum("b", "stem", "input")]
            [Minimum(new[] { "b", "stem" }), Average("b")]
            [MaxPooling2D(2, Input = "stem", Name = "pool")]
            [UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = "pool")]
            [Concatenate("stem", "input")]
            public partial class Branching;
            """),
        ("ClassicLayers", """
            [Network(16, 16, 6)]
            [Cropping2D(1, 2, 0, 1)]
            [DepthwiseConv2D(3, DepthMultiplier = 2, StridesHeight = 2, Padding = Padding.Same)]
            [Conv2D(6, 1, Groups = 3)]
            [SeparableConv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu)]
            [MinPooling2D(2, StridesWidth = 1)]
            [UpSampling2D(2, Interpolation = Interpolation.BedOfNails)]
            [Conv2DTranspose(2, 3, Strides = 2, OutputPadding = 1)]
            [ZeroPadding2D(1, 0, 2, 1)]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class ClassicLayers;
            """),
        ("Preprocessed", """
            [Network(32, 32, 3)]
            [Rescaling(1.0 / 255, Offset = -1), Normalization, RandomFlip(FlipMode.Vertical)]
            [RandomTranslation(0.1, 0.2, FillMode = FillMode.Wrap)]
            [RandomRotation(0.25), RandomZoom(0.1, 0.2)]
            [Conv2D(8, 3, Activation = Activation.Gelu)]
            [GroupNormalization(2, Epsilon = 1e-5)]
            [PReLU(SharedAxes = new[] { 1, 2 })]
            [SpatialDropout2D(0.5)]
            [AveragePooling2D(2, Padding = Padding.Same)]
            [LayerNormalization]
            [GlobalMaxPooling2D]
            [Dense(4, Activation = Activation.Sigmoid)]
            public partial class Preprocessed;
            """),
        ("Nested", """
            namespace Games.Vision
            {
                public static partial class Zoo
                {
                    /// <summary>A denoiser.</summary>
                    [Network(28, 28, 1, MaxParameters = 100_000)]
                    [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "enc")]
                    [MaxPooling2D(2)]
                    [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.Relu)]
                    [Conv2DTranspose(8, 3, Strides = 2, Padding = Padding.Same, Activation = Activation.Relu)]
                    [Concatenate("enc")]
                    [Conv2D(1, 3, Padding = Padding.Same, Activation = Activation.Sigmoid)]
                    internal partial class Denoiser
                    {
                        public int Extra => 1;
                    }
                }
            }
            """),
    ];
}
