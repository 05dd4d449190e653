using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[Rescaling(scale, Offset = 0)]</c> (Keras <c>Rescaling</c>): <c>x * scale + offset</c>, no weights.</summary>
internal sealed class RescalingRule : LayerRule
{
    public RescalingRule()
        : base(LayerKind.Rescaling)
    {
    }

    /// <summary>The factor and the offset as written.</summary>
    internal sealed record Scaling(double Scale, double Offset) : LayerOptions;

    public override string KerasPrefix(LayerKind kind) => "rescaling";

    public override LayerConfig Config(LayerModel layer) => new LayerConfig().Add("scale", Options(layer.Declaration).Scale).Add("offset", Options(layer.Declaration).Offset);

    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) =>
        layer with { Options = new Scaling(arguments.Double("scale", 1), arguments.Double("Offset", 0)) };

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);

    public override LayerModel? Infer(LayerInference inference)
    {
        var scaling = Options(inference.Layer);
        // Reported, and checking goes on: the output shape does not depend on the values.
        Finite(inference, "Scale", scaling.Scale);
        Finite(inference, "Offset", scaling.Offset);
        return inference.BaseModel;
    }

    /// <summary>Its backward returns at once on an empty input gradient.</summary>
    public override bool SkipsEmptyInputGradient => true;

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var scaling = Options(layer.Declaration);
        scope.Writer.WriteLine($"{RuntimeApi.Rescaling}.Forward({Code.FloatLiteral(scaling.Scale)}, {Code.FloatLiteral(scaling.Offset)}, {scope.Input(layer)}, {output});");
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.Rescaling}.Backward({Code.FloatLiteral(Options(layer.Declaration).Scale)}, {scope.OutputGradient}, {slot.Target});");
        scope.Finish(slot);
    }

    private static Scaling Options(LayerDeclaration layer) => layer.Options as Scaling ?? new Scaling(1, 0);

    /// <summary>NNG0018 at <paramref name="argument"/> unless the value is a finite float.</summary>
    private static bool Finite(LayerInference inference, string argument, double value)
    {
        if (!double.IsNaN(value) && !double.IsInfinity(value) && !float.IsInfinity((float)value))
        {
            return true;
        }
        inference.Report(DiagnosticDescriptors.ArgumentOutOfRange, inference.Layer.LocationOf(argument), argument, inference.Name, "a finite float", LayerInference.Format(value));
        return false;
    }
}
