using Generated;
using TutorialCnnSample;

// The generator turned the attributes below into constants, a Keras-style summary,
// Predict/Forward/Backward and weight I/O; this program only uses them.
Console.WriteLine(TutorialCnn.Summary);
Console.WriteLine();
Console.WriteLine($"ParameterCount = {TutorialCnn.ParameterCount:N0} (Keras: 122,570)");

// A deterministic pseudo-random 32x32x3 "image" in [0, 1): the same on every run and machine.
var random = new SeededRandom(2024);
var image = new float[TutorialCnn.InputSize];
for (var i = 0; i < image.Length; i++)
{
    image[i] = random.NextSingle();
}

var network = new TutorialCnn(seed: 42);
var scores = network.Predict(image);
var best = network.PredictClasses(image)[0];
Console.WriteLine($"Untrained prediction (seed 42): class {best}, softmax {string.Join(" ", scores.Select(s => s.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}");

namespace TutorialCnnSample
{
    /// <summary>The model from the classic Keras CNN tutorial (CIFAR-10 shape: 32x32x3).</summary>
    [Network(32, 32, 3)]
    [Conv2D(32, 3, Activation = Activation.Relu)]
    [MaxPooling2D(2)]
    [Conv2D(64, 3, Activation = Activation.Relu)]
    [MaxPooling2D(2)]
    [Conv2D(64, 3, Activation = Activation.Relu)]
    [Flatten]
    [Dense(64, Activation = Activation.Relu)]
    [Dense(10, Activation = Activation.Softmax)]
    public partial class TutorialCnn;
}
