using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Generated.Model;

/// <summary>
/// What a layer rule's shape inference sees of one layer: its declaration, name, input, the layers before it,
/// and the checks every rule shares (each reports its diagnostic at the argument that is wrong).
/// </summary>
internal sealed class LayerInference
{
    private readonly InferenceContext _context;
    private readonly int _flattenedBy;

    public LayerInference(InferenceContext context, LayerDeclaration layer, int index, string[] names, TensorShape input, int flattenedBy, IReadOnlyList<LayerModel> earlier, int source)
    {
        Source = source;
        _context = context;
        _flattenedBy = flattenedBy;
        Layer = layer;
        Index = index;
        Names = names;
        Input = input;
        Earlier = earlier;
        BaseModel = new LayerModel(index, layer, names[index], input, input)
        {
            Inputs = new EquatableArray<int>(new[] { source }),
            InputShapes = new EquatableArray<TensorShape>(new[] { input }),
        };
    }

    public LayerDeclaration Layer { get; }

    public int Index { get; }

    /// <summary>Every layer's name (Keras' automatic names already assigned).</summary>
    public string[] Names { get; }

    public string Name => Names[Index];

    /// <summary>The main input's shape (the output of <see cref="Source"/>).</summary>
    public TensorShape Input { get; }

    /// <summary>The layer the main input comes from: the previous one, or the one <c>Input</c> names; -1 is the network input.</summary>
    public int Source { get; }

    /// <summary>The name of <see cref="Source"/> (<c>"input"</c> for the network input).</summary>
    public string SourceName => Source < 0 ? LayerNames.Input : Names[Source];

    /// <summary>The location of the main input's choice: the <c>Input</c> value if written, else the attribute.</summary>
    public LocationInfo? SourceLocation => Layer.Input is null ? Layer.Location : Layer.LocationOf(DeclarationReader.ValueKey("Input"));

    /// <summary>The models of the layers before this one.</summary>
    public IReadOnlyList<LayerModel> Earlier { get; }

    public NetworkDeclaration Declaration => _context.Declaration;

    /// <summary>The layer with its input and the output shape equal to it: rules return it <c>with</c> their changes.</summary>
    public LayerModel BaseModel { get; }

    /// <summary><c>"Conv2D layer conv2d"</c>, the subject of several messages.</summary>
    public string Title => $"{Layer.AttributeName} layer {Name}";

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        _context.Report(descriptor, location, arguments);

    /// <summary>Whether the input is a feature map; else reports NNG0009 (with the flattening layer as related location).</summary>
    public bool NeedsImage()
    {
        if (Input.IsImage)
        {
            return true;
        }
        if (_flattenedBy < 0)
        {
            Report(DiagnosticDescriptors.NeedsFeatureMap, Layer.Location, Layer.AttributeName, Name, Format(Input.Channels), "the network input",
                "declare an image input with [Network(height, width, channels)] or add [Reshape(height, width, channels)] before it");
        }
        else
        {
            // The flattening layer rides along as an additional location: the code fix moves this layer before it.
            var flattener = Declaration.Layers[_flattenedBy];
            _context.Report(DiagnosticDescriptors.NeedsFeatureMap, Layer.Location, flattener.Location, Layer.AttributeName, Name, Format(Input.Channels),
                $"{flattener.AttributeName} layer {Names[_flattenedBy]}", "move it before that layer or add [Reshape(height, width, channels)] before it");
        }
        return false;
    }

    /// <summary>Whether <paramref name="value"/> is positive; else reports NNG0006 at <paramref name="argument"/>.</summary>
    public bool Positive(string argument, int value)
    {
        if (value > 0)
        {
            return true;
        }
        Report(DiagnosticDescriptors.NonPositive, Layer.LocationOf(argument), argument, Title, Format(value));
        return false;
    }

    /// <summary>A square size written once (kernelSize, poolSize, size) is one argument: reported once.</summary>
    public bool PositivePair(string height, string width, string both, int heightValue, int widthValue)
    {
        if (heightValue <= 0 && widthValue <= 0 && heightValue == widthValue && Layer.LocationOf(height) == Layer.LocationOf(width))
        {
            Report(DiagnosticDescriptors.NonPositive, Layer.LocationOf(height), both, Title, Format(heightValue));
            return false;
        }
        return Positive(height, heightValue) & Positive(width, widthValue);
    }

