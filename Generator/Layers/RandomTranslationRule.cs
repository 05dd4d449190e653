using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[RandomTranslation(heightFactor, widthFactor)]</c> (Keras <c>RandomTranslation</c>): shifts of up to a fraction of the size.</summary>
internal sealed class RandomTranslationRule : AugmentationRule
{
    public RandomTranslationRule()
        : base(LayerKind.RandomTranslation)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "random_translation";

    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) =>
        layer with { Options = new Augmentation(arguments.Double("heightFactor", 0), arguments.Double("widthFactor", 0), (FillModeKind)arguments.Int("FillMode"), FlipModeKind.Horizontal) };

    protected override bool CheckArguments(LayerInference inference, Augmentation options) =>
        Fraction(inference, "HeightFactor", options.HeightFactor, "height") & Fraction(inference, "WidthFactor", options.WidthFactor, "width");

    protected override string Draw(LayerModel layer, Augmentation options, string transforms) =>
        $"{RuntimeApi.RandomTransforms}.Translation({Code.FloatLiteral(options.HeightFactor)}, {Code.FloatLiteral(options.WidthFactor)}, n, {Size(layer)}, ref _dropoutRandom, {transforms})";
}
