using Generated.Model;

namespace Generated.Generator;

/// <summary>Names of the span locals in generated methods (a layer's locals always end in a suffix, so they never collide).</summary>
internal static class Locals
{
    public static string Camel(LayerModel layer)
    {
        var identifier = LayerNames.ToIdentifier(layer.Name);
        var camel = char.ToLowerInvariant(identifier[0]) + identifier.Substring(1);
        return char.IsDigit(camel[0]) ? "_" + camel : camel;
    }

    public static string Output(LayerModel layer) => Camel(layer) + "Output";

    public static string PreActivation(LayerModel layer) => Camel(layer) + "PreActivation";

    public static string Mask(LayerModel layer) => Camel(layer) + "Mask";

    /// <summary>Where a max pool's maxima were (one int per output value, kept in forward-buffer floats), for the kernel gradient that takes its backward pass.</summary>
    public static string Positions(LayerModel layer) => Camel(layer) + "Positions";

    /// <summary>An augmentation layer's drawn transforms, six floats per sample.</summary>
    public static string Transforms(LayerModel layer) => Camel(layer) + "Transforms";

    public static string Mean(LayerModel layer) => Camel(layer) + "Mean";

    public static string InverseStd(LayerModel layer) => Camel(layer) + "InverseStd";

    /// <summary>A gradient local: <c>d</c> and the layer's PascalCase name (<c>dConv2d1</c>).</summary>
    public static string Gradient(LayerModel layer) => "d" + LayerNames.ToIdentifier(layer.Name);

    /// <summary>The field holding a layer's packed kernel: <c>_conv2d1Packed</c>.</summary>
    public static string PackedField(LayerModel layer) => "_" + Camel(layer).TrimStart('_') + "Packed";

    /// <summary>The field holding a Conv2D's kernel packed for Predict's batch-1 direct convolution.</summary>
    public static string DirectField(LayerModel layer) => "_" + Camel(layer).TrimStart('_') + "Direct";

    /// <summary>The geometry argument of a kernel call: <c>in Geometry.Conv2d1</c>.</summary>
    public static string Geometry(LayerModel layer) => "in Geometry." + LayerNames.ToIdentifier(layer.Name);
}
