using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[DepthwiseConv2D]</c> (Keras <c>DepthwiseConv2D</c>): each input channel convolved with its own
/// <c>DepthMultiplier</c> filters; weights <c>{layer}.depthwise_kernel</c> <c>[kh, kw, in, multiplier]</c> and
/// <c>{layer}.bias</c> <c>[in * multiplier]</c>; window arithmetic as Conv2D's; fused activation as Conv2D's.
/// </summary>
internal sealed class DepthwiseConv2DRule : LayerRule
{
    public DepthwiseConv2DRule()
        : base(LayerKind.DepthwiseConv2D)
    {
    }

    /// <summary>Output channels per input channel (Keras <c>depth_multiplier</c>).</summary>
    internal sealed record DepthOptions(int DepthMultiplier) : LayerOptions;

    public override string KerasPrefix(LayerKind kind) => "depthwise_conv2d";

    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) =>
        layer with { Options = new DepthOptions(arguments.Int("DepthMultiplier", 1)) };

    public override LayerConfig Config(LayerModel layer)
    {
        var d = layer.Declaration;
        return new LayerConfig().Add("kernel_size", d.KernelHeight, d.KernelWidth).Add("strides", layer.StrideHeight, layer.StrideWidth)
            .Add("padding", d.Padding).Add("depth_multiplier", (d.Options as DepthOptions)?.DepthMultiplier ?? 1).Add("dilation_rate", d.DilationRate, d.DilationRate)
            .Add("activation", d.Activation).Add("use_bias", d.UseBias).AddPads(layer);
    }

    /// <summary>Each output value sums its kernel's taps over one input channel (no sum across channels).</summary>
    public override LayerFacts Facts(LayerModel layer) =>
        LayerFacts.WeightedSum(layer, (long)layer.Declaration.KernelHeight * layer.Declaration.KernelWidth);

    public override LayerModel? Infer(LayerInference inference)
    {
        var multiplier = (inference.Layer.Options as DepthOptions)?.DepthMultiplier ?? 1;
        if (DepthwiseWindow.Infer(inference, multiplier) is not { } window)
        {
            return null;
        }
        var layer = inference.Layer;
        var input = inference.Input;
        var channels = input.Channels * multiplier;
        var receptive = layer.KernelHeight * layer.KernelWidth;
        // Keras' fans of a [kh, kw, in, multiplier] kernel: receptive field times its last two axes.
        var parameters = new List<ParameterTensor>
        {
            new("depthwise_kernel", new[] { layer.KernelHeight, layer.KernelWidth, input.Channels, multiplier }.ToEquatableArray(), true, Initializer.GlorotUniform,
                receptive * input.Channels, receptive * multiplier),
        };
        if (layer.UseBias)
        {
            parameters.Add(new ParameterTensor("bias", new[] { channels }.ToEquatableArray(), true, Initializer.Zeros, 0, 0));
        }
        return window with { OutputShape = TensorShape.Image(window.OutputShape.Height, window.OutputShape.Width, channels), Parameters = parameters.ToEquatableArray() };
    }

    public override ActivationKind? FusedActivation(LayerModel layer) => layer.Declaration.Activation;

    public override bool SkipsEmptyInputGradient => true;

    public override GeometryExpression Geometry(LayerModel layer)
    {
        var input = layer.InputShape;
        var output = layer.OutputShape;
        var d = layer.Declaration;
        return new GeometryExpression(RuntimeApi.DepthwiseConv2DGeometry,
            new[] { ("InputHeight", input.Height), ("InputWidth", input.Width), ("InputChannels", input.Channels) },
            new[] { ("OutputHeight", output.Height), ("OutputWidth", output.Width), ("DepthMultiplier", output.Channels / input.Channels) },
            new[] { ("KernelHeight", d.KernelHeight), ("KernelWidth", d.KernelWidth) },
            new[] { ("StrideHeight", layer.StrideHeight), ("StrideWidth", layer.StrideWidth) },
            new[] { ("DilationHeight", d.DilationRate), ("DilationWidth", d.DilationRate) },
            new[] { ("PadTop", layer.PadTop), ("PadLeft", layer.PadLeft) });
    }

    public override IEnumerable<SavedTensor> SavedForBackward(LayerModel layer) => Generator.FusedActivation.Saved(layer);

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var (target, activation) = Generator.FusedActivation.KernelOutput(scope, layer, output);
        scope.Writer.WriteLine($"{RuntimeApi.DepthwiseConv2D}.Forward({Locals.Geometry(layer)}, n, {scope.Input(layer)}, {scope.Weights(layer, "depthwise_kernel")}, " +
            $"{scope.OptionalWeights(layer, "bias")}, {activation}, {target});");
        Generator.FusedActivation.WriteForward(scope, layer, target, output);
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var delta = Generator.FusedActivation.WriteBackward(scope, layer);
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.DepthwiseConv2D}.Backward({Locals.Geometry(layer)}, n, {scope.Input(layer)}, {scope.Weights(layer, "depthwise_kernel")}, {delta}, {slot.Target}, " +
            $"{scope.WeightGradient(layer, "depthwise_kernel")}, {scope.OptionalWeightGradient(layer, "bias")});");
        scope.Finish(slot);
    }
}