    /// <summary>Whether an enum argument is a defined value; else reports NNG0020.</summary>
    public bool Defined<TEnum>(string argument, TEnum value) where TEnum : struct, Enum
    {
        if (Enum.IsDefined(typeof(TEnum), value))
        {
            return true;
        }
        Report(DiagnosticDescriptors.UndefinedEnumValue, Layer.LocationOf(argument), argument, Name,
            Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), typeof(TEnum).Name.Replace("Kind", ""));
        return false;
    }

    /// <summary>
    /// NNG0100 when a Valid window walk leaves input rows or columns unread: a warning for convolutions (weights that
    /// never see the last rows are seldom intended), an info for pooling (Keras' floor drops them by design).
    /// </summary>
    public void ReportUnusedInput(string kernel, string strides, AxisGeometry rows, AxisGeometry columns, bool intendedByKeras)
    {
        if (Layer.Padding != PaddingKind.Valid || (rows.Unused == 0 && columns.Unused == 0))
        {
            return;
        }
        var parts = new List<string>();
        if (rows.Unused > 0)
        {
            parts.Add(rows.Unused == 1 ? "1 row" : $"{rows.Unused} rows");
        }
        if (columns.Unused > 0)
        {
            parts.Add(columns.Unused == 1 ? "1 column" : $"{columns.Unused} columns");
        }
        _context.Report(DiagnosticDescriptors.UnusedInput, Layer.LocationOf("Strides"),
            intendedByKeras ? DiagnosticSeverity.Info : null,
            Layer.AttributeName, Name, kernel, strides, Input.ToString(), string.Join(" and ", parts));
    }

    /// <summary>
    /// Resolves a reference to an earlier layer by name (case-sensitive, as Keras) or <c>"input"</c>: the layer's index
    /// (-1 for the network input), or null with <paramref name="problem"/> saying why not (<see cref="ReferenceProblem"/>).
    /// </summary>
    public int? Resolve(string reference, out ReferenceProblem problem, out string description)
    {
        problem = ReferenceProblem.None;
        description = "";
        if (reference == LayerNames.Input)
        {
            return -1;
        }
        var target = Array.IndexOf(Names, reference);
        if (target < 0)
        {
            problem = ReferenceProblem.Unknown;
            description = Index == 0 ? "none (use \"input\")" : string.Join(", ", Names.Take(Index).Select(n => "'" + n + "'")) + " or \"input\"";
            return null;
        }
        if (target >= Index)
        {
            problem = ReferenceProblem.Later;
            description = target == Index ? "the layer itself" : $"layer #{Format(target + 1)}, after it";
            return null;
        }
        return target;
    }

    /// <summary>The output shape of tensor <paramref name="tensor"/> (-1: the network input), an earlier layer.</summary>
    public TensorShape ShapeOf(int tensor) => tensor < 0 ? Declaration.Input : Earlier[tensor].OutputShape;

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Why a layer reference does not resolve.</summary>
internal enum ReferenceProblem
{
    None,
    /// <summary>No layer has that name.</summary>
    Unknown,
    /// <summary>The layer itself or a later one.</summary>
    Later,
}

/// <summary>The diagnostics shape inference collects over one declaration.</summary>
internal sealed class InferenceContext
{
    public InferenceContext(NetworkDeclaration declaration) => Declaration = declaration;

    public NetworkDeclaration Declaration { get; }

    public List<DiagnosticInfo> Diagnostics { get; } = new();

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        Diagnostics.Add(new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray()));

    /// <summary>Reports with a second, related location (the code fixes read it).</summary>
    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, LocationInfo? related, params string[] arguments) =>
        Diagnostics.Add(new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray())
        {
            AdditionalLocations = related is null ? EquatableArray<LocationInfo>.Empty : new[] { related }.ToEquatableArray(),
        });

    /// <summary>Reports with a severity other than the descriptor's default (null: the default).</summary>
    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, DiagnosticSeverity? severity, params string[] arguments) =>
        Diagnostics.Add(new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray()) { Severity = severity });
}
