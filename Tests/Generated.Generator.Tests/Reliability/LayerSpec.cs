using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Generated.Generator.Tests.Reliability;

/// <summary>
/// One layer of a random model, written twice from the same data: as the C# attribute a user types and as the JSON
/// object random_models.py turns into PyTorch code. <see cref="Args"/> keys are the Python script's names.
/// </summary>
internal sealed record LayerSpec(string Kind, string Name, string? Input, bool Trainable, IReadOnlyDictionary<string, object> Args)
{
    /// <summary>The layer kinds whose training forward draws random numbers: a model with one gets no SGD-step check.</summary>
    public bool IsStochastic => Kind is "random_flip" or "random_translation" or "random_rotation" or "random_zoom"
        || (Kind is "dropout" or "spatial_dropout" && Double("rate") > 0);

    public int Int(string key) => (int)Args[key];

    public double Double(string key) => (double)Args[key];

    public string Str(string key) => (string)Args[key];

    /// <summary>The attribute, e.g. <c>Conv2D(4, 3, 3, StridesHeight = 2, ..., Name = "l1")</c>.</summary>
    public string ToAttribute()
    {
        var text = new StringBuilder(AttributeName).Append('(');
        var arguments = new List<string>();
        switch (Kind)
        {
            case "conv2d":
                arguments.AddRange([I("filters"), I("kh"), I("kw"), Strides(), Pad(), $"DilationRate = {I("dilation")}", Act(), Bias(), $"Groups = {I("groups")}"]);
                break;
            case "conv2d_transpose":
                arguments.AddRange([I("filters"), I("kh"), I("kw"), Strides(), Pad(), $"DilationRate = {I("dilation")}", Act(), Bias()]);
                if (Args.ContainsKey("output_padding"))
                {
                    arguments.Add($"OutputPadding = {I("output_padding")}");
                }
                break;
            case "depthwise_conv2d":
                arguments.AddRange([I("kh"), I("kw"), $"DepthMultiplier = {I("multiplier")}", Strides(), Pad(), $"DilationRate = {I("dilation")}", Act(), Bias()]);
                break;
            case "separable_conv2d":
                arguments.AddRange([I("filters"), I("kh"), I("kw"), $"DepthMultiplier = {I("multiplier")}", Strides(), Pad(), $"DilationRate = {I("dilation")}", Act(), Bias()]);
                break;
            case "max_pooling2d" or "average_pooling2d" or "min_pooling2d":
                arguments.AddRange([I("ph"), I("pw"), Strides(), Pad()]);
                break;
            case "up_sampling2d":
                arguments.AddRange([I("sh"), I("sw"), $"Interpolation = Interpolation.{Str("interpolation")}"]);
                break;
            case "zero_padding2d" or "cropping2d":
                arguments.AddRange([I("top"), I("bottom"), I("left"), I("right")]);
                break;
            case "dense":
                arguments.AddRange([I("units"), Act(), Bias()]);
                break;
            case "reshape":
                arguments.AddRange(((int[])Args["shape"]).Select(Literal));
                break;
            case "dropout" or "spatial_dropout":
                arguments.Add(D("rate"));
                break;
            case "batch_normalization":
                arguments.AddRange([$"Momentum = {D("momentum")}", $"Epsilon = {D("epsilon")}"]);
                break;
            case "layer_normalization":
                arguments.Add($"Epsilon = {D("epsilon")}");
                break;
            case "group_normalization":
                arguments.AddRange([I("groups"), $"Epsilon = {D("epsilon")}"]);
                break;
            case "activation":
                arguments.Add($"Activation.{Str("activation")}");
                break;
            case "leaky_relu":
                arguments.Add(D("alpha"));
                break;
            case "prelu":
                arguments.Add($"SharedAxes = new int[] {{ {string.Join(", ", ((int[])Args["shared_axes"]).Select(Literal))} }}");
                break;
            case "rescaling":
                arguments.AddRange([D("scale"), $"Offset = {D("offset")}"]);
                break;
            case "random_flip":
                arguments.Add($"FlipMode.{Str("mode")}");
                break;
            case "random_translation":
                arguments.AddRange([D("height_factor"), D("width_factor")]);
                break;
            case "random_rotation":
                arguments.Add(D("factor"));
                break;
            case "random_zoom":
                arguments.AddRange([D("height_factor"), D("width_factor")]);
                break;
            case "add" or "concatenate" or "multiply" or "subtract" or "maximum" or "minimum" or "average":
                arguments.AddRange(((string[])Args["layers"]).Select(n => $"\"{n}\""));
                break;
        }
        arguments.Add($"Name = \"{Name}\"");
        if (Input is not null)
        {
            arguments.Add($"Input = \"{Input}\"");
        }
        if (!Trainable)
        {
            arguments.Add("Trainable = false");
        }
        return text.Append(string.Join(", ", arguments)).Append(')').ToString();
    }

