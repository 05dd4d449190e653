using Generated;

namespace GanSample;

/// <summary>
/// The generator of the seed's convolutional GAN in DCGAN form: transposed convolutions with batch normalization and
/// LeakyReLU(0.02) between them, tanh at the end. 100 noise values -> 7x7x128 -> 14x14x64 -> 28x28x32 -> a 28x28x1 image
/// in [-1, 1].
/// </summary>
/// <remarks>
/// In PyTorch, as the seed writes its networks:
/// <code>
/// nn.Linear(100, 128*7*7, bias=False), View((128, 7, 7)), nn.BatchNorm2d(128), nn.LeakyReLU(0.02),
/// nn.ConvTranspose2d(128, 64, kernel_size=4, stride=2, padding=1, bias=False), nn.BatchNorm2d(64), nn.LeakyReLU(0.02),
/// nn.ConvTranspose2d(64, 32, kernel_size=4, stride=2, padding=1, bias=False), nn.BatchNorm2d(32), nn.LeakyReLU(0.02),
/// nn.Conv2d(32, 1, kernel_size=3, padding=1), nn.Tanh()
/// </code>
/// The widths are twice the seed's (64 and 32 there), as DCGAN's MNIST versions usually have them: the seed's widths left
/// half the generated digits unrecognisable after 8 epochs. The 28x28x32 stage before a 3x3 output convolution gives the
/// strokes layers of their own at full resolution; without it (the transposed convolution drawing the 28x28x1 image
/// directly) the digits were as often recognised but the classes less even (smallest class 3.3% against 7.3%).
/// Batch normalization keeps its moving statistics with momentum 0.9 (PyTorch's 0.1) rather than Keras' 0.99, so the
/// digits drawn in inference mode (Predict) already use settled statistics after a few hundred steps.
/// <para>
/// Measured on the way (seed 1, share of 1,000 digits classified with confidence at least 0.9 / smallest class; one
/// thread each, two runs at a time): without the 28x28 stage, constant rate, 6 epochs 66.7% / 4.2%; cosine decay,
/// 15 epochs 67.5% / 3.3%. With it (the default), cosine decay, 12 epochs 68.3% / 7.3%; plus two generator steps per
/// discriminator step 65.4% / 6.6% after 4 epochs; a discriminator with dropout 0.3 instead of batch normalization
/// (TensorFlow's DCGAN tutorial) 67.6% / 5.8% after 7; an InfoGAN categorical code (10 codes, a recognition network)
/// 69.2% / 4.9% after 8. Every variant levelled off at 65-69%. The classifier is not what stops them: it is confident on
/// 96.8% of real test digits, 96.7% binarized and 94.6% with strokes thickened by a pixel. A third of the generated
/// digits are shapes between two digits, which a generator mapping one connected noise space onto ten separate
/// classes draws where it passes from one class to the next.
/// </para>
/// </remarks>
[Network(100)]
[Dense(7 * 7 * 128, UseBias = false)]
[Reshape(7, 7, 128)]
[BatchNormalization(Momentum = 0.9)]
[LeakyReLU(0.02)]
[Conv2DTranspose(64, 4, Strides = 2, Padding = Padding.Same, UseBias = false)]
[BatchNormalization(Momentum = 0.9)]
[LeakyReLU(0.02)]
[Conv2DTranspose(32, 4, Strides = 2, Padding = Padding.Same, UseBias = false)]
[BatchNormalization(Momentum = 0.9)]
[LeakyReLU(0.02)]
[Conv2D(1, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
public partial class Generator;

/// <summary>
/// The discriminator of the seed's convolutional GAN in DCGAN form: strided convolutions, LeakyReLU(0.02), batch
/// normalization after the second one: the probability that a 28x28x1 image in [-1, 1] is a real digit.
/// </summary>
/// <remarks>
/// <code>
/// nn.Conv2d(1, 64, kernel_size=4, stride=2, padding=1), nn.LeakyReLU(0.02),
/// nn.Conv2d(64, 128, kernel_size=4, stride=2, padding=1, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.02),
/// View(128*7*7), nn.Linear(128*7*7, 1), nn.Sigmoid()
/// </code>
/// DCGAN leaves batch normalization out of the discriminator's first layer (it would normalise the raw pixels).
/// </remarks>
[Network(28, 28, 1)]
[Conv2D(64, 4, Strides = 2, Padding = Padding.Same)]
[LeakyReLU(0.02)]
[Conv2D(128, 4, Strides = 2, Padding = Padding.Same, UseBias = false)]
[BatchNormalization(Momentum = 0.9)]
[LeakyReLU(0.02)]
[Flatten]
[Dense(1, Activation = Activation.Sigmoid)]
public partial class Discriminator;
