using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Generated;
using ReferenceArchitectures;

// `dotnet run -c Release --project Samples/ReferenceArchitectures` prints both Keras summaries;
// `... -- predict mobilenetv2` (or resnet50) also runs one image of random pixels through the untrained network.
var model = new Argument<string>("model") { Description = "resnet50, mobilenetv2 or both.", DefaultValueFactory = _ => "both" };
var summaries = new RootCommand("Prints the Keras summaries of ResNet50 and MobileNetV2 declared as C# classes.") { model };
summaries.SetAction(result =>
{
    var which = result.GetValue(model)!;
    if (which is "both" or "resnet50")
    {
        Console.WriteLine(ResNet50.Summary);
    }
    if (which is "both" or "mobilenetv2")
    {
        Console.WriteLine(MobileNetV2.Summary);
    }
    return which is "both" or "resnet50" or "mobilenetv2" ? 0 : Fail(which);
});

var predict = new Command("predict", "Runs one 224x224x3 image of random pixels through the untrained network and prints the top class.") { model };
predict.SetAction(result => result.GetValue(model) switch
{
    "resnet50" => Predict(new ResNet50(), ResNet50.InputSize, ResNet50.OutputSize),
    "mobilenetv2" or "both" => Predict(new MobileNetV2(), MobileNetV2.InputSize, MobileNetV2.OutputSize),
    var other => Fail(other ?? "(none)"),
});
summaries.Subcommands.Add(predict);
return summaries.Parse(args).Invoke();

static int Predict(INetwork network, int inputSize, int outputSize)
{
    var random = new Random(1);
    var image = new float[inputSize];
    for (var i = 0; i < image.Length; i++)
    {
        image[i] = random.NextSingle();
    }
    var scores = new float[outputSize];
    var clock = Stopwatch.StartNew();
    network.Predict(image, scores);
    var top = System.Numerics.Tensors.TensorPrimitives.IndexOfMax<float>(scores);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{network.GetType().Name}: class {top} ({scores[top]:P2}), scores sum to {scores.Sum():F6}, {clock.Elapsed.TotalMilliseconds:F0} ms with the first call's set-up"));
    return 0;
}

static int Fail(string name)
{
    Console.Error.WriteLine($"Unknown model '{name}': use resnet50, mobilenetv2 or both.");
    return 1;
}
