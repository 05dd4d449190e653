using Generated;

namespace AutoencoderSample;

/// <summary>
/// The tutorial's convolutional autoencoder, layer for layer, with its variable names as layer names (so the
/// weight file reads <c>encode_conv_layer_1.kernel</c>, ...): 28x28x1 -> 7x7x8 code -> 28x28x1 in [0, 1].
/// </summary>
/// <remarks>
/// <code>
/// encode_conv_layer_1 = Conv2D(16, (3, 3), activation='relu', padding='same')
/// encode_pool_layer_1 = MaxPooling2D((2, 2), padding='same')
/// encode_conv_layer_2 = Conv2D(8, (3, 3), activation='relu', padding='same')
/// encode_pool_layer_2 = MaxPooling2D((2, 2), padding='same')
/// decode_conv_layer_1 = Conv2D(4, (3, 3), activation='relu', padding='same')
/// decode_upsample_layer_1 = UpSampling2D((2, 2))
/// decode_conv_layer_2 = Conv2D(16, (3, 3), activation='relu', padding='same')
/// decode_upsample_layer_2 = UpSampling2D((2, 2))
/// decode_conv_layer_3 = Conv2D(1, (3, 3), activation='sigmoid', padding='same')
/// </code>
/// The tutorial prints the first encoder and decoder layers (16 filters and a same-padded pooling; 4 filters and an
/// up-sampling); the lines it leaves out follow the Keras blog's "Building Autoencoders in Keras" model: a second
/// 8-filter encoder block, a decoder mirroring the encoder, and a 1-filter sigmoid output for binary cross-entropy.
/// </remarks>
[Network(28, 28, 1)]
[Conv2D(16, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "encode_conv_layer_1")]
[MaxPooling2D(2, Padding = Padding.Same, Name = "encode_pool_layer_1")]
[Conv2D(8, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "encode_conv_layer_2")]
[MaxPooling2D(2, Padding = Padding.Same, Name = "encode_pool_layer_2")]
[Conv2D(4, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "decode_conv_layer_1")]
[UpSampling2D(2, Name = "decode_upsample_layer_1")]
[Conv2D(16, 3, Activation = Activation.Relu, Padding = Padding.Same, Name = "decode_conv_layer_2")]
[UpSampling2D(2, Name = "decode_upsample_layer_2")]
[Conv2D(1, 3, Activation = Activation.Sigmoid, Padding = Padding.Same, Name = "decode_conv_layer_3")]
public partial class ConvAutoencoder;
