using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[Dense]</c>: a matrix product over the last axis (of each pixel when the input is a feature map).</summary>
internal sealed class DenseRule : LayerRule
{
    public DenseRule()
        : base(LayerKind.Dense)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "dense";

    public override LayerConfig Config(LayerModel layer) =>
        new LayerConfig().Add("units", layer.Declaration.Units).Add("activation", layer.Declaration.Activation).Add("use_bias", layer.Declaration.UseBias);

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        var input = inference.Input;
        if (!(inference.Positive("Units", layer.Units) & inference.Defined("Activation", layer.Activation)))
        {
            return null;
        }
        var parameters = new List<ParameterTensor>
        {
            new("kernel", new[] { input.Channels, layer.Units }.ToEquatableArray(), true, Initializer.GlorotUniform, input.Channels, layer.Units),
        };
        if (layer.UseBias)
        {
            parameters.Add(new ParameterTensor("bias", new[] { layer.Units }.ToEquatableArray(), true, Initializer.Zeros, 0, 0));
        }
        return inference.BaseModel with
        {
            OutputShape = input with { Channels = layer.Units },
            Parameters = parameters.ToEquatableArray(),
        };
    }

    /// <summary>One product per input value for each output value (of each pixel, on a feature map).</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.WeightedSum(layer, layer.InputShape.Channels);

    public override ActivationKind? FusedActivation(LayerModel layer) => layer.Declaration.Activation;

    public override bool SkipsEmptyInputGradient => true;

    public override IEnumerable<SavedTensor> SavedForBackward(LayerModel layer) => Generator.FusedActivation.Saved(layer);

    public override bool PacksWeights(LayerModel layer) => true;

    public override void WritePack(ForwardScope scope, LayerModel layer) =>
        scope.Writer.WriteLine($"{RuntimeApi.Dense}.Pack({Code.Literal(layer.InputShape.Channels)}, {Code.Literal(layer.OutputShape.Channels)}, " +
            $"{scope.Weights(layer, "kernel")}, {scope.OptionalWeights(layer, "bias")}, {Locals.PackedField(layer)});");

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var input = scope.Input(layer);
        var (target, activation) = Generator.FusedActivation.KernelOutput(scope, layer, output);
        // Predict reads the copy PackWeights made; training packs on every call, as its weights change every step.
        var weights = scope.Training is null ? Locals.PackedField(layer) : $"{scope.Weights(layer, "kernel")}, {scope.OptionalWeights(layer, "bias")}";
        scope.Writer.WriteLine($"{RuntimeApi.Dense}.Forward({Code.Rows(layer.InputShape)}, {Code.Literal(layer.InputShape.Channels)}, {Code.Literal(layer.OutputShape.Channels)}, {input}, {weights}, {activation}, {target});");
        Generator.FusedActivation.WriteForward(scope, layer, target, output);
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var delta = Generator.FusedActivation.WriteBackward(scope, layer);
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.Dense}.Backward({Code.Rows(layer.InputShape)}, {Code.Literal(layer.InputShape.Channels)}, {Code.Literal(layer.OutputShape.Channels)}, " +
            $"{scope.Input(layer)}, {scope.Weights(layer, "kernel")}, {delta}, {slot.Target}, {scope.WeightGradient(layer, "kernel")}, {scope.OptionalWeightGradient(layer, "bias")});");
        scope.Finish(slot);
    }
}
