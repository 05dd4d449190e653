namespace Generated.Generator.Tests.Reliability;

/// <summary>
/// Draws random layer stacks over every layer kind and argument, from a fixed seed. It tracks shapes only to steer
/// towards models that are mostly valid (small, odd and size-1 edges included); about one model in five gets one
/// deliberately broken layer. Whether a model is valid is decided by random_models.py's independent shape check, not here.
/// </summary>
internal sealed class RandomModelGenerator
{
    private static readonly string[] Activations =
        ["Linear", "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Softmax", "Elu", "Swish", "Softplus", "Relu6", "Gelu", "Selu", "HardSwish"];

    private static readonly string[] Merges = ["add", "concatenate", "multiply", "subtract", "maximum", "minimum", "average"];

    private readonly Random _random;

    public RandomModelGenerator(int seed) => _random = new Random(seed);

    /// <summary>Model <paramref name="index"/> of the stream (call in order: the stream is one seeded sequence).</summary>
    public ModelSpec Next(int index)
    {
        var input = _random.Next(10) == 0 ? new[] { 1 + _random.Next(12) } : new[] { Size(), Size(), 1 + _random.Next(4) };
        var history = new List<(string Name, int[] Shape)> { ("input", input) };
        var layers = new List<LayerSpec>();
        var count = 1 + _random.Next(7);
        var broken = _random.Next(5) == 0 ? _random.Next(count) : -1;
        var shape = input;
        for (var i = 0; i < count; i++)
        {
            var name = $"l{i}";
            string? source = null;
            if (i > 0 && _random.Next(6) == 0)
            {
                // A branch: read an earlier layer (or the input) instead of the previous one.
                var (earlier, earlierShape) = history[_random.Next(history.Count - 1)];
                source = earlier;
                shape = earlierShape;
            }
            // A merge names all its inputs, so it never reads a branch through Input (NNG0030 would say so).
            var layer = i == broken ? Broken(name, shape, history, merge: source is null) : Layer(name, shape, history, merge: source is null);
            layer = layer with { Input = source, Trainable = !Shapes.HasWeights(layer.Kind) || _random.Next(8) != 0 };
            layers.Add(layer);
            // A broken layer's shape may be empty; the layers after it continue from its input.
            shape = Shapes.Output(layer, shape, history) is { } next && next.All(d => d >= 1) ? next : shape;
            history.Add((name, shape));
        }
        return new ModelSpec(index, input, layers);
    }

    private int Size() => _random.Next(4) switch { 0 => 1, 1 => 2 + _random.Next(3), _ => 3 + 2 * _random.Next(4) };

