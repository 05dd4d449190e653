using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[GlobalAveragePooling2D]</c> and <c>[GlobalMaxPooling2D]</c>: a feature map to one value per channel.</summary>
internal sealed class GlobalPoolingRule : LayerRule
{
    public GlobalPoolingRule()
        : base(LayerKind.GlobalAveragePooling2D, LayerKind.GlobalMaxPooling2D)
    {
    }

    public override string KerasPrefix(LayerKind kind) => kind == LayerKind.GlobalAveragePooling2D ? "global_average_pooling2d" : "global_max_pooling2d";

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);

    public override LayerModel? Infer(LayerInference inference) =>
        inference.NeedsImage() ? inference.BaseModel with { OutputShape = TensorShape.Vector(inference.Input.Channels) } : null;

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output) =>
        scope.Writer.WriteLine($"{Kernel(layer)}.Forward(n, {Pixels(layer)}, {Code.Literal(layer.InputShape.Channels)}, {scope.Input(layer)}, {output});");

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var slot = scope.InputGradient(0);
        var channels = Code.Literal(layer.InputShape.Channels);
        scope.Writer.WriteLine(layer.Kind == LayerKind.GlobalAveragePooling2D
            ? $"{RuntimeApi.GlobalAveragePool2D}.Backward(n, {Pixels(layer)}, {channels}, {scope.OutputGradient}, {slot.Target});"
            : $"{RuntimeApi.GlobalMaxPool2D}.Backward(n, {Pixels(layer)}, {channels}, {scope.Input(layer)}, {scope.Output(layer)}, {scope.OutputGradient}, {slot.Target});");
        scope.Finish(slot);
    }

    private static string Kernel(LayerModel layer) => layer.Kind == LayerKind.GlobalAveragePooling2D ? RuntimeApi.GlobalAveragePool2D : RuntimeApi.GlobalMaxPool2D;

    private static string Pixels(LayerModel layer) => Code.Literal(layer.InputShape.Height * layer.InputShape.Width);
}
