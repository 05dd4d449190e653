using Generated;

namespace GanSample;

/// <summary>
/// <see cref="Generator"/> told which digit to draw: the same layers, its 100 noise values followed by the digit's
/// one-hot code (<see cref="LabelConditioning.Digits"/>), as in Keras' conditional GAN example.
/// </summary>
/// <remarks>
/// The seed's GAN draws whatever digit its noise leads to. A generator is a continuous map, so from one connected
/// Gaussian it must also draw the shapes on the way from one digit to the next, which the classifier doubts: about a
/// fifth of the unconditional generator's digits (see <see cref="Generator"/>'s measures). Given the label, the noise
/// only has to vary the handwriting within one digit, and the discriminator, which sees the label too, rejects a digit
/// that is not the one asked for. The layers are <see cref="Generator"/>'s, repeated: the generator reads a network
/// from its own class's attributes, so the list is written again, the same but for the input size, which keeps the two
/// GANs' measures comparable.
/// </remarks>
[Network(100 + 10)]
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
public partial class ConditionalGenerator;

/// <summary>
/// <see cref="Discriminator"/> shown which digit the image should be: the same layers over 28x28 pixels of 11
/// channels, the image's value and the label's one-hot code (<see cref="LabelConditioning.Digits"/>).
/// </summary>
[Network(28, 28, 1 + 10)]
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
public partial class ConditionalDiscriminator;

/// <summary>A GAN's network whose weights, moving statistics included, can go through a stream (the generated <c>SaveWeights</c>/<c>LoadWeights</c>).</summary>
public interface IGanNetwork : INetwork
{
    /// <summary>Writes every tensor, trainable or not, as safetensors.</summary>
    void SaveWeights(Stream stream);

    /// <summary>Reads every tensor written by <see cref="SaveWeights(Stream)"/>.</summary>
    void LoadWeights(Stream stream);
}

// The generated classes already have both members; declaring the interface lets the loop take either GAN.
public partial class Generator : IGanNetwork;

public partial class Discriminator : IGanNetwork;

public partial class ConditionalGenerator : IGanNetwork;

public partial class ConditionalDiscriminator : IGanNetwork;
