using Generated;

namespace AutoencoderSample;

// The tutorial's autoencoder (ConvAutoencoder.cs, whose UpSampling2D layers repeat pixels: the "nearest" kind) with
// its two decoder up-samplings done the other ways the tutorial lists ("Upsampling의 종류": nearest neighbour, bed of
// nails, max-unpooling), bilinear as Keras' other UpSampling2D interpolation, and learned by transposed convolutions.
// The encoder, the layer names and the 1-filter sigmoid output stay the tutorial's, so the models differ only in how
// the 7x7 code grows back to 28x28.

/// <summary>The tutorial's autoencoder with bilinear up-sampling (Keras' <c>UpSampling2D(interpolation='bilinear')</c>).</summary>
[Network(28, 28, 1)]
[Conv2D(16, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "encode_conv_layer_1")]
[MaxPooling2D(2, Padding = Padding.Same, Name = "encode_pool_layer_1")]
[Conv2D(8, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "encode_conv_layer_2")]
[MaxPooling2D(2, Padding = Padding.Same, Name = "encode_pool_layer_2")]
[Conv2D(4, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "decode_conv_layer_1")]
[UpSampling2D(2, Interpolation = Interpolation.Bilinear, Name = "decode_upsample_layer_1")]
[Conv2D(16, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "decode_conv_layer_2")]
[UpSampling2D(2, Interpolation = Interpolation.Bilinear, Name = "decode_upsample_layer_2")]
[Conv2D(1, 3, Activation = Activation.Sigmoid, Padding = Padding.Same, Name = "decode_conv_layer_3")]
public partial class BilinearAutoencoder;

/// <summary>
/// The tutorial's autoencoder with "bed of nails" up-sampling: each value at the top-left of its 2x2 block, zeros in
/// the other three cells (the following 3x3 convolution learns to fill them).
/// </summary>
[Network(28, 28, 1)]
[Conv2D(16, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "encode_conv_layer_1")]
[MaxPooling2D(2, Padding = Padding.Same, Name = "encode_pool_layer_1")]
[Conv2D(8, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "encode_conv_layer_2")]
[MaxPooling2D(2, Padding = Padding.Same, Name = "encode_pool_layer_2")]
[Conv2D(4, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "decode_conv_layer_1")]
[UpSampling2D(2, Interpolation = Interpolation.BedOfNails, Name = "decode_upsample_layer_1")]
[Conv2D(16, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "decode_conv_layer_2")]
[UpSampling2D(2, Interpolation = Interpolation.BedOfNails, Name = "decode_upsample_layer_2")]
[Conv2D(1, 3, Activation = Activation.Sigmoid, Padding = Padding.Same, Name = "decode_conv_layer_3")]
public partial class BedOfNailsAutoencoder;

/// <summary>
/// The tutorial's autoencoder with max-unpooling (SegNet's decoder): each up-sampling puts its values back in the cells
/// the mirrored encoder pooling took its maxima from, zeros elsewhere.
/// </summary>
/// <remarks>
/// Unpooling restores the pooling's input shape, channels included, so the first decoder convolution has the 8 filters
/// of <c>encode_pool_layer_2</c>'s input instead of the tutorial's 4 (the second already has the 16 of
/// <c>encode_pool_layer_1</c>'s input, so it reads 8 channels): 3,217 parameters against the other kinds' 2,349.
/// </remarks>
[Network(28, 28, 1)]
[Conv2D(16, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "encode_conv_layer_1")]
[MaxPooling2D(2, Padding = Padding.Same, Name = "encode_pool_layer_1")]
[Conv2D(8, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "encode_conv_layer_2")]
[MaxPooling2D(2, Padding = Padding.Same, Name = "encode_pool_layer_2")]
[Conv2D(8, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "decode_conv_layer_1")]
[UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = "encode_pool_layer_2", Name = "decode_upsample_layer_1")]
[Conv2D(16, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "decode_conv_layer_2")]
[UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = "encode_pool_layer_1", Name = "decode_upsample_layer_2")]
[Conv2D(1, 3, Activation = Activation.Sigmoid, Padding = Padding.Same, Name = "decode_conv_layer_3")]
public partial class MaxUnpoolingAutoencoder;

/// <summary>
/// The tutorial's autoencoder with learned up-sampling: each "3x3 convolution, then UpSampling2D(2)" pair of the decoder
/// is one 3x3 <c>Conv2DTranspose</c> with strides 2 (7x7 -> 14x14 -> 28x28), with the same filters and parameter count.
/// </summary>
/// <remarks>
/// The tutorial's own Conv2DTranspose line keeps strides 1 and the UpSampling2D after it; a stride-1, same-padded
/// transposed convolution is a convolution with its kernel turned round, so that model is the nearest kind again.
/// Strides 2 make the transposed convolution do the up-sampling, as in Keras' "Convolutional autoencoder for image
/// denoising" example.
/// </remarks>
[Network(28, 28, 1)]
[Conv2D(16, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "encode_conv_layer_1")]
[MaxPooling2D(2, Padding = Padding.Same, Name = "encode_pool_layer_1")]
[Conv2D(8, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "encode_conv_layer_2")]
[MaxPooling2D(2, Padding = Padding.Same, Name = "encode_pool_layer_2")]
[Conv2DTranspose(4, 3, Strides = 2, Activation = Activation.Relu, Padding = Padding.Same, Name = "decode_conv_layer_1")]
[Conv2DTranspose(16, 3, Strides = 2, Activation = Activation.Relu, Padding = Padding.Same, Name = "decode_conv_layer_2")]
[Conv2D(1, 3, Activation = Activation.Sigmoid, Padding = Padding.Same, Name = "decode_conv_layer_3")]
public partial class TransposedConvAutoencoder;
