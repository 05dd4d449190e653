using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[Normalization]</c> (Keras <c>Normalization</c>, axis -1): <c>(x - mean) / max(sqrt(variance), 1e-7)</c> with
/// fixed statistics per channel, kept as non-trainable weights <c>mean</c>, <c>variance</c> and Keras' <c>count</c>
/// (so <c>ParameterCount</c> is Keras' <c>2 * channels + 1</c>); a generated <c>Adapt{Layer}</c> method sets them from data.
/// </summary>
internal sealed class NormalizationRule : LayerRule
{
    public NormalizationRule()
        : base(LayerKind.Normalization)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "normalization";

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);

    public override LayerModel? Infer(LayerInference inference)
    {
        var channels = new[] { inference.Input.Channels }.ToEquatableArray();
        return inference.BaseModel with
        {
            Parameters = new[]
            {
                new ParameterTensor("mean", channels, false, Initializer.Zeros, 0, 0),
                new ParameterTensor("variance", channels, false, Initializer.Ones, 0, 0),
                new ParameterTensor("count", EquatableArray<int>.Empty, false, Initializer.Zeros, 0, 0),
            }.ToEquatableArray(),
        };
    }

    /// <summary>Its backward returns at once on an empty input gradient.</summary>
    public override bool SkipsEmptyInputGradient => true;

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output) =>
        scope.Writer.WriteLine($"{RuntimeApi.Normalization}.Forward({Code.Rows(layer.InputShape)}, {Code.Literal(layer.InputShape.Channels)}, {scope.Input(layer)}, " +
            $"{scope.Weights(layer, "mean")}, {scope.Weights(layer, "variance")}, {output});");

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.Normalization}.Backward({Code.Rows(layer.InputShape)}, {Code.Literal(layer.InputShape.Channels)}, {scope.Weights(layer, "variance")}, {scope.OutputGradient}, {slot.Target});");
        scope.Finish(slot);
    }

    /// <summary><c>public void Adapt{Layer}(ReadOnlySpan&lt;float&gt; samples)</c>: Keras' <c>adapt</c> over samples of the layer's input.</summary>
    public override void WriteMembers(IndentedWriter writer, EmitContext context, LayerModel layer)
    {
        var mean = context.Parameters.Get(layer, "mean");
        var variance = context.Parameters.Get(layer, "variance");
        var channels = Code.Literal(layer.InputShape.Channels);
        var sampleSize = Code.Literal(layer.InputShape.Size);
        writer.WriteLine("/// <summary>");
        writer.WriteLine($"/// Keras' <c>adapt</c> for <c>{Code.XmlEscape(layer.Name)}</c>: sets <see cref=\"{mean.PropertyName}\"/> and <see cref=\"{variance.PropertyName}\"/> to the mean and");
        writer.WriteLine($"/// (population) variance per channel of <paramref name=\"samples\"/>: any number of {Code.XmlEscape(layer.InputShape.ToString())} samples of the layer's input, NHWC.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"samples\">The data, e.g. the training images (for a first layer, the network's inputs).</param>");
        using (writer.WriteBlock($"public void Adapt{LayerNames.ToIdentifier(layer.Name)}({RuntimeApi.ReadOnlySpan} samples)"))
        {
            using (writer.WriteBlock($"if (samples.Length == 0 || samples.Length % {sampleSize} != 0)"))
            {
                writer.WriteLine($"throw new {RuntimeApi.ArgumentException}($\"{Code.InterpolatedText(layer.Name)} adapts to whole samples of {sampleSize} floats ({Code.InterpolatedText(layer.InputShape.ToString())}), got {{samples.Length}}.\", nameof(samples));");
            }
            writer.WriteLine($"{RuntimeApi.Normalization}.Adapt({channels}, samples, new {RuntimeApi.Span}({mean.Buffer}, {Code.Literal(mean.Offset)}, {channels}), new {RuntimeApi.Span}({variance.Buffer}, {Code.Literal(variance.Offset)}, {channels}));");
            writer.WriteLine("MarkWeightsChanged();");
        }
        writer.WriteLine();
    }
}
