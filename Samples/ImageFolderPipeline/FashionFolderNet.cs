using Generated;

namespace ImageFolderPipelineSample;

/// <summary>
/// The flowers tutorial's model, sized for 28x28 grey clothing: Rescaling(1/255) and data-augmentation layers first
/// (active only in training), two convolution blocks, dropout and a dense head ending in logits, as
/// <c>layers.Dense(num_classes)</c> with <c>SparseCategoricalCrossentropy(from_logits=True)</c>.
/// </summary>
[Network(28, 28, 1)]
[Rescaling(1.0 / 255)]
[RandomFlip(FlipMode.Horizontal)]
[RandomTranslation(0.08, 0.08)]
[RandomZoom(0.1)]
[Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dropout(0.3)]
[Dense(128, Activation = Activation.Relu)]
[Dense(10)]
public partial class FashionFolderNet;
