using System.Diagnostics;
using ReferenceArchitectures;
using Xunit.Abstractions;

namespace Generated.Models.Tests;

/// <summary>
/// Keras' ResNet50 and MobileNetV2 declared as C# classes (Samples/ReferenceArchitectures), compiled by the real build:
/// their parameter counts equal Keras' <c>count_params()</c> and their summaries reproduce Keras 2's functional layer
/// table row by row. The expected rows are written out from keras/applications/resnet.py and mobilenet_v2.py (TensorFlow
/// cannot be installed here): the layer names those files give, the shapes their strides and paddings produce, the
/// parameters of each layer's weights, and Keras' graph-depth order of a functional model's layers.
/// </summary>
public sealed class ReferenceArchitecturesTests(ITestOutputHelper output)
{
    /// <summary>
    /// Keras names the model's input <c>input_1</c> (the first <c>layers.Input()</c> of a session); the contract names it
    /// <c>input</c>, the one name in the table that differs.
    /// </summary>
    private const string KerasInput = "input_1";

    [Fact]
    public void ResNet50_counts_parameters_as_keras()
    {
        Assert.Equal(25_636_712, ResNet50.ParameterCount);
        Assert.Equal(25_636_712 - 53_120, ResNet50.TrainableParameterCount);
        Assert.Equal(176, ResNet50.Layers.Count); // Keras' 177 layers less its InputLayer
        Assert.Contains("\nTotal params: 25,636,712\nTrainable params: 25,583,592\nNon-trainable params: 53,120\n", ResNet50.Summary);
    }

    [Fact]
    public void MobileNetV2_counts_parameters_as_keras()
    {
        Assert.Equal(3_538_984, MobileNetV2.ParameterCount);
        Assert.Equal(3_538_984 - 34_112, MobileNetV2.TrainableParameterCount);
        // Keras' 156 layers less its InputLayer (the base model without the top two, the transfer-learning tutorial's, has 154).
        Assert.Equal(155, MobileNetV2.Layers.Count);
        Assert.Contains("\nTotal params: 3,538,984\nTrainable params: 3,504,872\nNon-trainable params: 34,112\n", MobileNetV2.Summary);
    }

    [Fact]
    public void ResNet50_summary_matches_keras_through_the_first_stage_and_at_the_top()
    {
        // ResNet(): conv1_pad ((3, 3), (3, 3)), conv1_conv 7x7/2 with bias (7*7*3*64 + 64), conv1_bn (4*64), conv1_relu,
        // pool1_pad ((1, 1), (1, 1)), pool1_pool 3x3/2 Valid: 114 -> 56.
        var stem = new[]
        {
            Layer("input_1 (InputLayer)", "[(None, 224, 224, 3)]", 0),
            Layer("conv1_pad (ZeroPadding2D)", "(None, 230, 230, 3)", 0, KerasInput),
            Layer("conv1_conv (Conv2D)", "(None, 112, 112, 64)", 9472, "conv1_pad"),
            Layer("conv1_bn (BatchNormalization)", "(None, 112, 112, 64)", 256, "conv1_conv"),
            Layer("conv1_relu (Activation)", "(None, 112, 112, 64)", 0, "conv1_bn"),
            Layer("pool1_pad (ZeroPadding2D)", "(None, 114, 114, 64)", 0, "conv1_relu"),
            Layer("pool1_pool (MaxPooling2D)", "(None, 56, 56, 64)", 0, "pool1_pad"),
        };
        // stack1(x, 64, 3, stride1=1, name='conv2'): block1 with conv_shortcut=True, then two identity blocks. Keras lists a
        // functional model's layers by graph depth, so the shortcut's _0_conv comes right before _3_conv, _0_bn before _3_bn.
        var rows = new List<string[]>(stem);
        rows.AddRange(Bottleneck("conv2_block1", "pool1_pool", inputChannels: 64, shortcut: true));
        rows.AddRange(Bottleneck("conv2_block2", "conv2_block1_out", inputChannels: 256, shortcut: false));
        rows.AddRange(Bottleneck("conv2_block3", "conv2_block2_out", inputChannels: 256, shortcut: false));
        var top = new[]
        {
            Layer("avg_pool (GlobalAveragePooling2D)", "(None, 2048)", 0, "conv5_block3_out"),
            Layer("predictions (Dense)", "(None, 1000)", 2_049_000, "avg_pool"),
        };
        AssertTable(ResNet50.Summary, rows, top);

        static IEnumerable<string[]> Bottleneck(string name, string input, int inputChannels, bool shortcut)
        {
            var shape64 = "(None, 56, 56, 64)";
            var shape256 = "(None, 56, 56, 256)";
            yield return Layer($"{name}_1_conv (Conv2D)", shape64, inputChannels * 64 + 64, input);
            yield return Layer($"{name}_1_bn (BatchNormalization)", shape64, 256, $"{name}_1_conv");
            yield return Layer($"{name}_1_relu (Activation)", shape64, 0, $"{name}_1_bn");
            yield return Layer($"{name}_2_conv (Conv2D)", shape64, 3 * 3 * 64 * 64 + 64, $"{name}_1_relu");
            yield return Layer($"{name}_2_bn (BatchNormalization)", shape64, 256, $"{name}_2_conv");
            yield return Layer($"{name}_2_relu (Activation)", shape64, 0, $"{name}_2_bn");
            if (shortcut)
            {
                yield return Layer($"{name}_0_conv (Conv2D)", shape256, inputChannels * 256 + 256, input);
            }
            yield return Layer($"{name}_3_conv (Conv2D)", shape256, 64 * 256 + 256, $"{name}_2_relu");
            if (shortcut)
            {
                yield return Layer($"{name}_0_bn (BatchNormalization)", shape256, 1024, $"{name}_0_conv");
            }
            yield return Layer($"{name}_3_bn (BatchNormalization)", shape256, 1024, $"{name}_3_conv");
            yield return Layer($"{name}_add (Add)", shape256, 0, shortcut ? $"{name}_0_bn" : input, $"{name}_3_bn");
            yield return Layer($"{name}_out (Activation)", shape256, 0, $"{name}_add");
        }
    }

