using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[RandomRotation(factor)]</c> (Keras <c>RandomRotation</c>): rotations of up to <c>factor * 2π</c> about the centre.</summary>
internal sealed class RandomRotationRule : AugmentationRule
{
    public RandomRotationRule()
        : base(LayerKind.RandomRotation)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "random_rotation";

    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) =>
        layer with { Options = new Augmentation(arguments.Double("factor", 0), 0, (FillModeKind)arguments.Int("FillMode"), FlipModeKind.Horizontal) };

    protected override bool CheckArguments(LayerInference inference, Augmentation options) =>
        Fraction(inference, "Factor", options.HeightFactor, null);

    protected override string Draw(LayerModel layer, Augmentation options, string transforms) =>
        $"{RuntimeApi.RandomTransforms}.Rotation({Code.FloatLiteral(options.HeightFactor)}, n, {Size(layer)}, ref _dropoutRandom, {transforms})";
}
