using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[SeparableConv2D]</c> (Keras <c>SeparableConv2D</c>): a depthwise step (strides, padding, dilation, depth
/// multiplier; <c>{layer}.depthwise_kernel</c> <c>[kh, kw, in, multiplier]</c>, no bias) then a 1x1 convolution
/// (<c>{layer}.pointwise_kernel</c> <c>[1, 1, in * multiplier, filters]</c>, <c>{layer}.bias</c>) with the fused
/// activation. Training keeps the depthwise step's output for Backward; Predict streams it through a pooled buffer.
/// </summary>
internal sealed class SeparableConv2DRule : LayerRule
{
    public SeparableConv2DRule()
        : base(LayerKind.SeparableConv2D)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "separable_conv2d";

    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) =>
        layer with { Options = new DepthwiseConv2DRule.DepthOptions(arguments.Int("DepthMultiplier", 1)) };

    public override LayerConfig Config(LayerModel layer)
    {
        var d = layer.Declaration;
        return new LayerConfig().Add("filters", d.Filters).Add("kernel_size", d.KernelHeight, d.KernelWidth).Add("strides", layer.StrideHeight, layer.StrideWidth)
            .Add("padding", d.Padding).Add("depth_multiplier", Multiplier(d)).Add("dilation_rate", d.DilationRate, d.DilationRate)
            .Add("activation", d.Activation).Add("use_bias", d.UseBias).AddPads(layer);
    }

    /// <summary>
    /// The depthwise step (kernel taps per intermediate value) plus the pointwise 1x1 convolution (one product per
    /// intermediate channel per output value); both the intermediate map and the output are written.
    /// </summary>
    public override LayerFacts Facts(LayerModel layer)
    {
        var output = layer.OutputShape;
        long depth = (long)layer.InputShape.Channels * Multiplier(layer.Declaration);
        long intermediate = (long)output.Height * output.Width * depth;
        long taps = (long)layer.Declaration.KernelHeight * layer.Declaration.KernelWidth;
        return new LayerFacts(intermediate * taps + output.Size * depth, intermediate + output.Size);
    }

    public override LayerModel? Infer(LayerInference inference)
    {
        var multiplier = Multiplier(inference.Layer);
        if (DepthwiseWindow.Infer(inference, multiplier) is not { } window)
        {
            return null;
        }
        var layer = inference.Layer;
        var input = inference.Input;
        var depth = input.Channels * multiplier;
        var receptive = layer.KernelHeight * layer.KernelWidth;
        // Keras' fans: receptive field times the last-but-one and the last kernel axis, for each kernel.
        var parameters = new List<ParameterTensor>
        {
            new("depthwise_kernel", new[] { layer.KernelHeight, layer.KernelWidth, input.Channels, multiplier }.ToEquatableArray(), true, Initializer.GlorotUniform,
                receptive * input.Channels, receptive * multiplier),
            new("pointwise_kernel", new[] { 1, 1, depth, layer.Filters }.ToEquatableArray(), true, Initializer.GlorotUniform, depth, layer.Filters),
        };
        if (layer.UseBias)
        {
            parameters.Add(new ParameterTensor("bias", new[] { layer.Filters }.ToEquatableArray(), true, Initializer.Zeros, 0, 0));
        }
        return window with { OutputShape = TensorShape.Image(window.OutputShape.Height, window.OutputShape.Width, layer.Filters), Parameters = parameters.ToEquatableArray() };
    }

    public override ActivationKind? FusedActivation(LayerModel layer) => layer.Declaration.Activation;

    public override bool SkipsEmptyInputGradient => true;

    public override GeometryExpression Geometry(LayerModel layer)
    {
        var input = layer.InputShape;
        var output = layer.OutputShape;
        var d = layer.Declaration;
        return new GeometryExpression(RuntimeApi.SeparableConv2DGeometry,
            new[] { ("InputHeight", input.Height), ("InputWidth", input.Width), ("InputChannels", input.Channels) },
            new[] { ("OutputHeight", output.Height), ("OutputWidth", output.Width), ("DepthMultiplier", Multiplier(d)), ("Filters", output.Channels) },
            new[] { ("KernelHeight", d.KernelHeight), ("KernelWidth", d.KernelWidth) },
            new[] { ("StrideHeight", layer.StrideHeight), ("StrideWidth", layer.StrideWidth) },
            new[] { ("DilationHeight", d.DilationRate), ("DilationWidth", d.DilationRate) },
            new[] { ("PadTop", layer.PadTop), ("PadLeft", layer.PadLeft) });
    }

    /// <summary>The depthwise step's output (per sample) besides Swish's pre-activation.</summary>
    public override IEnumerable<SavedTensor> SavedForBackward(LayerModel layer)
    {
        var saved = new List<SavedTensor> { new(Depthwise(layer), layer.OutputShape.Height * layer.OutputShape.Width * layer.InputShape.Channels * Multiplier(layer.Declaration)) };
        saved.AddRange(Generator.FusedActivation.Saved(layer));
        return saved;
    }

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var (target, activation) = Generator.FusedActivation.KernelOutput(scope, layer, output);
        var depthwise = scope.Training is null ? RuntimeApi.Span + ".Empty" : scope.Local(Depthwise(layer));
        scope.Writer.WriteLine($"{RuntimeApi.SeparableConv2D}.Forward({Locals.Geometry(layer)}, n, {scope.Input(layer)}, {scope.Weights(layer, "depthwise_kernel")}, " +
            $"{scope.Weights(layer, "pointwise_kernel")}, {scope.OptionalWeights(layer, "bias")}, {activation}, {depthwise}, {target});");
        Generator.FusedActivation.WriteForward(scope, layer, target, output);
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var delta = Generator.FusedActivation.WriteBackward(scope, layer);
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.SeparableConv2D}.Backward({Locals.Geometry(layer)}, n, {scope.Input(layer)}, {scope.Weights(layer, "depthwise_kernel")}, " +
            $"{scope.Weights(layer, "pointwise_kernel")}, {scope.Local(Depthwise(layer))}, {delta}, {slot.Target}, {scope.WeightGradient(layer, "depthwise_kernel")}, " +
            $"{scope.WeightGradient(layer, "pointwise_kernel")}, {scope.OptionalWeightGradient(layer, "bias")});");
        scope.Finish(slot);
    }

    /// <summary>The span local of the depthwise step's output kept for Backward: <c>separableConv2dDepthwise</c>.</summary>
    private static string Depthwise(LayerModel layer) => Locals.Camel(layer) + "Depthwise";

    private static int Multiplier(LayerDeclaration layer) => (layer.Options as DepthwiseConv2DRule.DepthOptions)?.DepthMultiplier ?? 1;
}
