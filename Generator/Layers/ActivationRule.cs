using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[Activation]</c>, <c>[ReLU]</c>, <c>[LeakyReLU]</c> and <c>[Softmax]</c>: one element-wise kernel, the activation chosen by kind.</summary>
internal sealed class ActivationRule : LayerRule
{
    public ActivationRule()
        : base(LayerKind.Activation, LayerKind.ReLU, LayerKind.LeakyReLU, LayerKind.Softmax)
    {
    }

    public override string KerasPrefix(LayerKind kind) => kind switch
    {
        LayerKind.ReLU => "re_lu",
        LayerKind.LeakyReLU => "leaky_re_lu",
        LayerKind.Softmax => "softmax",
        _ => "activation",
    };

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);

    /// <summary>LeakyReLU's slope defaults to Keras' 0.3; ReLU keeps a written <c>maxValue</c> (Keras' <c>max_value</c>).</summary>
    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) => layer.Kind switch
    {
        LayerKind.LeakyReLU when !arguments.Contains("alpha") => layer with { Alpha = 0.3 },
        LayerKind.ReLU when arguments.Contains("maxValue") => layer with { Options = new ReluOptions(arguments.Double("maxValue", double.NaN)) },
        _ => layer,
    };

    /// <summary>
    /// The ceiling of a clipped ReLU (<c>[ReLU(6)]</c>). Only 6 has kernels (the <c>Relu6</c> activation's, with their
    /// finite-difference and PyTorch checks), so any other value is NNG0018 at the argument.
    /// </summary>
    private sealed record ReluOptions(double MaxValue) : LayerOptions;

    /// <summary>The one clipped ReLU the runtime has kernels for.</summary>
    private const double Relu6Ceiling = 6;

    /// <summary>The activation it applies; LeakyReLU's slope as <c>alpha</c>.</summary>
    public override LayerConfig Config(LayerModel layer)
    {
        var config = new LayerConfig().Add("activation", StandaloneActivation(layer)!.Value);
        return layer.Kind == LayerKind.LeakyReLU ? config.Add("alpha", layer.Declaration.Alpha) : config;
    }

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        if (layer.Kind == LayerKind.Activation)
        {
            inference.Defined("Activation", layer.Activation);
        }
        if (layer.Kind == LayerKind.LeakyReLU && !(layer.Alpha >= 0))
        {
            inference.Report(DiagnosticDescriptors.ArgumentOutOfRange, layer.LocationOf("Alpha"), "Alpha", inference.Name, "0 or more", LayerInference.Format(layer.Alpha));
        }
        if (layer.Options is ReluOptions { MaxValue: var maxValue } && maxValue != Relu6Ceiling)
        {
            inference.Report(DiagnosticDescriptors.ArgumentOutOfRange, layer.LocationOf("MaxValue"), "MaxValue", inference.Name, "6 (ReLU6) or not written", LayerInference.Format(maxValue));
        }
        return inference.BaseModel;
    }

    /// <summary>The activation a stand-alone activation layer applies, or null for any other layer.</summary>
    public static ActivationKind? StandaloneActivation(LayerModel layer) => layer.Kind switch
    {
        LayerKind.ReLU => layer.Declaration.Options is ReluOptions { MaxValue: Relu6Ceiling } ? ActivationKind.Relu6 : ActivationKind.Relu,
        LayerKind.LeakyReLU => ActivationKind.LeakyRelu,
        LayerKind.Softmax => ActivationKind.Softmax,
        LayerKind.Activation => layer.Declaration.Activation,
        _ => null,
    };

    /// <summary>Whether the activation's derivative needs its input (the runtime's <c>Activations.NeedsInput</c>): Swish, Gelu, HardSwish.</summary>
    public static bool NeedsInput(ActivationKind kind) => kind is ActivationKind.Swish or ActivationKind.Gelu or ActivationKind.HardSwish;

    /// <summary>The slope argument of <c>Activations</c>: the LeakyReLU layer's own, Keras' <c>"leaky_relu"</c> slope, or 0.</summary>
    public static string Alpha(LayerModel layer, ActivationKind kind) =>
        layer.Kind == LayerKind.LeakyReLU ? Code.FloatLiteral(layer.Declaration.Alpha)
        : kind == ActivationKind.LeakyRelu ? RuntimeApi.LeakyReluAlpha
        : "0f";

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var kind = StandaloneActivation(layer)!.Value;
        scope.Writer.WriteLine($"{RuntimeApi.Activations}.Forward({Code.ActivationLiteral(kind)}, {Alpha(layer, kind)}, {Code.Literal(layer.OutputShape.Channels)}, {scope.Input(layer)}, {output});");
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var kind = StandaloneActivation(layer)!.Value;
        var preActivation = NeedsInput(kind) ? scope.Input(layer) : RuntimeApi.ReadOnlySpan + ".Empty";
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.Activations}.Backward({Code.ActivationLiteral(kind)}, {Alpha(layer, kind)}, {Code.Literal(layer.OutputShape.Channels)}, {preActivation}, {scope.Output(layer)}, {scope.OutputGradient}, {slot.Target});");
        scope.Finish(slot);
    }
}
