using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[Reshape]</c>: free, the same values read as another shape of equal size.</summary>
internal sealed class ReshapeRule : LayerRule
{
    public ReshapeRule()
        : base(LayerKind.Reshape)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "reshape";

    /// <summary>Free: the output is the input's memory.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.Alias;

    /// <summary>The target shape: <c>Reshape(features)</c> or <c>Reshape(height, width, channels)</c>.</summary>
    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) => layer with
    {
        Target = arguments.Contains("features")
            ? TensorShape.Vector(arguments.Int("features"))
            : TensorShape.Image(arguments.Int("height"), arguments.Int("width"), arguments.Int("channels")),
    };

    /// <summary>Keras' <c>target_shape</c>, e.g. <c>"7,7,64"</c>.</summary>
    public override LayerConfig Config(LayerModel layer) => new LayerConfig().Add("target_shape", layer.OutputShape.IsImage
        ? Code.Literal(layer.OutputShape.Height) + "," + Code.Literal(layer.OutputShape.Width) + "," + Code.Literal(layer.OutputShape.Channels)
        : Code.Literal(layer.OutputShape.Channels));

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        var input = inference.Input;
        var target = layer.Target;
        var ok = target.IsImage
            ? inference.Positive("Height", target.Height) & inference.Positive("Width", target.Width) & inference.Positive("Channels", target.Channels)
            : inference.Positive("Features", target.Channels);
        if (!ok)
        {
            return null;
        }
        if (target.Size != input.Size)
        {
            inference.Report(DiagnosticDescriptors.ReshapeSize, layer.Location, inference.Name, input.ToString(), LayerInference.Format(input.Size), target.ToString(), LayerInference.Format(target.Size));
            return null;
        }
        return inference.BaseModel with { OutputShape = target };
    }

    public override bool AliasesInput(LayerModel layer, bool inference) => true;

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output) =>
        scope.Writer.WriteLine("// Free: NHWC memory already is the new shape, so the output aliases the input.");

    public override void WriteBackward(BackwardScope scope, LayerModel layer) =>
        throw new System.InvalidOperationException("An alias has no backward pass: it shares its input's gradient region.");
}
