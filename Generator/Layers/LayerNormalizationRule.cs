using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[LayerNormalization]</c>: normalizes each pixel's channels; training keeps the mean and inverse std per row.</summary>
internal sealed class LayerNormalizationRule : LayerRule
{
    public LayerNormalizationRule()
        : base(LayerKind.LayerNormalization)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "layer_normalization";

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);
    public override LayerConfig Config(LayerModel layer) => new LayerConfig().Add("epsilon", layer.Declaration.Epsilon);

    public override LayerModel? Infer(LayerInference inference)
    {
        BatchNormalizationRule.CheckEpsilonAndMomentum(inference);
        var channels = new[] { inference.Input.Channels }.ToEquatableArray();
        return inference.BaseModel with
        {
            Parameters = new[]
            {
                new ParameterTensor("gamma", channels, true, Initializer.Ones, 0, 0),
                new ParameterTensor("beta", channels, true, Initializer.Zeros, 0, 0),
            }.ToEquatableArray(),
        };
    }

    /// <summary>Mean and inverse standard deviation per row (pixel) of the sample.</summary>
    public override IEnumerable<SavedTensor> SavedForBackward(LayerModel layer)
    {
        var rows = layer.InputShape.Height * layer.InputShape.Width;
        return new[] { new SavedTensor(Locals.Mean(layer), rows), new SavedTensor(Locals.InverseStd(layer), rows) };
    }

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var saved = scope.Training is null
            ? $"{RuntimeApi.Span}.Empty, {RuntimeApi.Span}.Empty"
            : $"{scope.Local(Locals.Mean(layer))}, {scope.Local(Locals.InverseStd(layer))}";
        scope.Writer.WriteLine($"{RuntimeApi.LayerNormalization}.Forward({Code.Rows(layer.InputShape)}, {Code.Literal(layer.InputShape.Channels)}, {scope.Input(layer)}, " +
            $"{scope.Weights(layer, "gamma")}, {scope.Weights(layer, "beta")}, {Code.FloatLiteral(layer.Declaration.Epsilon)}, {output}, {saved});");
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.LayerNormalization}.Backward({Code.Rows(layer.InputShape)}, {Code.Literal(layer.InputShape.Channels)}, {scope.Input(layer)}, {scope.Weights(layer, "gamma")}, " +
            $"{scope.Local(Locals.Mean(layer))}, {scope.Local(Locals.InverseStd(layer))}, {scope.OutputGradient}, {slot.Target}, {scope.WeightGradient(layer, "gamma")}, {scope.WeightGradient(layer, "beta")});");
        scope.Finish(slot);
    }
}