/// <summary>
/// The window walk DepthwiseConv2D and SeparableConv2D share with Conv2D (Keras' depthwise step): kernel, strides
/// (rectangular too), dilation, padding and the depth multiplier checked, output rows and columns and padding resolved.
/// </summary>
internal static class DepthwiseWindow
{
    /// <summary>The base model with strides, padding and the output's rows and columns (channels still the input's), or null after reporting.</summary>
    public static LayerModel? Infer(LayerInference inference, int multiplier)
    {
        var layer = inference.Layer;
        var input = inference.Input;
        var name = inference.Name;
        var ok = inference.PositivePair("KernelHeight", "KernelWidth", "KernelSize", layer.KernelHeight, layer.KernelWidth)
            & inference.Positive("Strides", layer.Strides) & inference.Positive("DilationRate", layer.DilationRate)
            & inference.Positive("DepthMultiplier", multiplier)
            & inference.Defined("Padding", layer.Padding) & inference.Defined("Activation", layer.Activation)
            & WindowStrides.Resolve(inference, layer.Strides, layer.Strides, out var strideHeight, out var strideWidth);
        if (layer.Kind == LayerKind.SeparableConv2D)
        {
            ok &= inference.Positive("Filters", layer.Filters);
        }
        if (ok && (strideHeight > 1 || strideWidth > 1) && layer.DilationRate > 1)
        {
            inference.Report(DiagnosticDescriptors.StridesWithDilation, layer.LocationOf("DilationRate"), name, WindowStrides.Text(strideHeight, strideWidth), LayerInference.Format(layer.DilationRate));
            ok = false;
        }
        if (!inference.NeedsImage() || !ok)
        {
            return null;
        }
        if ((long)input.Channels * multiplier > int.MaxValue / 2)
        {
            inference.Report(DiagnosticDescriptors.TensorTooLarge, layer.LocationOf("DepthMultiplier"), $"depthwise output channels ({LayerInference.Format(input.Channels)} x {LayerInference.Format(multiplier)})",
                "layer " + name, LayerInference.Format((long)input.Channels * multiplier));
            return null;
        }
        var rows = ConvArithmetic.Forward(input.Height, layer.KernelHeight, strideHeight, layer.DilationRate, layer.Padding);
        var columns = ConvArithmetic.Forward(input.Width, layer.KernelWidth, strideWidth, layer.DilationRate, layer.Padding);
        if (rows.Output <= 0 || columns.Output <= 0)
        {
            var kernel = $"{layer.KernelHeight}x{layer.KernelWidth}";
            if (layer.DilationRate > 1)
            {
                kernel += $" dilated by {layer.DilationRate} (spanning {ConvArithmetic.EffectiveKernel(layer.KernelHeight, layer.DilationRate)}x{ConvArithmetic.EffectiveKernel(layer.KernelWidth, layer.DilationRate)})";
            }
            inference.Report(DiagnosticDescriptors.KernelTooLarge, layer.Location, layer.AttributeName, kernel, input.ToString(), name);
            return null;
        }
        inference.ReportUnusedInput($"{layer.KernelHeight}x{layer.KernelWidth}", WindowStrides.Text(strideHeight, strideWidth), rows, columns, intendedByKeras: false);
        return inference.BaseModel with
        {
            OutputShape = TensorShape.Image(rows.Output, columns.Output, input.Channels),
            StrideHeight = strideHeight,
            StrideWidth = strideWidth,
            PadTop = rows.PadBefore,
            PadBottom = rows.PadAfter,
            PadLeft = columns.PadBefore,
            PadRight = columns.PadAfter,
        };
    }
}
