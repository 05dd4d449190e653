// Feature maps of the trained MNIST convnet, as the seed's tf.nn.conv2d document shows them: one test digit through the
// network, every convolution's output channels (the generated LayerOutput(name) after Forward) and the first layer's
// kernels. `dotnet run -c Release --project Samples/FeatureMaps` writes artifacts/feature-maps/.
using System.CommandLine;
using FeatureMapsSample;
using Generated.Data;

var output = new Option<DirectoryInfo>("--output")
{
    Description = "Folder for the pictures.",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "feature-maps")),
};
var weights = new Option<string>("--weights")
{
    Description = "The trained MNIST convnet's weights (Samples/MnistWeights, or saved by Samples/Mnist).",
    DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "mnist_convnet.safetensors"),
};
var index = new Option<int>("--index") { Description = "Which MNIST test digit to look at.", DefaultValueFactory = _ => 0 };

var command = new RootCommand("Writes PNGs of every convolution's feature maps for one MNIST test digit and of the first layer's kernels.")
{
    output, weights, index,
};
command.SetAction(result =>
{
    try
    {
        var test = Mnist.Load().Test.Rescale(1f / 255);
        FeatureMapsJob.Run(result.GetValue(weights)!, test, result.GetValue(index), result.GetValue(output)!, Console.Out);
        return 0;
    }
    catch (Exception e) when (e is ArgumentException or FileNotFoundException)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
});
return command.Parse(args).Invoke();
