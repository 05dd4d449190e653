namespace Generated;

// The numeric values of these enums are part of the contract between the runtime and the
// generator, which reads them from attribute arguments as integers (Generator/Model/Enums.cs
// mirrors them; a test keeps the two in step).

/// <summary>An element-wise activation, named as in Keras' <c>activation=</c> argument.</summary>
public enum Activation
{
    /// <summary>Identity, Keras' default (<c>activation=None</c>).</summary>
    Linear = 0,
    /// <summary><c>max(x, 0)</c>.</summary>
    Relu = 1,
    /// <summary><c>x</c> for positive inputs, <c>0.2 * x</c> otherwise (Keras' <c>"leaky_relu"</c> activation).</summary>
    LeakyRelu = 2,
    /// <summary><c>1 / (1 + e^-x)</c>.</summary>
    Sigmoid = 3,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh = 4,
    /// <summary>Softmax over the last (channel) axis, computed stably.</summary>
    Softmax = 5,
    /// <summary><c>x</c> for positive inputs, <c>e^x - 1</c> otherwise.</summary>
    Elu = 6,
    /// <summary><c>x * sigmoid(x)</c> (also known as SiLU).</summary>
    Swish = 7,
    /// <summary><c>log(1 + e^x)</c>.</summary>
    Softplus = 8,
    /// <summary><c>min(max(x, 0), 6)</c> (Keras' <c>"relu6"</c>, MobileNet's activation).</summary>
    Relu6 = 9,
    /// <summary><c>x * Φ(x) = 0.5 * x * (1 + erf(x / √2))</c>, the exact form (Keras' <c>"gelu"</c> with its default <c>approximate=False</c>).</summary>
    Gelu = 10,
    /// <summary><c>scale * (x &gt; 0 ? x : alpha * (e^x - 1))</c> with Keras' constants alpha ≈ 1.67326 and scale ≈ 1.05070 (<c>"selu"</c>).</summary>
    Selu = 11,
    /// <summary><c>x * relu6(x + 3) / 6</c> (Keras' <c>"hard_swish"</c>, MobileNetV3's activation).</summary>
    HardSwish = 12,
}

/// <summary>How a convolution or pooling window treats the border, as in Keras.</summary>
public enum Padding
{
    /// <summary>No padding: windows lie entirely inside the input.</summary>
    Valid = 0,
    /// <summary>Zero padding so that <c>output = ceil(input / stride)</c>; the odd pixel goes bottom/right.</summary>
    Same = 1,
}

/// <summary>How <see cref="UpSampling2DAttribute"/> fills the new pixels.</summary>
public enum Interpolation
{
    /// <summary>Repeat each pixel (Keras' default).</summary>
    Nearest = 0,
    /// <summary>Bilinear with half-pixel centres (Keras/TensorFlow and PyTorch <c>align_corners=False</c>).</summary>
    Bilinear = 1,
    /// <summary>"Bed of nails": each value at the top-left of its block, zeros elsewhere.</summary>
    BedOfNails = 2,
    /// <summary>
    /// Max-unpooling: each value goes back to the cell its window's maximum came from in the
    /// <see cref="UpSampling2DAttribute.PoolingLayer"/> (a MaxPooling2D), zeros elsewhere.
    /// </summary>
    MaxUnpooling = 3,
}

/// <summary>The axes <see cref="RandomFlipAttribute"/> flips along (Keras' <c>mode</c>).</summary>
public enum FlipMode
{
    /// <summary>Left-right (Keras' <c>"horizontal"</c>).</summary>
    Horizontal = 0,
    /// <summary>Top-bottom (Keras' <c>"vertical"</c>).</summary>
    Vertical = 1,
    /// <summary>Each axis with its own coin (Keras' default, <c>"horizontal_and_vertical"</c>).</summary>
    HorizontalAndVertical = 2,
}

/// <summary>How the augmentation layers fill pixels that a transform brings in from outside the image (Keras' <c>fill_mode</c>).</summary>
public enum FillMode
{
    /// <summary>Mirror about the edge, <c>d c b a | a b c d | d c b a</c> (Keras' default).</summary>
    Reflect = 0,
    /// <summary>Wrap around, <c>a b c d | a b c d | a b c d</c>.</summary>
    Wrap = 1,
    /// <summary>Zeros (Keras' <c>fill_value</c> 0).</summary>
    Constant = 2,
    /// <summary>Repeat the edge pixel, <c>a a a a | a b c d | d d d d</c>.</summary>
    Nearest = 3,
}
