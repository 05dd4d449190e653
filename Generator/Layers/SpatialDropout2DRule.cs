using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[SpatialDropout2D(rate)]</c> (Keras <c>SpatialDropout2D</c>): a seeded mask per sample and channel while training, an alias at inference.</summary>
internal sealed class SpatialDropout2DRule : LayerRule
{
    public SpatialDropout2DRule()
        : base(LayerKind.SpatialDropout2D)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "spatial_dropout2d";

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        if (!(layer.Rate >= 0 && layer.Rate < 1))
        {
            inference.Report(DiagnosticDescriptors.DropoutRate, layer.LocationOf("Rate"), inference.Name, LayerInference.Format(layer.Rate));
        }
        return inference.NeedsImage() ? inference.BaseModel : null;
    }

    public override bool AliasesInput(LayerModel layer, bool inference) => inference;

    public override bool DrawsRandomly => true;

    /// <summary>One factor per channel of each sample.</summary>
    public override IEnumerable<SavedTensor> SavedForBackward(LayerModel layer) =>
        new[] { new SavedTensor(Locals.Mask(layer), layer.OutputShape.Channels) };

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var writer = scope.Writer;
        if (scope.Training is null)
        {
            writer.WriteLine("// Identity at inference: the output aliases the input.");
            return;
        }
        var input = scope.Input(layer);
        var mask = scope.Local(Locals.Mask(layer));
        using (writer.WriteBlock("if (training)"))
        {
            writer.WriteLine($"{RuntimeApi.SpatialDropout2D}.Forward(n, {Sizes(layer)}, {Code.FloatLiteral(layer.Declaration.Rate)}, ref _dropoutRandom, {input}, {mask}, {output});");
        }
        using (writer.WriteBlock("else"))
        {
            writer.WriteLine("// Identity at inference; a mask of ones lets Backward treat both modes alike.");
            writer.WriteLine($"{mask}.Fill(1f);");
            writer.WriteLine($"{input}.CopyTo({output});");
        }
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.SpatialDropout2D}.Backward(n, {Sizes(layer)}, {scope.Local(Locals.Mask(layer))}, {scope.OutputGradient}, {slot.Target});");
        scope.Finish(slot);
    }

    /// <summary><c>pixels, channels</c> per sample.</summary>
    private static string Sizes(LayerModel layer) =>
        $"{Code.Literal(layer.InputShape.Height * layer.InputShape.Width)}, {Code.Literal(layer.InputShape.Channels)}";
}
