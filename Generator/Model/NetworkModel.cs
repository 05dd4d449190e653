namespace Generated.Model;

/// <summary>How a parameter tensor starts out (Keras' defaults).</summary>
internal enum Initializer
{
    /// <summary>Uniform in <c>±sqrt(6 / (fanIn + fanOut))</c>.</summary>
    GlorotUniform,
    Zeros,
    Ones,
}

/// <summary>One named tensor of a layer, e.g. <c>conv2d.kernel</c> with shape <c>[3, 3, 1, 32]</c>.</summary>
/// <param name="Suffix">The part after the layer name: <c>kernel</c>, <c>bias</c>, <c>gamma</c>, ...</param>
/// <param name="Trainable">False for batch normalization's moving statistics (kept in a separate buffer).</param>
internal sealed record ParameterTensor(
    string Suffix,
    EquatableArray<int> Shape,
    bool Trainable,
    Initializer Initializer,
    int FanIn,
    int FanOut)
{
    public int Length
    {
        get
        {
            var length = 1;
            foreach (var dimension in Shape)
            {
                length *= dimension;
            }
            return length;
        }
    }
}

/// <summary>A layer after shape inference: its resolved geometry, shapes and parameters.</summary>
internal sealed record LayerModel(
    int Index,
    LayerDeclaration Declaration,
    string Name,
    TensorShape InputShape,
    TensorShape OutputShape)
{
    public LayerKind Kind => Declaration.Kind;

    /// <summary>Indices of the layers whose outputs feed this one; -1 is the network input. The first is the main input.</summary>
    public EquatableArray<int> Inputs { get; init; } = EquatableArray<int>.Empty;

    /// <summary>
    /// Tensors the layer reads besides <see cref="Inputs"/> without differentiating them (max-unpooling reads its
    /// pooling layer's input and output for the maxima's positions): kept alive until it ran, given no gradient.
    /// </summary>
    public EquatableArray<int> Reads { get; init; } = EquatableArray<int>.Empty;

    /// <summary>Shapes of <see cref="Inputs"/>, in the same order.</summary>
    public EquatableArray<TensorShape> InputShapes { get; init; } = EquatableArray<TensorShape>.Empty;

    public int StrideHeight { get; init; } = 1;

    public int StrideWidth { get; init; } = 1;

    public int PadTop { get; init; }

    public int PadLeft { get; init; }

    public int PadBottom { get; init; }

    public int PadRight { get; init; }

    public EquatableArray<ParameterTensor> Parameters { get; init; } = EquatableArray<ParameterTensor>.Empty;

    public int ParameterCount
    {
        get
        {
            var count = 0;
            foreach (var parameter in Parameters)
            {
                count += parameter.Length;
            }
            return count;
        }
    }
}

/// <summary>A problem found by shape inference, as data: the analyzer turns it into a diagnostic.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>Related places, e.g. the [Flatten] that a misplaced spatial layer should move before.</summary>
    public EquatableArray<LocationInfo> AdditionalLocations { get; init; } = EquatableArray<LocationInfo>.Empty;

    /// <summary>The severity when it differs from the descriptor's default (NNG0100 is an info on pooling), else null.</summary>
    public Microsoft.CodeAnalysis.DiagnosticSeverity? Severity { get; init; }
}

/// <summary>The result of shape inference over one declaration.</summary>
internal sealed record NetworkModel(
    NetworkDeclaration Declaration,
    EquatableArray<LayerModel> Layers,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public TensorShape InputShape => Declaration.Input;

    public TensorShape OutputShape => Layers.Count == 0 ? Declaration.Input : Layers[Layers.Count - 1].OutputShape;

    /// <summary>True when no error was found (warnings and infos do not count), so code can be generated.</summary>
    public bool IsValid { get; init; }

    public long ParameterCount
    {
        get
        {
            long count = 0;
            foreach (var layer in Layers)
            {
                count += layer.ParameterCount;
            }
            return count;
        }
    }
}
