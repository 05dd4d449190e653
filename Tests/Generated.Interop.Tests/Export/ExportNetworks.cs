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
