using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[Flatten]</c>: free, NHWC memory already is the flat vector.</summary>
internal sealed class FlattenRule : LayerRule
{
    public FlattenRule()
        : base(LayerKind.Flatten)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "flatten";

    /// <summary>Free: the output is the input's memory.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.Alias;

    public override LayerModel? Infer(LayerInference inference) =>
        inference.BaseModel with { OutputShape = TensorShape.Vector((int)inference.Input.Size) };

    public override bool AliasesInput(LayerModel layer, bool inference) => true;

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output) =>
        scope.Writer.WriteLine("// Free: NHWC memory already is the new shape, so the output aliases the input.");

    public override void WriteBackward(BackwardScope scope, LayerModel layer) =>
        throw new System.InvalidOperationException("An alias has no backward pass: it shares its input's gradient region.");
}
