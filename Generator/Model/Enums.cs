namespace Generated.Model;

// Mirrors of the runtime's public enums (Runtime/Attributes/Enums.cs). The generator reads
// attribute arguments as integers; a test asserts that names and values match.

internal enum ActivationKind
{
    Linear = 0,
    Relu = 1,
    LeakyRelu = 2,
    Sigmoid = 3,
    Tanh = 4,
    Softmax = 5,
    Elu = 6,
    Swish = 7,
    Softplus = 8,
    Relu6 = 9,
    Gelu = 10,
    Selu = 11,
    HardSwish = 12,
}

internal enum FlipModeKind
{
    Horizontal = 0,
    Vertical = 1,
    HorizontalAndVertical = 2,
}

internal enum FillModeKind
{
    Reflect = 0,
    Wrap = 1,
    Constant = 2,
    Nearest = 3,
}

internal enum PaddingKind
{
    Valid = 0,
    Same = 1,
}

internal enum InterpolationKind
{
    Nearest = 0,
    Bilinear = 1,
    BedOfNails = 2,
    MaxUnpooling = 3,
}

/// <summary>Every layer kind, one per layer attribute.</summary>
internal enum LayerKind
{
    Conv2D,
    Conv2DTranspose,
    Dense,
    MaxPooling2D,
    AveragePooling2D,
    GlobalAveragePooling2D,
    GlobalMaxPooling2D,
    UpSampling2D,
    Flatten,
    Dropout,
    BatchNormalization,
    LayerNormalization,
    Add,
    Concatenate,
    Activation,
    ReLU,
    LeakyReLU,
    Softmax,
    Reshape,
    ZeroPadding2D,
    Cropping2D,
    DepthwiseConv2D,
    SeparableConv2D,
    MinPooling2D,
    Multiply,
    Subtract,
    Maximum,
    Minimum,
    Average,
    Rescaling,
    Normalization,
    RandomFlip,
    RandomTranslation,
    RandomRotation,
    RandomZoom,
    SpatialDropout2D,
    GroupNormalization,
    PReLU,
}
