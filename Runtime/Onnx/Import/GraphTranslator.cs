using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Generated.Onnx.Protobuf;

namespace Generated.Onnx.Import;

/// <summary>
/// Walks an ONNX graph (as PyTorch exports CNNs) node by node and builds the layer list of a declaration: NCHW
/// convolutions become HWIO Conv2D layers, Flatten of an NCHW map followed by Gemm becomes Flatten + Dense with the
/// kernel's rows permuted to the NHWC flatten order, activations fold into the layer before them, and so on.
/// Everything it cannot express exactly is an <see cref="OnnxImportException"/>.
/// </summary>
internal sealed partial class GraphTranslator
{
    /// <summary>The operators the importer translates (docs/INTEROP.md lists the patterns).</summary>
    public static readonly IReadOnlyList<string> SupportedOperators = new[]
    {
        "Conv", "ConvTranspose", "Gemm", "MatMul", "Add", "Sub", "Mul", "Max", "Min", "Mean", "Div", "Concat", "MaxPool", "AveragePool",
        "GlobalAveragePool", "GlobalMaxPool", "BatchNormalization", "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Softmax", "Elu", "Softplus",
        "Selu", "HardSwish", "Clip", "Erf", "PRelu", "Flatten", "Reshape", "Pad", "Slice", "Resize", "Upsample", "Dropout", "Identity", "Constant",
    };

    private readonly GraphProto _graph;
    private readonly Dictionary<string, ConstantTensor> _constants = new();
    private readonly Dictionary<string, ImportedValue> _values = new();
    private readonly Dictionary<string, List<NodeProto>> _consumers = new();
    private readonly HashSet<NodeProto> _absorbed = new();
    private readonly List<ImportedLayer> _layers = new();

    public GraphTranslator(GraphProto graph) => _graph = graph;

    public IReadOnlyList<ImportedLayer> Layers => _layers;

    /// <summary>The network input: <c>[N, C, H, W]</c> or <c>[N, F]</c>.</summary>
    public ImportedValue Input { get; private set; } = ImportedValue.Vector(0, null);

    /// <summary>The graph output's value (after <see cref="Translate()"/>).</summary>
    public ImportedValue Output { get; private set; } = ImportedValue.Vector(0, null);

    public void Translate()
    {
        foreach (var tensor in _graph.Initializer)
        {
            _constants[tensor.Name] = ConstantTensor.From(tensor, tensor.Name);
        }
        _absorbed.UnionWith(ConstantFolding.Fold(_graph, _constants));
        var unsupported = _graph.Node.Where(n => !_absorbed.Contains(n) && (!SupportedOperators.Contains(n.OpType) || n.Domain is not ("" or "ai.onnx")))
            .Select(n => $"{n.OpType} (node '{n.Name}')").ToList();
        if (unsupported.Count > 0)
        {
            throw new OnnxImportException($"Unsupported operators: {string.Join(", ", unsupported)}. The importer translates {string.Join(", ", SupportedOperators)}; nothing was written.");
        }
        foreach (var node in _graph.Node)
        {
            foreach (var input in node.Input)
            {
                if (!_consumers.TryGetValue(input, out var list))
                {
                    _consumers[input] = list = new List<NodeProto>();
                }
                list.Add(node);
            }
        }
        ReadInput();
        foreach (var node in _graph.Node)
        {
            if (!_absorbed.Contains(node))
            {
                Translate(node);
            }
        }
        CheckOutput();
    }

    private void ReadInput()
    {
        var inputs = _graph.Input.Where(i => !_constants.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1)
        {
            throw new OnnxImportException($"The model has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); a declaration has exactly one.");
        }
        var input = inputs[0];
        var tensorType = input.Type?.TensorType ?? throw new OnnxImportException($"Input '{input.Name}' is not a tensor.");
        if (tensorType.ElemType != (int)TensorProto.Types.DataType.Float)
        {
            throw new OnnxImportException($"Input '{input.Name}' has element type {(TensorProto.Types.DataType)tensorType.ElemType}; a declaration takes float32.");
        }
        var dims = tensorType.Shape?.Dim ?? throw new OnnxImportException($"Input '{input.Name}' has no shape; a declaration needs fixed C, H and W.");
        var sizes = new int[dims.Count];
        for (var i = 1; i < dims.Count; i++)
        {
            if (dims[i].ValueCase != TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue || dims[i].DimValue <= 0)
            {
                throw new OnnxImportException($"Input '{input.Name}' has a dynamic dimension {i} ('{dims[i].DimParam}'): a declaration needs fixed sizes for every axis but the batch. Export with a fixed input size.");
            }
            sizes[i] = checked((int)dims[i].DimValue);
        }
        Input = dims.Count switch
        {
            4 => ImportedValue.Image(sizes[2], sizes[3], sizes[1], null),
            2 => ImportedValue.Vector(sizes[1], null),
            _ => throw new OnnxImportException($"Input '{input.Name}' has rank {dims.Count}; a declaration takes [N, C, H, W] images or [N, F] vectors."),
        };
        _values[input.Name] = Input;
    }

