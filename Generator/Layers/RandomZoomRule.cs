using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[RandomZoom(heightFactor)]</c> or <c>[RandomZoom(heightFactor, widthFactor)]</c> (Keras <c>RandomZoom</c>): zooms of
/// <c>1 ± factor</c> about the centre; without a width factor both axes take the row zoom, as Keras' <c>width_factor=None</c>.
/// </summary>
internal sealed class RandomZoomRule : AugmentationRule
{
    public RandomZoomRule()
        : base(LayerKind.RandomZoom)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "random_zoom";

    /// <summary>A width factor not written is NaN.</summary>
    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) =>
        layer with { Options = new Augmentation(arguments.Double("heightFactor", 0), arguments.Double("widthFactor", double.NaN), (FillModeKind)arguments.Int("FillMode"), FlipModeKind.Horizontal) };

    protected override bool CheckArguments(LayerInference inference, Augmentation options) =>
        Fraction(inference, "HeightFactor", options.HeightFactor, "height") & (double.IsNaN(options.WidthFactor) || Fraction(inference, "WidthFactor", options.WidthFactor, "width"));

    protected override string Draw(LayerModel layer, Augmentation options, string transforms)
    {
        var width = double.IsNaN(options.WidthFactor) ? "null" : Code.FloatLiteral(options.WidthFactor);
        return $"{RuntimeApi.RandomTransforms}.Zoom({Code.FloatLiteral(options.HeightFactor)}, {width}, n, {Size(layer)}, ref _dropoutRandom, {transforms})";
    }
}
