using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[ZeroPadding2D]</c> (Keras <c>ZeroPadding2D</c>): zero rows above and below, zero columns left and right;
/// <c>ZeroPadding2D(p)</c> pads every side by <c>p</c>, <c>ZeroPadding2D(top, bottom, left, right)</c> each on its own.
/// No weights; forward copies rows into a zeroed frame, backward crops the gradient.
/// </summary>
internal sealed class ZeroPadding2DRule : LayerRule
{
    public ZeroPadding2DRule()
        : base(LayerKind.ZeroPadding2D)
    {
    }

    /// <summary>The four paddings; <paramref name="Symmetric"/> when written once (<c>ZeroPadding2D(p)</c>), so it is reported once.</summary>
    internal sealed record Paddings(int Top, int Bottom, int Left, int Right, bool Symmetric) : LayerOptions;

    public override string KerasPrefix(LayerKind kind) => "zero_padding2d";

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);

    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments)
    {
        if (arguments.Contains("padding"))
        {
            var padding = arguments.Int("padding");
            return layer with { Options = new Paddings(padding, padding, padding, padding, Symmetric: true) };
        }
        return layer with { Options = new Paddings(arguments.Int("top"), arguments.Int("bottom"), arguments.Int("left"), arguments.Int("right"), Symmetric: false) };
    }

    /// <summary>The four paddings as <c>pads</c> (<c>"top,bottom,left,right"</c>).</summary>
    public override LayerConfig Config(LayerModel layer) => new LayerConfig().AddPads(layer);

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        var input = inference.Input;
        var p = layer.Options as Paddings ?? new Paddings(0, 0, 0, 0, Symmetric: false);
        var ok = p.Symmetric
            ? NotNegative(inference, "Padding", p.Top)
            : NotNegative(inference, "Top", p.Top) & NotNegative(inference, "Bottom", p.Bottom) & NotNegative(inference, "Left", p.Left) & NotNegative(inference, "Right", p.Right);
        if (!inference.NeedsImage() || !ok)
        {
            return null;
        }
        long height = (long)p.Top + input.Height + p.Bottom, width = (long)p.Left + input.Width + p.Right;
        if (height * width * input.Channels > int.MaxValue)
        {
            inference.Report(DiagnosticDescriptors.TensorTooLarge, layer.Location,
                $"output {LayerInference.Format(height)}x{LayerInference.Format(width)}x{LayerInference.Format(input.Channels)}", "layer " + inference.Name,
                LayerInference.Format(height * width * input.Channels));
            return null;
        }
        return inference.BaseModel with
        {
            OutputShape = TensorShape.Image((int)height, (int)width, input.Channels),
            PadTop = p.Top,
            PadBottom = p.Bottom,
            PadLeft = p.Left,
            PadRight = p.Right,
        };
    }

    /// <summary>Its backward returns at once on an empty input gradient (a network whose input needs none).</summary>
    public override bool SkipsEmptyInputGradient => true;

    public override GeometryExpression Geometry(LayerModel layer)
    {
        var input = layer.InputShape;
        return new GeometryExpression(RuntimeApi.Padding2DGeometry,
            new[] { ("InputHeight", input.Height), ("InputWidth", input.Width), ("Channels", input.Channels) },
            new[] { ("PadTop", layer.PadTop), ("PadBottom", layer.PadBottom), ("PadLeft", layer.PadLeft), ("PadRight", layer.PadRight) });
    }

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output) =>
        scope.Writer.WriteLine($"{RuntimeApi.ZeroPadding2D}.Forward({Locals.Geometry(layer)}, n, {scope.Input(layer)}, {output});");

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.ZeroPadding2D}.Backward({Locals.Geometry(layer)}, n, {scope.OutputGradient}, {slot.Target});");
        scope.Finish(slot);
    }

    /// <summary>NNG0024 at <paramref name="argument"/> when a padding is negative (zero is allowed, as in Keras).</summary>
    private static bool NotNegative(LayerInference inference, string argument, int value)
    {
        if (value >= 0)
        {
            return true;
        }
        inference.Report(DiagnosticDescriptors.NegativePadding, inference.Layer.LocationOf(argument), argument, inference.Name, LayerInference.Format(value));
        return false;
    }
}