    private LayerSpec Layer(string name, int[] shape, List<(string Name, int[] Shape)> history, bool merge)
    {
        var spatial = shape.Length == 3;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var kind = spatial ? SpatialKinds[_random.Next(SpatialKinds.Length)] : FlatKinds[_random.Next(FlatKinds.Length)];
            var layer = kind == "merge" && !merge ? null : Make(kind, name, shape, history);
            if (layer is not null && Shapes.Output(layer, shape, history) is { } output && output.All(d => d >= 1) && output.Aggregate(1L, (a, b) => a * b) <= 1200)
            {
                return layer;
            }
        }
        return Spec("activation", name, ("activation", Pick(Activations)));
    }

    private static readonly string[] SpatialKinds =
    [
        "conv2d", "conv2d", "conv2d", "conv2d_transpose", "depthwise_conv2d", "separable_conv2d", "max_pooling2d", "average_pooling2d",
        "min_pooling2d", "global_average_pooling2d", "global_max_pooling2d", "up_sampling2d", "zero_padding2d", "cropping2d", "dense",
        "flatten", "flatten", "reshape", "dropout", "spatial_dropout", "batch_normalization", "layer_normalization", "group_normalization",
        "activation", "relu", "leaky_relu", "softmax", "prelu", "rescaling", "random_flip", "random_translation", "random_rotation",
        "random_zoom", "merge", "merge",
    ];

    private static readonly string[] FlatKinds =
    [
        "dense", "dense", "dense", "reshape", "dropout", "batch_normalization", "layer_normalization", "activation", "relu", "leaky_relu",
        "softmax", "prelu", "rescaling", "merge", "merge",
    ];

    private LayerSpec? Make(string kind, string name, int[] shape, List<(string Name, int[] Shape)> history)
    {
        var channels = shape[^1];
        switch (kind)
        {
            case "conv2d":
            {
                var groups = Divisor(channels);
                var filters = groups * (1 + _random.Next(3));
                var (kh, kw, sh, sw, padding, dilation) = Window(shape, allowDilation: true);
                return Spec(kind, name, ("filters", filters), ("kh", kh), ("kw", kw), ("sh", sh), ("sw", sw), ("padding", padding),
                    ("dilation", dilation), ("activation", Pick(Activations)), ("use_bias", _random.Next(4) != 0), ("groups", groups));
            }
            case "conv2d_transpose":
            {
                var (kh, kw, sh, sw, padding, _) = Window(shape, allowDilation: false);
                var dilation = _random.Next(6) == 0 ? 2 : 1;
                var layer = Spec(kind, name, ("filters", 1 + _random.Next(4)), ("kh", kh), ("kw", kw), ("sh", sh), ("sw", sw), ("padding", padding),
                    ("dilation", dilation), ("activation", Pick(Activations)), ("use_bias", _random.Next(4) != 0));
                if (_random.Next(3) == 0)
                {
                    ((Dictionary<string, object>)layer.Args)["output_padding"] = _random.Next(Math.Min(sh, sw));
                }
                return layer;
            }
            case "depthwise_conv2d" or "separable_conv2d":
            {
                var (kh, kw, sh, sw, padding, dilation) = Window(shape, allowDilation: true);
                var pairs = new List<(string, object)> { ("kh", kh), ("kw", kw), ("multiplier", 1 + _random.Next(2)), ("sh", sh), ("sw", sw),
                    ("padding", padding), ("dilation", dilation), ("activation", Pick(Activations)), ("use_bias", _random.Next(4) != 0) };
                if (kind == "separable_conv2d")
                {
                    pairs.Insert(0, ("filters", 1 + _random.Next(4)));
                }
                return Spec(kind, name, pairs.ToArray());
            }
            case "max_pooling2d" or "average_pooling2d" or "min_pooling2d":
            {
                var ph = 1 + _random.Next(Math.Min(3, shape[0]));
                var pw = 1 + _random.Next(Math.Min(3, shape[1]));
                var defaultStrides = _random.Next(2) == 0;
                var sh = defaultStrides ? ph : 1 + _random.Next(3);
                var sw = defaultStrides ? pw : (_random.Next(2) == 0 ? sh : 1 + _random.Next(3));
                return Spec(kind, name, ("ph", ph), ("pw", pw), ("sh", sh), ("sw", sw), ("padding", _random.Next(2) == 0 ? "Same" : "Valid"));
            }
            case "global_average_pooling2d" or "global_max_pooling2d" or "flatten" or "relu" or "softmax":
                return Spec(kind, name);
            case "up_sampling2d":
                return Spec(kind, name, ("sh", 1 + _random.Next(3)), ("sw", 1 + _random.Next(3)),
                    ("interpolation", Pick(["Nearest", "Bilinear", "BedOfNails"])));
            case "zero_padding2d":
                return Spec(kind, name, ("top", _random.Next(3)), ("bottom", _random.Next(3)), ("left", _random.Next(3)), ("right", _random.Next(3)));
            case "cropping2d":
            {
                if (shape[0] < 2 && shape[1] < 2)
                {
                    return null;
                }
                var top = _random.Next(shape[0]);
                var bottom = _random.Next(shape[0] - top);
                var left = _random.Next(shape[1]);
                var right = _random.Next(shape[1] - left);
                return Spec(kind, name, ("top", top), ("bottom", bottom), ("left", left), ("right", right));
            }
            case "dense":
                return Spec(kind, name, ("units", 1 + _random.Next(8)), ("activation", Pick(Activations)), ("use_bias", _random.Next(4) != 0));
            case "reshape":
            {
                var size = shape.Aggregate(1, (a, b) => a * b);
                if (_random.Next(2) == 0 || shape.Length == 1)
                {
                    var h = Divisor(size);
                    var w = Divisor(size / h);
                    return Spec(kind, name, ("shape", new[] { h, w, size / h / w }));
                }
                return Spec(kind, name, ("shape", new[] { size }));
            }
            case "dropout" or "spatial_dropout":
                return Spec(kind, name, ("rate", Pick([0.0, 0.25, 0.5])));
            case "batch_normalization":
                return Spec(kind, name, ("momentum", Pick([0.99, 0.9, 0.5])), ("epsilon", Pick([1e-3, 1e-5, 0.1])));
            case "layer_normalization":
                return Spec(kind, name, ("epsilon", Pick([1e-3, 1e-5, 0.1])));
            case "group_normalization":
                return Spec(kind, name, ("groups", Divisor(channels)), ("epsilon", Pick([1e-3, 1e-5])));
            case "activation":
                return Spec(kind, name, ("activation", Pick(Activations)));
            case "leaky_relu":
                return Spec(kind, name, ("alpha", Pick([0.3, 0.1, 0.01])));
            case "prelu":
            {
                var axes = shape.Length == 3 ? Pick(new[] { Array.Empty<int>(), new[] { 1, 2 }, new[] { 1 }, new[] { 2 }, new[] { 3 } }) : Array.Empty<int>();
                return Spec(kind, name, ("shared_axes", axes));
            }
            case "rescaling":
                return Spec(kind, name, ("scale", Pick([0.5, 2.0, 1.0 / 255])), ("offset", Pick([0.0, -1.0, 0.25])));
            case "random_flip":
                return Spec(kind, name, ("mode", Pick(["Horizontal", "Vertical", "HorizontalAndVertical"])));
            case "random_translation":
                return Spec(kind, name, ("height_factor", 0.2), ("width_factor", 0.1));
            case "random_rotation":
                return Spec(kind, name, ("factor", 0.1));
            case "random_zoom":
                return Spec(kind, name, ("height_factor", 0.2), ("width_factor", 0.1));
            case "merge":
                return Merge(name, shape, history, valid: true);
        }
        throw new InvalidOperationException(kind);
    }

    private LayerSpec? Merge(string name, int[] shape, List<(string Name, int[] Shape)> history, bool valid)
    {
        var previous = history[^1].Name;
        var kind = Pick(Merges);
        var partners = history.Take(history.Count - 1)
            .Where(h => valid == (kind == "concatenate"
                ? h.Shape.Length == shape.Length && h.Shape.Take(shape.Length - 1).SequenceEqual(shape.Take(shape.Length - 1))
                : h.Shape.SequenceEqual(shape)))
            .Select(h => h.Name).ToList();
        if (partners.Count == 0)
        {
            return null;
        }
        var partner = partners[_random.Next(partners.Count)];
        var third = partners[_random.Next(partners.Count)];
        // Subtract takes exactly two; the others one (the previous layer with it), two or three, each named once (NNG0014).
        string[] layers = kind == "subtract" || _random.Next(3) == 0 || third == partner ? [previous, partner]
            : _random.Next(2) == 0 ? [partner] : [previous, partner, third];
        return Spec(kind, name, ("layers", layers));
    }

    /// <summary>A layer that breaks the model: a window larger than its input, channels a grouping cannot split, a merge of
    /// mismatched shapes, a spatial layer on a vector, a size that is zero, a reshape to the wrong size.</summary>
    private LayerSpec Broken(string name, int[] shape, List<(string Name, int[] Shape)> history, bool merge)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var channels = shape[^1];
            LayerSpec? layer = _random.Next(10) switch
            {
                0 when shape.Length == 3 => Spec("conv2d", name, ("filters", 2), ("kh", shape[0] + 1 + _random.Next(2)), ("kw", 1), ("sh", 1), ("sw", 1),
                    ("padding", "Valid"), ("dilation", 1), ("activation", "Linear"), ("use_bias", true), ("groups", 1)),
                1 when shape.Length == 3 => Spec("max_pooling2d", name, ("ph", 1), ("pw", shape[1] + 1), ("sh", 1), ("sw", 1), ("padding", "Valid")),
                2 when shape.Length == 3 && channels > 1 => Spec("conv2d", name, ("filters", channels + 1), ("kh", 1), ("kw", 1), ("sh", 1), ("sw", 1),
                    ("padding", "Same"), ("dilation", 1), ("activation", "Linear"), ("use_bias", true), ("groups", channels)),
                3 when merge => Merge(name, shape, history, valid: false),
                4 when shape.Length == 1 => SpatialOnVector(name),
                5 => Spec("dense", name, ("units", 0), ("activation", "Linear"), ("use_bias", true)),
                6 => Spec("reshape", name, ("shape", new[] { shape.Aggregate(1, (a, b) => a * b) + 1 })),
                7 when shape.Length == 3 => Spec("cropping2d", name, ("top", shape[0]), ("bottom", 0), ("left", 0), ("right", 0)),
                8 when shape.Length == 3 && channels > 1 => Spec("group_normalization", name, ("groups", channels + 1), ("epsilon", 1e-3)),
                9 when shape.Length == 3 => Spec("conv2d_transpose", name, ("filters", 1), ("kh", 3), ("kw", 3), ("sh", 2), ("sw", 2), ("padding", "Same"),
                    ("dilation", 1), ("output_padding", 2), ("activation", "Linear"), ("use_bias", true)),
                _ => null,
            };
            if (layer is not null)
            {
                return layer;
            }
        }
        return Spec("dense", name, ("units", 0), ("activation", "Linear"), ("use_bias", true));
    }

    private LayerSpec SpatialOnVector(string name) => _random.Next(3) switch
    {
        0 => Spec("conv2d", name, ("filters", 2), ("kh", 1), ("kw", 1), ("sh", 1), ("sw", 1), ("padding", "Valid"), ("dilation", 1),
            ("activation", "Linear"), ("use_bias", true), ("groups", 1)),
        1 => Spec("max_pooling2d", name, ("ph", 1), ("pw", 1), ("sh", 1), ("sw", 1), ("padding", "Valid")),
        _ => Spec("global_average_pooling2d", name),
    };

    private (int Kh, int Kw, int Sh, int Sw, string Padding, int Dilation) Window(int[] shape, bool allowDilation)
    {
        var padding = _random.Next(2) == 0 ? "Same" : "Valid";
        var dilation = allowDilation && _random.Next(5) == 0 ? 2 : 1;
        var sh = _random.Next(3) == 0 ? 2 : _random.Next(8) == 0 ? 3 : 1;
        var sw = _random.Next(3) == 0 ? sh : _random.Next(3) == 0 ? 2 : 1;
        if (dilation > 1 && (sh > 1 || sw > 1) && _random.Next(2) == 0)
        {
            sh = sw = 1; // mostly keep Keras' rule (dilation with strides is rejected there), sometimes test it
        }
        int Kernel(int size) => padding == "Same" ? 1 + _random.Next(4) : 1 + _random.Next(Math.Max(1, Math.Min(4, (size - 1) / dilation + 1)));
        return (Kernel(shape[0]), Kernel(shape[1]), sh, sw, padding, dilation);
    }

    private int Divisor(int n)
    {
        n = Math.Max(n, 1);
        var divisors = Enumerable.Range(1, n).Where(d => n % d == 0).ToList();
        return divisors[_random.Next(divisors.Count)];
    }

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];

    private static LayerSpec Spec(string kind, string name, params (string Key, object Value)[] args) =>
        new(kind, name, null, true, args.ToDictionary(a => a.Key, a => a.Value));
}