    /// <summary>The JSON object the Python script reads.</summary>
    public JsonObject ToJson()
    {
        var args = new JsonObject();
        foreach (var (key, value) in Args)
        {
            args[key] = value switch
            {
                int i => JsonValue.Create(i),
                double d => JsonValue.Create(d),
                string s => JsonValue.Create(s),
                bool b => JsonValue.Create(b),
                int[] a => new JsonArray(a.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
                string[] a => new JsonArray(a.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
                _ => throw new InvalidOperationException($"Unexpected argument {key} = {value}"),
            };
        }
        return new JsonObject { ["kind"] = Kind, ["name"] = Name, ["input"] = Input, ["trainable"] = Trainable, ["args"] = args };
    }

    private string AttributeName => Kind switch
    {
        "conv2d" => "Conv2D",
        "conv2d_transpose" => "Conv2DTranspose",
        "depthwise_conv2d" => "DepthwiseConv2D",
        "separable_conv2d" => "SeparableConv2D",
        "max_pooling2d" => "MaxPooling2D",
        "average_pooling2d" => "AveragePooling2D",
        "min_pooling2d" => "MinPooling2D",
        "global_average_pooling2d" => "GlobalAveragePooling2D",
        "global_max_pooling2d" => "GlobalMaxPooling2D",
        "up_sampling2d" => "UpSampling2D",
        "zero_padding2d" => "ZeroPadding2D",
        "cropping2d" => "Cropping2D",
        "dense" => "Dense",
        "flatten" => "Flatten",
        "reshape" => "Reshape",
        "dropout" => "Dropout",
        "spatial_dropout" => "SpatialDropout2D",
        "batch_normalization" => "BatchNormalization",
        "layer_normalization" => "LayerNormalization",
        "group_normalization" => "GroupNormalization",
        "activation" => "Activation",
        "relu" => "ReLU",
        "leaky_relu" => "LeakyReLU",
        "softmax" => "Softmax",
        "prelu" => "PReLU",
        "rescaling" => "Rescaling",
        "random_flip" => "RandomFlip",
        "random_translation" => "RandomTranslation",
        "random_rotation" => "RandomRotation",
        "random_zoom" => "RandomZoom",
        "add" => "Add",
        "concatenate" => "Concatenate",
        "multiply" => "Multiply",
        "subtract" => "Subtract",
        "maximum" => "Maximum",
        "minimum" => "Minimum",
        "average" => "Average",
        _ => throw new InvalidOperationException($"Unknown kind {Kind}"),
    };

    private string I(string key) => Literal(Int(key));

    private string D(string key) => Double(key).ToString("R", CultureInfo.InvariantCulture);

    private static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    private string Strides() => Int("sh") == Int("sw") ? $"Strides = {I("sh")}" : $"StridesHeight = {I("sh")}, StridesWidth = {I("sw")}";

    private string Pad() => $"Padding = Padding.{Str("padding")}";

    private string Act() => $"Activation = Activation.{Str("activation")}";

    private string Bias() => Args["use_bias"] is true ? "UseBias = true" : "UseBias = false";
}

/// <summary>A random model: its input shape and layers, as C# source and as JSON.</summary>
internal sealed record ModelSpec(int Index, int[] InputShape, IReadOnlyList<LayerSpec> Layers)
{
    public string ClassName => $"RandomModel{Index}";

    /// <summary>The line of the first layer attribute in <see cref="ToSource"/>; layer i is on line <c>FirstLayerLine + i</c> (0-based).</summary>
    public const int FirstLayerLine = 4;

    public bool IsStochastic => Layers.Any(l => l.IsStochastic);

    /// <summary>One file per model, one attribute per line, so a diagnostic's line names its layer.</summary>
    public string ToSource()
    {
        var text = new StringBuilder();
        text.Append("using Generated;\n\nnamespace RandomModels;\n");
        text.Append($"[Network({string.Join(", ", InputShape)})]\n");
        foreach (var layer in Layers)
        {
            text.Append('[').Append(layer.ToAttribute()).Append("]\n");
        }
        text.Append($"public partial class {ClassName};\n");
        return text.ToString();
    }

    public JsonObject ToJson() => new()
    {
        ["index"] = Index,
        ["input_shape"] = new JsonArray(InputShape.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
        ["layers"] = new JsonArray(Layers.Select(l => (JsonNode)l.ToJson()).ToArray()),
    };
}
