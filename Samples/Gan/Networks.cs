using Generated;

namespace GanSample;

/// <summary>
/// The DCGAN generator, scaled down from TensorFlow's DCGAN tutorial (Dense 7x7x256, three Conv2DTranspose 5x5)
/// to train in minutes on two cores: 100 noise values -> 7x7x64 -> 14x14x32 -> a 28x28x1 image in [-1, 1].
/// </summary>
/// <remarks>
/// <code>
/// layers.Dense(7 * 7 * 64, use_bias=False, input_shape=(100,)), layers.Reshape((7, 7, 64)),
/// layers.BatchNormalization(), layers.LeakyReLU(0.2),
/// layers.Conv2DTranspose(32, (4, 4), strides=(2, 2), padding='same', use_bias=False),
/// layers.BatchNormalization(), layers.LeakyReLU(0.2),
/// layers.Conv2DTranspose(1, (4, 4), strides=(2, 2), padding='same', activation='tanh')
/// </code>
/// Batch normalization tracks its moving statistics with momentum 0.9 (PyTorch's 0.1) rather than Keras' 0.99, so
/// the images drawn in inference mode after a few hundred steps already use settled statistics.
/// </remarks>
[Network(100)]
[Dense(7 * 7 * 64, UseBias = false)]
[Reshape(7, 7, 64)]
[BatchNormalization(Momentum = 0.9)]
[LeakyReLU(0.2)]
[Conv2DTranspose(32, 4, Strides = 2, Padding = Padding.Same, UseBias = false)]
[BatchNormalization(Momentum = 0.9)]
[LeakyReLU(0.2)]
[Conv2DTranspose(1, 4, Strides = 2, Padding = Padding.Same, Activation = Activation.Tanh)]
public partial class Generator;

/// <summary>
/// The DCGAN discriminator, scaled down like <see cref="Generator"/>: the probability that a 28x28x1 image in [-1, 1]
/// is a real digit.
/// </summary>
/// <remarks>
/// <code>
/// layers.Conv2D(32, (4, 4), strides=(2, 2), padding='same', input_shape=[28, 28, 1]), layers.LeakyReLU(0.2), layers.Dropout(0.3),
/// layers.Conv2D(64, (4, 4), strides=(2, 2), padding='same'), layers.LeakyReLU(0.2), layers.Dropout(0.3),
/// layers.Flatten(), layers.Dense(1, activation='sigmoid')
/// </code>
/// </remarks>
[Network(28, 28, 1)]
[Conv2D(32, 4, Strides = 2, Padding = Padding.Same)]
[LeakyReLU(0.2)]
[Dropout(0.3)]
[Conv2D(64, 4, Strides = 2, Padding = Padding.Same)]
[LeakyReLU(0.2)]
[Dropout(0.3)]
[Flatten]
[Dense(1, Activation = Activation.Sigmoid)]
public partial class Discriminator;
