using System.Collections.Generic;
using System.Linq;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[PReLU(SharedAxes = ...)]</c> (Keras <c>PReLU</c>): a trained negative slope <c>alpha</c>, zeros at first, of the
/// input's shape with size 1 along each shared axis (<c>new[] { 1, 2 }</c>: one per channel).
/// </summary>
internal sealed class PReLURule : LayerRule
{
    public PReLURule()
        : base(LayerKind.PReLU)
    {
    }

    /// <summary>The shared axes as written.</summary>
    internal sealed record Sharing(EquatableArray<int> Axes) : LayerOptions;

    public override string KerasPrefix(LayerKind kind) => "p_re_lu";

    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) =>
        layer with { Options = new Sharing(arguments.IntArray("SharedAxes")) };

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);

    public override LayerModel? Infer(LayerInference inference)
    {
        var input = inference.Input;
        var axes = Axes(inference.Layer);
        var rank = input.IsImage ? 3 : 1;
        var seen = new HashSet<int>();
        foreach (var axis in axes)
        {
            if (axis < 1 || axis > rank || !seen.Add(axis))
            {
                inference.Report(DiagnosticDescriptors.InvalidSharedAxis, inference.Layer.LocationOf("SharedAxes"), inference.Name,
                    "[" + string.Join(", ", axes) + "]", input.ToKerasString(), rank == 3 ? "1 (rows), 2 (columns) and 3 (channels)" : "1 (features)");
                return null;
            }
        }
        var shape = input.IsImage
            ? new[] { seen.Contains(1) ? 1 : input.Height, seen.Contains(2) ? 1 : input.Width, seen.Contains(3) ? 1 : input.Channels }
            : new[] { seen.Contains(1) ? 1 : input.Channels };
        return inference.BaseModel with
        {
            Parameters = new[] { new ParameterTensor("alpha", shape.ToEquatableArray(), true, Initializer.Zeros, 0, 0) }.ToEquatableArray(),
        };
    }

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output) =>
        scope.Writer.WriteLine($"{RuntimeApi.PReLU}.Forward({GeometryArgument(layer)}, n, {scope.Input(layer)}, {scope.Weights(layer, "alpha")}, {output});");

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.PReLU}.Backward({GeometryArgument(layer)}, n, {scope.Input(layer)}, {scope.Weights(layer, "alpha")}, {scope.OutputGradient}, " +
            $"{slot.Target}, {scope.WeightGradient(layer, "alpha")});");
        scope.Finish(slot);
    }

    /// <summary>Its backward skips an empty input gradient (it still accumulates alpha's gradient).</summary>
    public override bool SkipsEmptyInputGradient => true;

    /// <summary><c>new PReLUGeometry(h, w, c, shareHeight, shareWidth, shareChannels)</c>; a flat input is 1 x 1 x features, its axis 1 the channels.</summary>
    private static string GeometryArgument(LayerModel layer)
    {
        var input = layer.InputShape;
        var axes = Axes(layer.Declaration).ToList();
        bool height, width, channels;
        if (input.IsImage)
        {
            (height, width, channels) = (axes.Contains(1), axes.Contains(2), axes.Contains(3));
        }
        else
        {
            (height, width, channels) = (false, false, axes.Contains(1));
        }
        return $"new {RuntimeApi.PReLUGeometry}({Code.Literal(input.Height)}, {Code.Literal(input.Width)}, {Code.Literal(input.Channels)}, " +
            $"{Bool(height)}, {Bool(width)}, {Bool(channels)})";
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static EquatableArray<int> Axes(LayerDeclaration layer) => (layer.Options as Sharing)?.Axes ?? EquatableArray<int>.Empty;
}
