using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[Dropout]</c>: a seeded mask while training, the identity (an alias) at inference.</summary>
internal sealed class DropoutRule : LayerRule
{
    public DropoutRule()
        : base(LayerKind.Dropout)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "dropout";

    /// <summary>No matrix product; training writes the masked output (Predict aliases the input, but Forward keeps it).</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);
    public override LayerConfig Config(LayerModel layer) => new LayerConfig().Add("rate", layer.Declaration.Rate);

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        if (!(layer.Rate >= 0 && layer.Rate < 1))
        {
            inference.Report(DiagnosticDescriptors.DropoutRate, layer.LocationOf("Rate"), inference.Name, LayerInference.Format(layer.Rate));
        }
        return inference.BaseModel;
    }

    public override bool AliasesInput(LayerModel layer, bool inference) => inference;

    public override bool DrawsRandomly => true;

    public override IEnumerable<SavedTensor> SavedForBackward(LayerModel layer) =>
        new[] { new SavedTensor(Locals.Mask(layer), (int)layer.OutputShape.Size) };

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
        writer.WriteLines($$"""
            if (training)
            {
                {{RuntimeApi.Dropout}}.Forward({{Code.FloatLiteral(layer.Declaration.Rate)}}, ref _dropoutRandom, {{input}}, {{mask}}, {{output}});
            }
            else
            {
                // Identity at inference; a mask of ones lets Backward treat both modes alike.
                {{mask}}.Fill(1f);
                {{input}}.CopyTo({{output}});
            }
            """);
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.Dropout}.Backward({scope.Local(Locals.Mask(layer))}, {scope.OutputGradient}, {slot.Target});");
        scope.Finish(slot);
    }
}
