namespace Generated.Interop.Tests.Export;

// Networks that together use every layer kind the exporter supports, each argument at a value where Keras and a naive
// translation disagree: Same padding with an odd total (the extra pixel at the bottom/right), average pooling over padded
// windows, a transposed convolution whose kernel is shorter than its stride (output padding), Dense on a feature map,
// Flatten in NHWC order.

/// <summary>Convolutions, pooling and resampling with Same/Valid padding, strides and dilation.</summary>
[Network(10, 7, 3)]
[Conv2D(6, 3, Strides = 2, Padding = Padding.Same, Activation = Activation.LeakyRelu)]
[Conv2D(5, 2, Padding = Padding.Same, DilationRate = 2, UseBias = false, Activation = Activation.Elu)]
[AveragePooling2D(3, Strides = 2, Padding = Padding.Same)]
[Conv2DTranspose(4, 3, Strides = 2, Padding = Padding.Same, Activation = Activation.Swish)]
[MaxPooling2D(3, Strides = 2, Padding = Padding.Same)]
[Conv2DTranspose(3, 1, Strides = 3, Activation = Activation.Softplus)]
[UpSampling2D(2)]
[ZeroPadding2D(1, 2, 0, 3)]
[UpSampling2D(2, Interpolation = Interpolation.Bilinear)]
[Conv2D(4, 3, 2, Strides = 3, Activation = Activation.Tanh)]
[AveragePooling2D(2)]
[Flatten]
[Dropout(0.25)]
[Dense(7, Activation = Activation.Softmax)]
public sealed partial class WindowLayers;

/// <summary>Normalization, Dense on a feature map, stand-alone activations and Softmax over channels of a map.</summary>
[Network(6, 5, 4)]
[BatchNormalization(Epsilon = 0.01)]
[Dense(6, Activation = Activation.Sigmoid)]
[LayerNormalization(Epsilon = 0.0001)]
[Conv2DTranspose(5, 2, 3, UseBias = false)]
[LeakyReLU(0.15)]
[Activation(Activation.Elu)]
[Activation(Activation.Swish)]
[ReLU]
[Activation(Activation.Softplus)]
[Conv2D(4, 3, Activation = Activation.Linear)]
[Softmax]
[MaxPooling2D(2, 3)]
[Dense(3, UseBias = false)]
public sealed partial class NormalizationLayers;

/// <summary>A residual graph: Add and Concatenate of maps and of vectors, global pooling, Reshape both ways.</summary>
[Network(8, 8, 2)]
[Conv2D(6, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "stem")]
[Conv2D(6, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[Conv2D(6, 3, Padding = Padding.Same)]
[Add("stem")]
[ReLU(Name = "block")]
[Conv2D(3, 1)]
[Concatenate("block")]
[GlobalMaxPooling2D(Name = "max")]
[Dense(12, Activation = Activation.Tanh)]
[Reshape(2, 2, 3)]
[Conv2D(5, 1)]
[GlobalAveragePooling2D]
[Concatenate("max")]
[BatchNormalization]
[Dense(9)]
[Add("max", Name = "sum")]
[LayerNormalization]
[Reshape(3, 3, 1)]
[Flatten]
[Dense(2, Activation = Activation.Sigmoid)]
public sealed partial class GraphLayers;

/// <summary>A vector network: Dense layers on a rank-1 input.</summary>
[Network(10)]
[Dense(16, Activation = Activation.Relu)]
[BatchNormalization]
[Dropout(0.5)]
[Dense(4, Activation = Activation.Softmax)]
public sealed partial class VectorLayers;

/// <summary>
/// The convolution variants: cropping, rectangular strides, depthwise with a multiplier, grouped, separable with dilation,
/// transposed with output padding and with rectangular strides, min pooling over padded windows, and the activations
/// Relu6, Gelu, Selu and HardSwish fused into them.
/// </summary>
[Network(11, 9, 4)]
[Cropping2D(1, 0, 2, 1)]
[DepthwiseConv2D(3, DepthMultiplier = 2, StridesHeight = 2, StridesWidth = 1, Padding = Padding.Same, Activation = Activation.Relu6)]
[Conv2D(6, 3, 2, Groups = 2, Padding = Padding.Same, Activation = Activation.Gelu)]
[SeparableConv2D(5, 2, DepthMultiplier = 2, Padding = Padding.Same, DilationRate = 2, Activation = Activation.Selu)]
[Conv2DTranspose(3, 3, Strides = 2, Padding = Padding.Same, OutputPadding = 1, Activation = Activation.HardSwish)]
[Conv2DTranspose(2, 2, 3, StridesHeight = 1, StridesWidth = 2, Activation = Activation.Relu6)]
[DepthwiseConv2D(2, UseBias = false, Activation = Activation.Gelu)]
[MinPooling2D(3, Strides = 2, Padding = Padding.Same)]
[MinPooling2D(2, StridesHeight = 1, StridesWidth = 2)]
[Flatten]
[Dense(5, Activation = Activation.Selu)]
public sealed partial class ConvolutionVariantLayers;

/// <summary>
/// Preprocessing and augmentation (identities at inference), max-unpooling and bed of nails, a branch read through
/// <c>Input</c>, every merge kind with two and three inputs, group normalization, PReLU on NHWC, NCHW and vector values.
/// </summary>
[Network(8, 8, 3)]
[Rescaling(2.0, Offset = -0.5)]
[Normalization]
[PReLU(SharedAxes = new[] { 3 })]
[RandomFlip]
[RandomTranslation(0.1, 0.1)]
[RandomRotation(0.1)]
[RandomZoom(0.1)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "stem")]
[MaxPooling2D(2, Name = "pool")]
[Conv2D(4, 1, Name = "mix")]
[UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = "pool", Name = "unpooled")]
[UpSampling2D(2, Interpolation = Interpolation.BedOfNails, Input = "pool", Name = "nails")]
[Multiply("stem", Name = "product")]
[Subtract("stem", "unpooled", Name = "difference")]
[Maximum("product", "difference", "nails", Name = "largest")]
[Minimum("stem")]
[Average("product", "difference", "minimum")]
[Rescaling(0.5)]
[Normalization]
[GroupNormalization(2, Epsilon = 0.01)]
[PReLU(SharedAxes = new[] { 1, 2 })]
[SpatialDropout2D(0.3)]
[Conv2D(3, 3, Strides = 2, Activation = Activation.Tanh)]
[PReLU]
[GlobalAveragePooling2D]
[Dense(4)]
[PReLU]
[Activation(Activation.HardSwish)]
public sealed partial class PreprocessingMergeLayers;
