using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[GroupNormalization(groups)]</c> (Keras 3 <c>GroupNormalization</c>, default 32 groups, epsilon 1e-3): per-sample
/// statistics of each group of channels; <c>gamma</c> and <c>beta</c> per channel; training keeps the mean and inverse
/// std per sample and group for Backward.
/// </summary>
internal sealed class GroupNormalizationRule : LayerRule
{
    public GroupNormalizationRule()
        : base(LayerKind.GroupNormalization)
    {
    }

    /// <summary>The number of groups as written.</summary>
    internal sealed record Grouping(int Groups) : LayerOptions;

    public override string KerasPrefix(LayerKind kind) => "group_normalization";

    public override LayerConfig Config(LayerModel layer) => new LayerConfig().Add("groups", Groups(layer.Declaration)).Add("epsilon", layer.Declaration.Epsilon);

    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) =>
        layer with { Options = new Grouping(arguments.Int("groups", 32)) };

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        var groups = Groups(layer);
        var channels = inference.Input.Channels;
        // Reported, and checking goes on: the output shape and gamma/beta do not depend on the groups or epsilon.
        if (inference.Positive("Groups", groups) && channels % groups != 0)
        {
            inference.Report(DiagnosticDescriptors.GroupsDoNotDivideChannels, layer.LocationOf("Groups"), layer.AttributeName, inference.Name,
                LayerInference.Format(channels), inference.Input.ToString(), LayerInference.Format(groups));
        }
        if (!(layer.Epsilon > 0))
        {
            inference.Report(DiagnosticDescriptors.ArgumentOutOfRange, layer.LocationOf("Epsilon"), "Epsilon", inference.Name, "greater than 0", LayerInference.Format(layer.Epsilon));
        }
        var shape = new[] { channels }.ToEquatableArray();
        return inference.BaseModel with
        {
            Parameters = new[]
            {
                new ParameterTensor("gamma", shape, true, Initializer.Ones, 0, 0),
                new ParameterTensor("beta", shape, true, Initializer.Zeros, 0, 0),
            }.ToEquatableArray(),
        };
    }

    /// <summary>Mean and inverse standard deviation per group of each sample.</summary>
    public override IEnumerable<SavedTensor> SavedForBackward(LayerModel layer)
    {
        var groups = Groups(layer.Declaration);
        return new[] { new SavedTensor(Locals.Mean(layer), groups), new SavedTensor(Locals.InverseStd(layer), groups) };
    }

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var saved = scope.Training is null
            ? $"{RuntimeApi.Span}.Empty, {RuntimeApi.Span}.Empty"
            : $"{scope.Local(Locals.Mean(layer))}, {scope.Local(Locals.InverseStd(layer))}";
        scope.Writer.WriteLine($"{RuntimeApi.GroupNormalization}.Forward(n, {Sizes(layer)}, {scope.Input(layer)}, {scope.Weights(layer, "gamma")}, {scope.Weights(layer, "beta")}, " +
            $"{Code.FloatLiteral(layer.Declaration.Epsilon)}, {output}, {saved});");
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.GroupNormalization}.Backward(n, {Sizes(layer)}, {scope.Input(layer)}, {scope.Weights(layer, "gamma")}, " +
            $"{scope.Local(Locals.Mean(layer))}, {scope.Local(Locals.InverseStd(layer))}, {scope.OutputGradient}, {slot.Target}, " +
            $"{scope.WeightGradient(layer, "gamma")}, {scope.WeightGradient(layer, "beta")});");
        scope.Finish(slot);
    }

    private static int Groups(LayerDeclaration layer) => (layer.Options as Grouping)?.Groups ?? 32;

    /// <summary><c>pixels, channels, groups</c>.</summary>
    private static string Sizes(LayerModel layer) =>
        $"{Code.Literal(layer.InputShape.Height * layer.InputShape.Width)}, {Code.Literal(layer.InputShape.Channels)}, {Code.Literal(Groups(layer.Declaration))}";
}
