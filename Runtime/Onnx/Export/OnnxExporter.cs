using System;
using System.Collections.Generic;
using System.Linq;
using Generated.Onnx.Protobuf;

namespace Generated.Onnx.Export;

/// <summary>
/// Builds an ONNX model (opset 17) from a network's description (<see cref="INetwork.Layers"/>, their
/// <see cref="LayerInfo.Config"/> and <see cref="INetwork.ParameterTensors"/>): NHWC input and output as the network's,
/// convolutions and pooling in NCHW between Transposes, Keras semantics kept by explicit pads, average pooling without
/// the padded cells, Dense over the last axis and Flatten in NHWC order.
/// </summary>
internal sealed class OnnxExporter
{
    /// <summary>The opset written: 17 has LayerNormalization.</summary>
    public const int Opset = 17;

    /// <summary>IR version 8, which every ONNX Runtime from 1.13 on reads.</summary>
    public const int IrVersion = 8;

    private const string Batch = "N";

    private readonly INetwork _network;
    private readonly OnnxGraphBuilder _graph = new();
    private readonly Dictionary<string, GraphValue> _outputs = new();
    private readonly Dictionary<string, ParameterView> _parameters = new();

    private OnnxExporter(INetwork network)
    {
        _network = network;
        foreach (var view in network.ParameterTensors)
        {
            _parameters[view.Name] = view;
        }
    }

    /// <summary>The whole model, or an exception before anything is written.</summary>
    public static ModelProto Build(INetwork network, string graphName)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = network.Layers;
        if (layers.Count == 0)
        {
            throw new NotSupportedException($"ONNX export needs a generated network's layer description; {graphName} has no Layers.");
        }
        return new OnnxExporter(network).Export(layers, graphName);
    }

    private ModelProto Export(IReadOnlyList<LayerInfo> layers, string graphName)
    {
        var graph = _graph.Graph;
        graph.Name = graphName;
        var input = _network.InputShape;
        graph.Input.Add(ValueInfo("input", input));
        _outputs["input"] = new GraphValue("input", input.Rank == 3 ? ValueLayout.Nhwc : ValueLayout.Vector);

        GraphValue last = _outputs["input"];
        foreach (var layer in layers)
        {
            last = LayerExport.Write(this, layer);
            _outputs[layer.Name] = last;
        }
        var result = _graph.ToNhwc(last);
        _graph.NodeTo("Identity", "output", new[] { result.Name });
        graph.Output.Add(ValueInfo("output", _network.OutputShape));

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Generated",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "",
            Graph = graph,
            DocString = $"Exported from the generated network {graphName} (Keras semantics, NHWC input).",
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    public OnnxGraphBuilder Graph => _graph;

    /// <summary>The output of an earlier layer (or the network input), by the name <see cref="LayerInfo.Inputs"/> uses.</summary>
    public GraphValue Output(string name) =>
        _outputs.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"Layer output '{name}' is read before it is written.");

    /// <summary>An earlier layer's description, by name (max-unpooling reads its pooling layer's geometry and input).</summary>
    public LayerInfo Layer(string name) =>
        _network.Layers.FirstOrDefault(layer => layer.Name == name) ?? throw new InvalidOperationException($"The network has no layer '{name}'.");

    /// <summary>The parameter tensor <c>{layer}.{suffix}</c> whatever its shape (PReLU's alpha, whose shape follows its shared axes).</summary>
    public ParameterView Parameter(LayerInfo layer, string suffix) =>
        _parameters.TryGetValue(layer.Name + "." + suffix, out var view) ? view : throw Unsupported(layer, $"no parameter tensor '{layer.Name}.{suffix}'");

    /// <summary>The parameter tensor <c>{layer}.{suffix}</c>, checked against the shape the export assumes.</summary>
    public ParameterView Parameter(LayerInfo layer, string suffix, params int[] expectedShape)
    {
        var name = layer.Name + "." + suffix;
        if (!_parameters.TryGetValue(name, out var view))
        {
            throw Unsupported(layer, $"no parameter tensor '{name}' (it has {string.Join(", ", _parameters.Keys.Where(k => k.StartsWith(layer.Name + ".", StringComparison.Ordinal)))})");
        }
        if (!view.Shape.SequenceEqual(expectedShape))
        {
            throw Unsupported(layer, $"tensor '{name}' has shape [{string.Join(", ", view.Shape.ToArray())}], the export expects [{string.Join(", ", expectedShape)}]");
        }
        return view;
    }

    /// <summary>Whether <c>{layer}.{suffix}</c> exists (an optional bias).</summary>
    public bool HasParameter(LayerInfo layer, string suffix) => _parameters.ContainsKey(layer.Name + "." + suffix);

    public static NotSupportedException Unsupported(LayerInfo layer, string what) =>
        new($"ONNX export does not support layer '{layer.Name}' of kind {layer.Kind}: {what}. Nothing was written.");

    private static ValueInfoProto ValueInfo(string name, TensorShape shape) => shape.Rank == 3
        ? OnnxGraphBuilder.FloatValue(name, Batch, null, shape.Height, shape.Width, shape.Channels)
        : OnnxGraphBuilder.FloatValue(name, Batch, null, shape.Channels);
}
