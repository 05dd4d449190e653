using System.Globalization;
using System.Text;
using Generated;

namespace ClassicCnnsSample;

/// <summary>One declared network as the sample prints it: name, input, Keras-style summary and parameter count.</summary>
/// <param name="Name">The network's usual name.</param>
/// <param name="Input">Its input shape (one sample).</param>
/// <param name="Summary">The generated <c>Summary</c>.</param>
/// <param name="ParameterCount">The generated <c>ParameterCount</c>.</param>
/// <param name="MultiplyAddsPerSample">The generated <c>MultiplyAddsPerSample</c>: multiply-adds of one forward pass.</param>
public sealed record ClassicNetwork(string Name, TensorShape Input, string Summary, int ParameterCount, long MultiplyAddsPerSample);

/// <summary>
/// LeNet-5, AlexNet and VGG16 read from their generated constants: their summaries and parameter counts need no instance,
/// so nothing the size of AlexNet's 62 million or VGG16's 138 million parameters is allocated.
/// </summary>
public static class ClassicNetworks
{
    /// <summary>The three networks, oldest first.</summary>
    public static IReadOnlyList<ClassicNetwork> All { get; } =
    [
        new("LeNet-5", LeNet5.InputShape, LeNet5.Summary, LeNet5.ParameterCount, LeNet5.MultiplyAddsPerSample),
        new("AlexNet", AlexNet.InputShape, AlexNet.Summary, AlexNet.ParameterCount, AlexNet.MultiplyAddsPerSample),
        new("VGG16", Vgg16.InputShape, Vgg16.Summary, Vgg16.ParameterCount, Vgg16.MultiplyAddsPerSample),
    ];

    /// <summary>Writes every summary and a line with the parameter count.</summary>
    public static void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var network in All)
        {
            output.WriteLine(Line($"{network.Name}, input {network.Input}:"));
            output.WriteLine(network.Summary);
            output.WriteLine(Line($"{network.Name} parameters: {network.ParameterCount:N0}"));
            output.WriteLine();
        }
    }

    /// <summary>A Markdown page: a table of the three networks' sizes, then each summary.</summary>
    public static string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("# Classic CNNs declared with Generated").AppendLine();
        text.AppendLine("| Network | Input | Parameters | Multiply-adds per image |");
        text.AppendLine("| --- | --- | ---: | ---: |");
        foreach (var network in All)
        {
            text.AppendLine(Line($"| {network.Name} | {network.Input} | {network.ParameterCount:N0} | {network.MultiplyAddsPerSample:N0} |"));
        }
        foreach (var network in All)
        {
            text.AppendLine().AppendLine(Line($"## {network.Name}")).AppendLine().AppendLine("```").AppendLine(network.Summary.TrimEnd()).AppendLine("```");
        }
        return text.ToString();
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
