using Generated;

namespace GanSample;

/// <summary>
/// The generator of the seed's convolutional GAN in DCGAN form: transposed convolutions with batch normalization and
/// LeakyReLU(0.02) between them, tanh at the end. 100 noise values -> 7x7x256 -> 14x14x128 -> 28x28x64 -> a 28x28x1
/// image in [-1, 1].
/// </summary>
/// <remarks>
/// In PyTorch, as the seed writes its networks:
/// <code>
/// nn.Linear(100, 256*7*7, bias=False), View((256, 7, 7)), nn.BatchNorm2d(256), nn.LeakyReLU(0.02),
/// nn.ConvTranspose2d(256, 128, kernel_size=4, stride=2, padding=1, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.02),
/// nn.ConvTranspose2d(128, 64, kernel_size=4, stride=2, padding=1, bias=False), nn.BatchNorm2d(64), nn.LeakyReLU(0.02),
/// nn.Conv2d(64, 1, kernel_size=3, padding=1), nn.Tanh()
/// </code>
/// The widths are four times the seed's (64 and 32 there) and twice DCGAN's usual MNIST ones, and the 28x28x64 stage
/// before a 3x3 output convolution gives the strokes layers of their own at full resolution: at the seed's widths half
/// the digits were unrecognisable after 8 epochs, and capacity, in the generator and in the discriminator, is what
/// moved the measure most of everything tried. Batch normalization keeps its moving statistics with momentum 0.9
/// (PyTorch's 0.1) rather than Keras' 0.99, so the digits drawn in inference mode (Predict) use settled statistics.
/// <para>
/// Measured (seed 1, 12 epochs unless stopped, cosine decay; share of 1,000 digits classified with confidence at least
/// 0.9 / smallest class; one thread each, two runs at a time):
/// <list type="bullet">
/// <item>DCGAN's MNIST widths (128/64/32 here, discriminator 64/128): 68.3% / 7.3%; every variant of it levelled off at
/// 65-71%: a constant rate 66.7% (6 epochs), two generator steps per discriminator step 65.4% (4), a discriminator with
/// dropout instead of batch normalization 67.6% (7) or with LeakyReLU(0.2) 67.3% (8), learning rates 1e-4 / 4e-4
/// (TTUR) 61.9% (4), an InfoGAN code 69.2% (8), a mixture of 30 Gaussians as the noise (<see cref="NoisePrior"/>,
/// means spread 0.35) 70.6%.</item>
/// <item>The same generator with a third discriminator convolution (256 filters, 4x4x256): 75.7% / 7.3%.</item>
/// <item>Both at twice the widths (these networks, the default): 79.2% / 8.6% after 12 epochs, 78.4-79.6% from the
/// seventh on; the nearest other digit at 5.99 (median) against 5.24 for as many real digits, so no copies. 3,222 s at
/// one thread beside another training.</item>
/// <item>The same, 16 epochs, with a moving average of the generator's weights (<c>--average 0.999</c>) measured beside the
/// trained weights (trained / averaged, smallest class): seed 1 80.1% / 79.7%, 8.1%; seed 2 78.4% / 77.8%, 7.5%. Neither
/// the four extra epochs nor the average moves the share by more than the measure's own spread (one standard error
/// of a share near 80% of 1,000 digits is 1.3 points), so the default stays at 12 epochs without the average.</item>
/// <item>Top-k training (Sinha et al. 2020: the generator learns only from the fakes the discriminator scores highest,
/// a share shrinking by 0.9 per epoch to half the batch): 78.3% after epoch 5 but 78.0-79.4% from then on, and the
/// weights after epoch 10 measured 76.0-76.7% on fresh noise; not kept.</item>
/// <item>A discriminator at 1.5 times these widths (96/192/384 filters; 25.4 million multiply-adds per sample against 11.3),
/// 12 epochs, seed 1: 73.7% after epoch 3, 76.5% after 5, 78.6-79.5% from epoch 7 on, 79.5% / 8.0% at the end; its
/// weights measured 79.3% and 79.9% of 10,000 digits on two noise draws (this default's: 77.8%) and the pick of 2
/// 83.2-83.9%. About 1.7 times the wall time (5,502 s at one thread beside other work), for 1.5-2 points that still
/// leave the generator's own digits under 80%, so the default keeps these widths. Twice the widths (128/256/512)
/// doubles a step's cost; it was stopped after one epoch (62.5%) for time.</item>
/// <item>Neither the generator's own measure nor its spread moved with 10,000 digits instead of 1,000, with noise
/// scaled by 0.5-1 (truncation), or with batch statistics instead of the moving ones: the default run's weights measured
/// 77.8% of 10,000.</item>
/// <item>The discriminator's pick of 2 candidates per digit (<see cref="DiscriminatorPick"/>, the default's last step)
/// on the saved weights, two noise draws each: the 12-epoch run 82.6% and 82.0% (its own digits 79.7% and 79.6%), every
/// class at least 6.6%; the 16-epoch runs 83.3-84.7%. The nearest other digit stays at 5.7-5.8 (real digits 5.24), so
/// the pick does not fall back on a few favourite images.</item>
/// </list>
/// Told which digit to draw (<see cref="ConditionalGenerator"/>, <c>--conditional</c>: the same layers, the label as a
/// one-hot code to both networks), the generator no longer has to pass between digits: 84.0% confident after the first
/// epoch and 98.4% after 12 (98.2% confidently the digit asked for, every class at least 9.9%, the nearest other digit
/// at 5.75), seed 1; seed 2 with 4 epochs 88.1% after the first and 98.1% at the end (98.1% the digit asked for).
/// </para>
/// <para>
/// A mixture whose means lie far apart (spread 1) raised the share early (75.8% after one epoch) by drawing one image
/// per mode: the median distance to the nearest other digit fell to 28% of real digits'. The measure prints that
/// distance so such a collapse shows.
/// </para>
/// </remarks>
[Network(100)]
[Dense(7 * 7 * 256, UseBias = false)]
[Reshape(7, 7, 256)]
[BatchNormalization(Momentum = 0.9)]
[LeakyReLU(0.02)]
[Conv2DTranspose(128, 4, Strides = 2, Padding = Padding.Same, UseBias = false)]
[BatchNormalization(Momentum = 0.9)]
[LeakyReLU(0.02)]
[Conv2DTranspose(64, 4, Strides = 2, Padding = Padding.Same, UseBias = false)]
[BatchNormalization(Momentum = 0.9)]
[LeakyReLU(0.02)]
[Conv2D(1, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
public partial class Generator;

/// <summary>
/// The discriminator of the seed's convolutional GAN in DCGAN form: strided convolutions, LeakyReLU(0.02), batch
/// normalization after all but the first: the probability that a 28x28x1 image in [-1, 1] is a real digit.
/// </summary>
/// <remarks>
/// <code>
/// nn.Conv2d(1, 64, kernel_size=4, stride=2, padding=1), nn.LeakyReLU(0.02),
/// nn.Conv2d(64, 128, kernel_size=4, stride=2, padding=1, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.02),
/// nn.Conv2d(128, 256, kernel_size=3, stride=2, padding=1, bias=False), nn.BatchNorm2d(256), nn.LeakyReLU(0.02),
/// View(256*4*4), nn.Linear(256*4*4, 1), nn.Sigmoid()
/// </code>
/// DCGAN leaves batch normalization out of the discriminator's first layer (it would normalise the raw pixels). The
/// third convolution, down to 4x4, is DCGAN's depth for larger images; on MNIST it took the generated digits from
/// 68.3% to 75.7% recognised with the same generator.
/// </remarks>
[Network(28, 28, 1)]
[Conv2D(64, 4, Strides = 2, Padding = Padding.Same)]
[LeakyReLU(0.02)]
[Conv2D(128, 4, Strides = 2, Padding = Padding.Same, UseBias = false)]
[BatchNormalization(Momentum = 0.9)]
[LeakyReLU(0.02)]
[Conv2D(256, 3, Strides = 2, Padding = Padding.Same, UseBias = false)]
[BatchNormalization(Momentum = 0.9)]
[LeakyReLU(0.02)]
[Flatten]
[Dense(1, Activation = Activation.Sigmoid)]
public partial class Discriminator;
