using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[BatchNormalization]</c>: batch statistics (and moving averages) while training, the moving statistics at
/// inference; in Predict it can also apply the stand-alone activation before it (<see cref="WriteAfterActivation"/>).
/// </summary>
internal sealed class BatchNormalizationRule : LayerRule
{
    public BatchNormalizationRule()
        : base(LayerKind.BatchNormalization)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "batch_normalization";

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);
    public override LayerConfig Config(LayerModel layer) =>
        new LayerConfig().Add("momentum", layer.Declaration.Momentum).Add("epsilon", layer.Declaration.Epsilon);

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        CheckEpsilonAndMomentum(inference);
        var channels = new[] { inference.Input.Channels }.ToEquatableArray();
        return inference.BaseModel with
        {
            Parameters = new[]
            {
                new ParameterTensor("gamma", channels, true, Initializer.Ones, 0, 0),
                new ParameterTensor("beta", channels, true, Initializer.Zeros, 0, 0),
                new ParameterTensor("moving_mean", channels, false, Initializer.Zeros, 0, 0),
                new ParameterTensor("moving_variance", channels, false, Initializer.Ones, 0, 0),
            }.ToEquatableArray(),
        };
    }

    /// <summary>Keras' checks of <c>epsilon</c> and <c>momentum</c>, shared with layer normalization.</summary>
    internal static void CheckEpsilonAndMomentum(LayerInference inference)
    {
        var layer = inference.Layer;
        if (!(layer.Epsilon > 0))
        {
            inference.Report(DiagnosticDescriptors.ArgumentOutOfRange, layer.LocationOf("Epsilon"), "Epsilon", inference.Name, "greater than 0", LayerInference.Format(layer.Epsilon));
        }
        if (!(layer.Momentum >= 0 && layer.Momentum <= 1))
        {
            inference.Report(DiagnosticDescriptors.ArgumentOutOfRange, layer.LocationOf("Momentum"), "Momentum", inference.Name, "in [0, 1]", LayerInference.Format(layer.Momentum));
        }
    }

    /// <summary>The batch mean and inverse std per channel, for the whole batch.</summary>
    public override IEnumerable<SavedTensor> SavedForBackward(LayerModel layer) => new[]
    {
        new SavedTensor(Locals.Mean(layer), layer.InputShape.Channels, PerBatch: true),
        new SavedTensor(Locals.InverseStd(layer), layer.InputShape.Channels, PerBatch: true),
    };

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var writer = scope.Writer;
        var d = layer.Declaration;
        var input = scope.Input(layer);
        var rows = Code.Rows(layer.InputShape);
        var channels = Code.Literal(layer.InputShape.Channels);
        var gamma = scope.Weights(layer, "gamma");
        var beta = scope.Weights(layer, "beta");
        var mean = scope.Weights(layer, "moving_mean");
        var variance = scope.Weights(layer, "moving_variance");
        var inference = $"{RuntimeApi.BatchNormalization}.ForwardInference({rows}, {channels}, {input}, {gamma}, {beta}, {mean}, {variance}, {Code.FloatLiteral(d.Epsilon)}, {output});";
        if (scope.Training is null)
        {
            writer.WriteLine(inference);
            return;
        }
        // A frozen batch normalization (Trainable = false) normalizes with its moving statistics even while training, as Keras 2.1+.
        using (writer.WriteBlock($"if (training && _forwardTrainable[{Code.Literal(layer.Index)}])"))
        {
            writer.WriteLine($"{RuntimeApi.BatchNormalization}.ForwardTraining({rows}, {channels}, {input}, {gamma}, {beta}, {mean}, {variance}, " +
                $"{Code.FloatLiteral(d.Momentum)}, {Code.FloatLiteral(d.Epsilon)}, {output}, {scope.Local(Locals.Mean(layer))}, {scope.Local(Locals.InverseStd(layer))});");
        }
        using (writer.WriteBlock("else"))
        {
            writer.WriteLine(inference);
        }
    }

    /// <summary>
    /// Predict's inference batch normalization that also applies the stand-alone <paramref name="activation"/> layer
    /// before it (see <see cref="Fusions.ActivationsIntoNext"/>), reading that layer's input.
    /// </summary>
    public static void WriteAfterActivation(ForwardScope scope, LayerModel activation, LayerModel normalization, string output)
    {
        var kind = ActivationRule.StandaloneActivation(activation)!.Value;
        var shape = normalization.InputShape;
        scope.Writer.WriteLine(Comment(normalization) + $", after {activation.Name}");
        scope.Writer.WriteLine($"{RuntimeApi.BatchNormalization}.ForwardInference({Code.Rows(shape)}, {Code.Literal(shape.Channels)}, {Code.ActivationLiteral(kind)}, {ActivationRule.Alpha(activation, kind)}, {scope.Input(activation)}, " +
            $"{scope.Weights(normalization, "gamma")}, {scope.Weights(normalization, "beta")}, {scope.Weights(normalization, "moving_mean")}, " +
            $"{scope.Weights(normalization, "moving_variance")}, {Code.FloatLiteral(normalization.Declaration.Epsilon)}, {output});");
    }

    /// <summary>After Forward(training: false), or when frozen, the moving statistics were constants of the forward pass (Keras' training=False).</summary>
    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var writer = scope.Writer;
        var rows = Code.Rows(layer.InputShape);
        var channels = Code.Literal(layer.InputShape.Channels);
        var input = scope.Input(layer);
        var dY = scope.OutputGradient;
        var slot = scope.InputGradient(0);
        var gamma = scope.Weights(layer, "gamma");
        var gradients = $"{scope.WeightGradient(layer, "gamma")}, {scope.WeightGradient(layer, "beta")}";
        using (writer.WriteBlock($"if (_forwardTraining && _forwardTrainable[{Code.Literal(layer.Index)}])"))
        {
            writer.WriteLine($"{RuntimeApi.BatchNormalization}.Backward({rows}, {channels}, {input}, {gamma}, {scope.Local(Locals.Mean(layer))}, {scope.Local(Locals.InverseStd(layer))}, {dY}, {slot.Target}, {gradients});");
        }
        using (writer.WriteBlock("else"))
        {
            writer.WriteLine($"{RuntimeApi.BatchNormalization}.BackwardInference({rows}, {channels}, {input}, {gamma}, {scope.Weights(layer, "moving_mean")}, {scope.Weights(layer, "moving_variance")}, " +
                $"{Code.FloatLiteral(layer.Declaration.Epsilon)}, {dY}, {slot.Target}, {gradients});");
        }
        scope.Finish(slot);
    }
}