    [Fact]
    public void MobileNetV2_summary_matches_keras_through_the_first_stage_and_at_the_top()
    {
        // MobileNetV2(): Conv1 3x3/2 Same without bias (27*32), bn_Conv1, ReLU(6.); _inverted_res_block block_id 0
        // (no expansion: depthwise 3*3*32, project 32*16), block 1 (expand 16*96, correct_pad ((0, 1), (0, 1)): 113,
        // depthwise 3x3/2 Valid: 56, project 96*24) and block 2 (expand 24*144, project 144*24, Add([inputs, x])).
        var rows = new List<string[]>
        {
            Layer("input_1 (InputLayer)", "[(None, 224, 224, 3)]", 0),
            Layer("Conv1 (Conv2D)", "(None, 112, 112, 32)", 864, KerasInput),
            Layer("bn_Conv1 (BatchNormalization)", "(None, 112, 112, 32)", 128, "Conv1"),
            Layer("Conv1_relu (ReLU)", "(None, 112, 112, 32)", 0, "bn_Conv1"),
            Layer("expanded_conv_depthwise (DepthwiseConv2D)", "(None, 112, 112, 32)", 288, "Conv1_relu"),
            Layer("expanded_conv_depthwise_BN (BatchNormalization)", "(None, 112, 112, 32)", 128, "expanded_conv_depthwise"),
            Layer("expanded_conv_depthwise_relu (ReLU)", "(None, 112, 112, 32)", 0, "expanded_conv_depthwise_BN"),
            Layer("expanded_conv_project (Conv2D)", "(None, 112, 112, 16)", 512, "expanded_conv_depthwise_relu"),
            Layer("expanded_conv_project_BN (BatchNormalization)", "(None, 112, 112, 16)", 64, "expanded_conv_project"),
            Layer("block_1_expand (Conv2D)", "(None, 112, 112, 96)", 1536, "expanded_conv_project_BN"),
            Layer("block_1_expand_BN (BatchNormalization)", "(None, 112, 112, 96)", 384, "block_1_expand"),
            Layer("block_1_expand_relu (ReLU)", "(None, 112, 112, 96)", 0, "block_1_expand_BN"),
            Layer("block_1_pad (ZeroPadding2D)", "(None, 113, 113, 96)", 0, "block_1_expand_relu"),
            Layer("block_1_depthwise (DepthwiseConv2D)", "(None, 56, 56, 96)", 864, "block_1_pad"),
            Layer("block_1_depthwise_BN (BatchNormalization)", "(None, 56, 56, 96)", 384, "block_1_depthwise"),
            Layer("block_1_depthwise_relu (ReLU)", "(None, 56, 56, 96)", 0, "block_1_depthwise_BN"),
            Layer("block_1_project (Conv2D)", "(None, 56, 56, 24)", 2304, "block_1_depthwise_relu"),
            Layer("block_1_project_BN (BatchNormalization)", "(None, 56, 56, 24)", 96, "block_1_project"),
            Layer("block_2_expand (Conv2D)", "(None, 56, 56, 144)", 3456, "block_1_project_BN"),
            Layer("block_2_expand_BN (BatchNormalization)", "(None, 56, 56, 144)", 576, "block_2_expand"),
            Layer("block_2_expand_relu (ReLU)", "(None, 56, 56, 144)", 0, "block_2_expand_BN"),
            Layer("block_2_depthwise (DepthwiseConv2D)", "(None, 56, 56, 144)", 1296, "block_2_expand_relu"),
            Layer("block_2_depthwise_BN (BatchNormalization)", "(None, 56, 56, 144)", 576, "block_2_depthwise"),
            Layer("block_2_depthwise_relu (ReLU)", "(None, 56, 56, 144)", 0, "block_2_depthwise_BN"),
            Layer("block_2_project (Conv2D)", "(None, 56, 56, 24)", 3456, "block_2_depthwise_relu"),
            Layer("block_2_project_BN (BatchNormalization)", "(None, 56, 56, 24)", 96, "block_2_project"),
            Layer("block_2_add (Add)", "(None, 56, 56, 24)", 0, "block_1_project_BN", "block_2_project_BN"),
        };
        // The top: Conv_1 1x1 to 1280 without bias (320*1280), Conv_1_bn, out_relu, an unnamed GlobalAveragePooling2D
        // (Keras' automatic name) and the classifier (1280*1000 + 1000).
        var top = new[]
        {
            Layer("Conv_1 (Conv2D)", "(None, 7, 7, 1280)", 409_600, "block_16_project_BN"),
            Layer("Conv_1_bn (BatchNormalization)", "(None, 7, 7, 1280)", 5120, "Conv_1"),
            Layer("out_relu (ReLU)", "(None, 7, 7, 1280)", 0, "Conv_1_bn"),
            Layer("global_average_pooling2d (GlobalAveragePooling2D)", "(None, 1280)", 0, "out_relu"),
            Layer("predictions (Dense)", "(None, 1000)", 1_281_000, "global_average_pooling2d"),
        };
        AssertTable(MobileNetV2.Summary, rows, top);
    }

