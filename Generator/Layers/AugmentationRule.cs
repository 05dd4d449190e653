using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// What Keras' augmentation layers share (<see cref="RandomFlipRule"/>, <see cref="RandomTranslationRule"/>,
/// <see cref="RandomRotationRule"/>, <see cref="RandomZoomRule"/>): in training, a transform per sample drawn from the
/// network's seeded stream and a bilinear resampling (<c>ImageTransform</c>) whose backward sends the gradient back
/// through the same transform; with <c>training: false</c> the identity transform; in Predict an alias (no code).
/// </summary>
internal abstract class AugmentationRule : LayerRule
{
    protected AugmentationRule(LayerKind kind)
        : base(kind)
    {
    }

    /// <summary>The kind's factors and modes as written.</summary>
    internal sealed record Augmentation(double HeightFactor, double WidthFactor, FillModeKind Fill, FlipModeKind Flip) : LayerOptions;

    /// <summary>No matrix product (a resampling in training, the identity otherwise): its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);

    public override LayerModel? Infer(LayerInference inference)
    {
        var options = Options(inference.Layer);
        // A bad factor or mode is reported and checking goes on: the output shape does not depend on them.
        CheckArguments(inference, options);
        inference.Defined("FillMode", options.Fill);
        return inference.NeedsImage() ? inference.BaseModel : null;
    }

    /// <summary>The kind's own checks (factors in [0, 1]), each reported at its argument.</summary>
    protected abstract bool CheckArguments(LayerInference inference, Augmentation options);

    /// <summary>The <c>RandomTransforms</c> call that draws this batch's transforms into <paramref name="transforms"/>.</summary>
    protected abstract string Draw(LayerModel layer, Augmentation options, string transforms);

    public override bool AliasesInput(LayerModel layer, bool inference) => inference;

    public override bool DrawsRandomly => true;

    /// <summary>Its backward returns at once on an empty input gradient.</summary>
    public override bool SkipsEmptyInputGradient => true;

    public override IEnumerable<SavedTensor> SavedForBackward(LayerModel layer) =>
        new[] { new SavedTensor(Locals.Transforms(layer), 6) };

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var writer = scope.Writer;
        if (scope.Training is null)
        {
            writer.WriteLine("// Identity at inference: the output aliases the input.");
            return;
        }
        var transforms = scope.Local(Locals.Transforms(layer));
        using (writer.WriteBlock("if (training)"))
        {
            writer.WriteLine(Draw(layer, Options(layer.Declaration), transforms) + ";");
        }
        using (writer.WriteBlock("else"))
        {
            writer.WriteLine("// Identity with training: false; Backward then passes the gradient through unchanged.");
            writer.WriteLine($"{RuntimeApi.RandomTransforms}.Identity(n, {transforms});");
        }
        writer.WriteLine($"{RuntimeApi.ImageTransform}.Forward(n, {Shape(layer)}, {Fill(layer)}, {transforms}, {scope.Input(layer)}, {output});");
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.ImageTransform}.Backward(n, {Shape(layer)}, {Fill(layer)}, {scope.Local(Locals.Transforms(layer))}, {scope.OutputGradient}, {slot.Target});");
        scope.Finish(slot);
    }

    /// <summary>NNG0047 at <paramref name="argument"/> unless the factor lies in [0, 1].</summary>
    /// <param name="axis">The input axis the factor is a fraction of (<c>height</c>, <c>width</c>), or null for a full turn.</param>
    protected static bool Fraction(LayerInference inference, string argument, double value, string? axis)
    {
        if (value >= 0 && value <= 1)
        {
            return true;
        }
        inference.Report(DiagnosticDescriptors.AugmentationFactor, inference.Layer.LocationOf(argument), argument, inference.Layer.AttributeName, inference.Name,
            axis is null ? "a full turn, 2π" : $"the {inference.Input} input's {axis}", LayerInference.Format(value));
        return false;
    }

    /// <summary><c>height, width</c> of the layer's input, the two size arguments of the draws.</summary>
    protected static string Size(LayerModel layer) => $"{Code.Literal(layer.InputShape.Height)}, {Code.Literal(layer.InputShape.Width)}";

    protected static Augmentation Options(LayerDeclaration layer) =>
        layer.Options as Augmentation ?? new Augmentation(0, 0, FillModeKind.Reflect, FlipModeKind.HorizontalAndVertical);

    private static string Shape(LayerModel layer) => $"{Size(layer)}, {Code.Literal(layer.InputShape.Channels)}";

    private static string Fill(LayerModel layer) => RuntimeApi.FillModeMember + Options(layer.Declaration).Fill;
}
