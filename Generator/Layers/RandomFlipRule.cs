using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[RandomFlip(mode)]</c> (Keras <c>RandomFlip</c>, default both axes): a coin per axis and sample while training.</summary>
internal sealed class RandomFlipRule : AugmentationRule
{
    public RandomFlipRule()
        : base(LayerKind.RandomFlip)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "random_flip";

    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) =>
        layer with { Options = new Augmentation(0, 0, FillModeKind.Reflect, (FlipModeKind)arguments.Int("mode", (int)FlipModeKind.HorizontalAndVertical)) };

    protected override bool CheckArguments(LayerInference inference, Augmentation options) => inference.Defined("Mode", options.Flip);

    protected override string Draw(LayerModel layer, Augmentation options, string transforms) =>
        $"{RuntimeApi.RandomTransforms}.Flip({RuntimeApi.FlipModeMember}{options.Flip}, n, {Size(layer)}, ref _dropoutRandom, {transforms})";
}
