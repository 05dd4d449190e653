using Generated;

namespace ClassicCnnsSample;

/// <summary>
/// LeNet-5 (LeCun, Bottou, Bengio and Haffner, "Gradient-based learning applied to document recognition", 1998) for
/// MNIST's 28x28 digits: C1 6@5x5, S2 2x2 average pooling, C3 16@5x5, S4 2x2 average pooling, C5 120@5x5, F6 84, and
/// 10 outputs; 61,706 parameters.
/// </summary>
/// <remarks>
/// Choices, and why:
/// <list type="bullet">
/// <item>32x32 input as in the paper, by <c>ZeroPadding2D(2)</c> around the 28x28 digit (the paper centred MNIST's
/// 20x20 digits in a 32x32 field so strokes reach the centre of C1's receptive fields at the edge); every convolution
/// is then Valid, and the shapes are the paper's: 28x28x6, 14x14x6, 10x10x16, 5x5x16, 1x1x120.</item>
/// <item>tanh, the paper's squashing function (it used the scaled <c>1.7159 tanh(2x/3)</c>; plain tanh trains the same
/// here), not ReLU, which came a decade later.</item>
/// <item>Average pooling for S2 and S4. The paper's subsampling also multiplied each map by a trained coefficient, added a
/// trained bias and squashed the result; the convolution after it absorbs the scale and bias, so the pooling is kept
/// weightless as in most re-implementations (12 + 32 parameters fewer).</item>
/// <item>C3 reads all six S2 maps. The paper's connection table wired each of C3's 16 maps to a subset of 3, 4 or 6
/// maps to break symmetry and save computation (1,516 parameters instead of 2,416); random initialisation breaks the
/// symmetry as well, and grouped convolutions cannot express that irregular table.</item>
/// <item>C5 is a 5x5 convolution over the 5x5x16 maps (1x1x120 out), as in the paper, rather than Flatten + Dense:
/// the same 48,120 weights, and the layer stays a convolution if the input grows.</item>
/// <item>Softmax outputs and cross-entropy instead of the paper's Euclidean RBF units with their MAP loss; trained
/// with Adam.</item>
/// </list>
/// </remarks>
[Network(28, 28, 1)]
[ZeroPadding2D(2)]
[Conv2D(6, 5, Activation = Activation.Tanh, Name = "c1")]
[AveragePooling2D(2, Name = "s2")]
[Conv2D(16, 5, Activation = Activation.Tanh, Name = "c3")]
[AveragePooling2D(2, Name = "s4")]
[Conv2D(120, 5, Activation = Activation.Tanh, Name = "c5")]
[Flatten]
[Dense(84, Activation = Activation.Tanh, Name = "f6")]
[Dense(10, Activation = Activation.Softmax, Name = "output")]
public partial class LeNet5;