    [Fact]
    public void MobileNetV2_predicts_one_image_into_a_distribution()
    {
        var clock = Stopwatch.StartNew();
        var network = new MobileNetV2(seed: 1);
        var random = new Random(7);
        var image = new float[MobileNetV2.InputSize];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = random.NextSingle();
        }
        var scores = new float[MobileNetV2.OutputSize];
        network.Predict(image, scores);
        output.WriteLine($"MobileNetV2: construction and one Predict at batch 1 in {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.All(scores, s => Assert.True(float.IsFinite(s) && s >= 0f, $"score {s}"));
        Assert.Equal(1.0, scores.Sum(s => (double)s), 4);
        // Untrained, with Glorot kernels and unit batch statistics: not one class taking all the mass.
        Assert.True(scores.Max() < 0.5f, $"max score {scores.Max()}");

        // Keras' Conv1 and Conv_1 keep distinct members (and weight names Conv1.kernel, Conv_1.kernel).
        Assert.Equal(3 * 3 * 3 * 32, network.Conv1Kernel.Length);
        Assert.Equal(320 * 1280, network.Conv_1Kernel.Length);
    }

    /// <summary>One layer's row(s): name (type), output shape, parameters, and the layers it reads.</summary>
    private static string[] Layer(string layer, string shape, int parameters, params string[] connectedTo) =>
        new[] { layer, shape, parameters.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(connectedTo).ToArray();

    /// <summary>
    /// Keras 2's functional table (98 wide, columns ending at 32, 53 and 65; a field longer than its column is cut and its
    /// last character becomes a space, the last column is just cut): the header, then <paramref name="first"/> as the
    /// table's first rows and <paramref name="last"/> as its last rows, each layer followed by a '_' line.
    /// </summary>
    private void AssertTable(string summary, IReadOnlyList<string[]> first, IReadOnlyList<string[]> last)
    {
        var lines = summary.Split('\n');
        output.WriteLine(string.Join("\n", lines.Take(first.Count * 2 + 8)));
        var underline = new string('_', 98);
        var header = new[] { underline, Row("Layer (type)", "Output Shape", "Param #", "Connected to"), new string('=', 98) };
        Assert.Equal(header, lines.Skip(1).Take(3));

        var expectedFirst = Lines(first);
        Assert.Equal(expectedFirst, lines.Skip(4).Take(expectedFirst.Count));

        var expectedLast = Lines(last);
        var end = Array.IndexOf(lines, lines.First(l => l.StartsWith("Total params: ", StringComparison.Ordinal)));
        Assert.Equal(new string('=', 98), lines[end - 1]);
        Assert.Equal(expectedLast.Take(expectedLast.Count - 1), lines.Skip(end - expectedLast.Count).Take(expectedLast.Count - 1));

        List<string> Lines(IReadOnlyList<string[]> layers)
        {
            var result = new List<string>();
            foreach (var layer in layers)
            {
                var connected = layer.Skip(3).Select(n => (n == KerasInput ? "input" : n) + "[0][0]").DefaultIfEmpty("").ToList();
                var name = layer[0].StartsWith(KerasInput + " ", StringComparison.Ordinal) ? "input" + layer[0][KerasInput.Length..] : layer[0];
                result.Add(Row(name, layer[1], layer[2], connected[0]));
                result.AddRange(connected.Skip(1).Select(c => Row("", "", "", c)));
                result.Add(underline);
            }
            return result;
        }
    }

    private static string Row(string layer, string shape, string parameters, string connected)
    {
        static string Fit(string field, int width) => (field.Length >= width ? field[..(width - 1)] : field).PadRight(width);
        return Fit(layer, 32) + Fit(shape, 21) + Fit(parameters, 12) + (connected.Length > 33 ? connected[..33] : connected.PadRight(33));
    }
}