    private void CheckOutput()
    {
        if (_graph.Output.Count != 1)
        {
            throw new OnnxImportException($"The model has {_graph.Output.Count} outputs; a declaration has exactly one.");
        }
        var output = Value(_graph.Output[0].Name, "the graph output");
        var last = _layers.Count == 0 ? null : _layers[^1];
        if (output.Producer != last || output.PendingPad is not null)
        {
            throw new OnnxImportException($"The graph output '{_graph.Output[0].Name}' is not the last layer's output; a declaration's output is its last layer.");
        }
        if (output.Order is not null)
        {
            throw new OnnxImportException($"The graph output '{_graph.Output[0].Name}' is a flattened NCHW map: its feature order differs from the declaration's NHWC flatten order. End the model with a Dense/Linear layer.");
        }
        if (_layers.Count == 0)
        {
            throw new OnnxImportException("The model has no layers.");
        }
        Output = output;
    }

    private ImportedValue Value(string name, string reader) =>
        _values.TryGetValue(name, out var value) ? value
        : _constants.ContainsKey(name) ? throw new OnnxImportException($"{reader} reads the constant '{name}' where the importer expects a layer's output.")
        : throw new OnnxImportException($"{reader} reads '{name}', which is neither the input, an initializer nor an earlier node's output (corrupt, truncated or unsorted graph).");

    private ConstantTensor Constant(NodeProto node, int index, string what)
    {
        if (node.Input.Count <= index || node.Input[index].Length == 0)
        {
            throw new OnnxImportException($"Node '{node.Name}' ({node.OpType}) has no {what} input.");
        }
        var name = node.Input[index];
        return _constants.TryGetValue(name, out var constant) ? constant
            : throw new OnnxImportException($"Node '{node.Name}' ({node.OpType}): its {what} '{name}' is computed in the graph, not a constant; the importer needs it constant.");
    }

    private ConstantTensor? OptionalConstant(NodeProto node, int index, string what) =>
        node.Input.Count > index && node.Input[index].Length > 0 ? Constant(node, index, what) : null;

    private static AttributeProto? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    private static long Int(NodeProto node, string name, long fallback) => Attribute(node, name) is { } a ? a.I : fallback;

    private static float Float(NodeProto node, string name, float fallback) => Attribute(node, name) is { } a ? a.F : fallback;

    private static string Text(NodeProto node, string name, string fallback) => Attribute(node, name) is { } a ? a.S.ToStringUtf8() : fallback;

    private static long[] Ints(NodeProto node, string name, params long[] fallback) => Attribute(node, name) is { } a ? a.Ints.ToArray() : fallback;

    private static OnnxImportException NotExpressible(NodeProto node, string why) =>
        new($"Node '{node.Name}' ({node.OpType}): {why}; a declaration cannot express it. Nothing was written.");

    private void Define(NodeProto node, ImportedValue value)
    {
        if (node.Output.Count == 0)
        {
            throw new OnnxImportException($"Node '{node.Name}' ({node.OpType}) has no output.");
        }
        _values[node.Output[0]] = value;
    }

    /// <summary>The single node reading <paramref name="output"/>, when nothing else (not even the graph output) does.</summary>
    private NodeProto? OnlyConsumer(string output) =>
        _consumers.TryGetValue(output, out var list) && list.Count == 1 && _graph.Output.All(o => o.Name != output) ? list[0] : null;

    /// <summary>
    /// Adds a layer that reads <paramref name="input"/>: the previous layer's output, or another layer's (or the network
    /// input) through <c>Input = "name"</c>.
    /// </summary>
    private ImportedLayer Add(NodeProto node, string kind, string prefix, ImportedValue input)
    {
        input = Materialize(node, input);
        return Append(new ImportedLayer(kind, prefix, node.Name), input.Producer);
    }

    private ImportedLayer Append(ImportedLayer layer, ImportedLayer? reads)
    {
        var previous = _layers.Count == 0 ? null : _layers[^1];
        if (reads != previous)
        {
            layer.ReadsOther = true;
            layer.InputFrom = reads;
        }
        _layers.Add(layer);
        return layer;
    }

    /// <summary>A pending Pad becomes a ZeroPadding2D layer when its reader cannot fold it.</summary>
    private ImportedValue Materialize(NodeProto node, ImportedValue value)
    {
        if (value.PendingPad is not { } pad)
        {
            return value;
        }
        var layer = new ImportedLayer("ZeroPadding2D", "zero_padding2d", value.PadOrigin ?? "pads of " + node.Name);
        layer.Positional.AddRange(new[] { pad.Top, pad.Bottom, pad.Left, pad.Right }.Select(Literal));
        Append(layer, pad.Source.Producer);
        return value with { PendingPad = null, PadOrigin = null, Producer = layer };
    }

    private static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FloatLiteral(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
