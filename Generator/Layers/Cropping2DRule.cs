using System.Globalization;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[Cropping2D]</c> (Keras <c>Cropping2D</c>): rows removed at the top and bottom, columns at the left and right;
/// <c>Cropping2D(c)</c> crops every side by <c>c</c>, <c>Cropping2D(h, w)</c> rows by <c>h</c> and columns by <c>w</c>
/// on each side, <c>Cropping2D(top, bottom, left, right)</c> each on its own. No weights; forward copies the kept
/// part of each row, backward writes the gradient back into a zeroed frame.
/// </summary>
internal sealed class Cropping2DRule : LayerRule
{
    public Cropping2DRule()
        : base(LayerKind.Cropping2D)
    {
    }

    /// <summary>The four croppings and the constructor arguments they were written as (so each is reported once, at its argument).</summary>
    internal sealed record Croppings(int Top, int Bottom, int Left, int Right, string TopArgument, string BottomArgument, string LeftArgument, string RightArgument) : LayerOptions;

    public override string KerasPrefix(LayerKind kind) => "cropping2d";

    /// <summary>Keras' <c>cropping</c> as <c>"top,bottom,left,right"</c>.</summary>
    public override LayerConfig Config(LayerModel layer) => new LayerConfig().Add("cropping",
        string.Join(",", layer.PadTop.ToString(CultureInfo.InvariantCulture), layer.PadBottom.ToString(CultureInfo.InvariantCulture),
            layer.PadLeft.ToString(CultureInfo.InvariantCulture), layer.PadRight.ToString(CultureInfo.InvariantCulture)));

    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments)
    {
        if (arguments.Contains("cropping"))
        {
            var cropping = arguments.Int("cropping");
            return layer with { Options = new Croppings(cropping, cropping, cropping, cropping, "Cropping", "Cropping", "Cropping", "Cropping") };
        }
        if (arguments.Contains("height"))
        {
            int height = arguments.Int("height"), width = arguments.Int("width");
            return layer with { Options = new Croppings(height, height, width, width, "Height", "Height", "Width", "Width") };
        }
        return layer with { Options = new Croppings(arguments.Int("top"), arguments.Int("bottom"), arguments.Int("left"), arguments.Int("right"), "Top", "Bottom", "Left", "Right") };
    }

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        var input = inference.Input;
        var c = layer.Options as Croppings ?? new Croppings(0, 0, 0, 0, "Top", "Bottom", "Left", "Right");
        var ok = NotNegative(inference, c.TopArgument, c.Top, reported: false);
        ok &= NotNegative(inference, c.BottomArgument, c.Bottom, reported: c.BottomArgument == c.TopArgument);
        ok &= NotNegative(inference, c.LeftArgument, c.Left, reported: c.LeftArgument == c.TopArgument);
        ok &= NotNegative(inference, c.RightArgument, c.Right, reported: c.RightArgument == c.LeftArgument || c.RightArgument == c.TopArgument);
        if (!inference.NeedsImage() || !ok)
        {
            return null;
        }
        long height = (long)input.Height - c.Top - c.Bottom, width = (long)input.Width - c.Left - c.Right;
        if (height <= 0 || width <= 0)
        {
            inference.Report(DiagnosticDescriptors.CroppingLeavesNothing, layer.Location, inference.Name,
                $"{LayerInference.Format((long)c.Top + c.Bottom)} rows and {LayerInference.Format((long)c.Left + c.Right)} columns", input.ToString(),
                $"{LayerInference.Format(height)}x{LayerInference.Format(width)}");
            return null;
        }
        return inference.BaseModel with
        {
            OutputShape = TensorShape.Image((int)height, (int)width, input.Channels),
            PadTop = c.Top,
            PadBottom = c.Bottom,
            PadLeft = c.Left,
            PadRight = c.Right,
        };
    }

    /// <summary>Its backward returns at once on an empty input gradient (a network whose input needs none).</summary>
    public override bool SkipsEmptyInputGradient => true;

    public override GeometryExpression Geometry(LayerModel layer)
    {
        var input = layer.InputShape;
        return new GeometryExpression(RuntimeApi.Cropping2DGeometry,
            new[] { ("InputHeight", input.Height), ("InputWidth", input.Width), ("Channels", input.Channels) },
            new[] { ("CropTop", layer.PadTop), ("CropBottom", layer.PadBottom), ("CropLeft", layer.PadLeft), ("CropRight", layer.PadRight) });
    }

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output) =>
        scope.Writer.WriteLine($"{RuntimeApi.Cropping2D}.Forward({Locals.Geometry(layer)}, n, {scope.Input(layer)}, {output});");

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.Cropping2D}.Backward({Locals.Geometry(layer)}, n, {scope.OutputGradient}, {slot.Target});");
        scope.Finish(slot);
    }

    /// <summary>NNG0038 at <paramref name="argument"/> when a cropping is negative (zero is allowed, as in Keras); a value written once is reported once.</summary>
    private static bool NotNegative(LayerInference inference, string argument, int value, bool reported)
    {
        if (value >= 0)
        {
            return true;
        }
        if (!reported)
        {
            inference.Report(DiagnosticDescriptors.NegativeCropping, inference.Layer.LocationOf(argument), argument, inference.Name, LayerInference.Format(value));
        }
        return false;
    }
}
