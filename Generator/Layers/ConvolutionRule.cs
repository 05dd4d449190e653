using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[Conv2D]</c> and <c>[Conv2DTranspose]</c>: one window arithmetic (forward or transposed), one kernel and bias
/// layout (Keras' <c>(KH, KW, in, out)</c>, transposed <c>(KH, KW, out, in)</c>), one geometry struct. Conv2D's
/// <c>Groups</c> (kernel <c>(KH, KW, in / groups, out)</c>, the grouped kernel) and Conv2DTranspose's
/// <c>OutputPadding</c> (Keras' <c>output_padding</c>) are read into <see cref="ConvolutionOptions"/>.
/// </summary>
internal sealed class ConvolutionRule : LayerRule
{
    public ConvolutionRule()
        : base(LayerKind.Conv2D, LayerKind.Conv2DTranspose)
    {
    }

    /// <summary>Conv2D's channel groups (1: an ordinary convolution) and Conv2DTranspose's output padding (null: not written, Keras' None).</summary>
    internal sealed record ConvolutionOptions(int Groups, int? OutputPadding) : LayerOptions;

    public override string KerasPrefix(LayerKind kind) => kind == LayerKind.Conv2D ? "conv2d" : "conv2d_transpose";

    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) =>
        arguments.Contains("Groups") || arguments.Contains("OutputPadding")
            ? layer with { Options = new ConvolutionOptions(arguments.Int("Groups", 1), arguments.Contains("OutputPadding") ? arguments.Int("OutputPadding") : null) }
            : layer;

    /// <summary>The layer's channel groups (1 unless <c>Groups</c> was written).</summary>
    internal static int Groups(LayerModel layer) => (layer.Declaration.Options as ConvolutionOptions)?.Groups ?? 1;

    /// <summary>
    /// Keras' Conv2D/Conv2DTranspose config, plus the resolved padding (<c>pads</c>: cropped output cells for the
    /// transpose). <c>groups</c> and <c>output_padding</c> appear only when written, so a reader that does not know them
    /// (the ONNX exporter refuses unknown keys) cannot mistake such a layer for a plain one.
    /// </summary>
    public override LayerConfig Config(LayerModel layer)
    {
        var d = layer.Declaration;
        var config = new LayerConfig().Add("filters", d.Filters).Add("kernel_size", d.KernelHeight, d.KernelWidth)
            .Add("strides", layer.StrideHeight, layer.StrideWidth).Add("padding", d.Padding).Add("dilation_rate", d.DilationRate, d.DilationRate)
            .Add("activation", d.Activation).Add("use_bias", d.UseBias).AddPads(layer);
        if (d.Options is ConvolutionOptions options)
        {
            if (options.Groups != 1)
            {
                config.Add("groups", options.Groups);
            }
            if (options.OutputPadding is int outputPadding)
            {
                config.Add("output_padding", outputPadding);
            }
        }
        return config;
    }

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        var input = inference.Input;
        var name = inference.Name;
        var options = layer.Options as ConvolutionOptions ?? new ConvolutionOptions(1, null);
        var ok = inference.Positive("Filters", layer.Filters) & inference.PositivePair("KernelHeight", "KernelWidth", "KernelSize", layer.KernelHeight, layer.KernelWidth)
            & inference.Positive("Strides", layer.Strides) & inference.Positive("DilationRate", layer.DilationRate)
            & inference.Defined("Padding", layer.Padding) & inference.Defined("Activation", layer.Activation)
            & WindowStrides.Resolve(inference, layer.Strides, layer.Strides, out var strideHeight, out var strideWidth)
            & inference.Positive("Groups", options.Groups);
        if (ok && (strideHeight > 1 || strideWidth > 1) && layer.DilationRate > 1)
        {
            inference.Report(DiagnosticDescriptors.StridesWithDilation, layer.LocationOf("DilationRate"), name, WindowStrides.Text(strideHeight, strideWidth), LayerInference.Format(layer.DilationRate));
            ok = false;
        }
        if (ok && options.OutputPadding is { } outputPadding && (outputPadding < 0 || outputPadding >= strideHeight || outputPadding >= strideWidth))
        {
            inference.Report(DiagnosticDescriptors.OutputPaddingOutOfRange, layer.LocationOf("OutputPadding"), name, LayerInference.Format(outputPadding),
                WindowStrides.Text(strideHeight, strideWidth));
            ok = false;
        }
        if (!inference.NeedsImage() || !ok)
        {
            return null;
        }
        if (options.Groups > 1 && (input.Channels % options.Groups != 0 || layer.Filters % options.Groups != 0))
        {
            var remedy = input.Channels % options.Groups != 0
                ? $"{LayerInference.Format(input.Channels)} channels split into groups of {LayerInference.Format(input.Channels / options.Groups)} leave {LayerInference.Format(input.Channels % options.Groups)} over"
                : $"{LayerInference.Format(layer.Filters)} filters split into groups of {LayerInference.Format(layer.Filters / options.Groups)} leave {LayerInference.Format(layer.Filters % options.Groups)} over";
            inference.Report(DiagnosticDescriptors.GroupsDoNotDivide, layer.LocationOf("Groups"), LayerInference.Format(options.Groups), name,
                LayerInference.Format(input.Channels), input.ToString(), LayerInference.Format(layer.Filters), remedy);
            return null;
        }

        var transpose = layer.Kind == LayerKind.Conv2DTranspose;
        AxisGeometry rows, columns;
        if (transpose)
        {
            if (TransposeOverflows(input.Height, layer.KernelHeight, strideHeight, layer.DilationRate) || TransposeOverflows(input.Width, layer.KernelWidth, strideWidth, layer.DilationRate))
            {
                inference.Report(DiagnosticDescriptors.TensorTooLarge, layer.Location,
                    $"output height or width ({LayerInference.Format(input.Height)}x{LayerInference.Format(input.Width)} times {WindowStrides.Text(strideHeight, strideWidth)})", "layer " + name, "more than 2147483647");
                return null;
            }
            if (options.OutputPadding is { } padding)
            {
                rows = ConvArithmetic.TransposeWithOutputPadding(input.Height, layer.KernelHeight, strideHeight, layer.DilationRate, layer.Padding, padding);
                columns = ConvArithmetic.TransposeWithOutputPadding(input.Width, layer.KernelWidth, strideWidth, layer.DilationRate, layer.Padding, padding);
            }
            else
            {
                rows = ConvArithmetic.Transpose(input.Height, layer.KernelHeight, strideHeight, layer.DilationRate, layer.Padding);
                columns = ConvArithmetic.Transpose(input.Width, layer.KernelWidth, strideWidth, layer.DilationRate, layer.Padding);
            }
        }
        else
        {
            rows = ConvArithmetic.Forward(input.Height, layer.KernelHeight, strideHeight, layer.DilationRate, layer.Padding);
            columns = ConvArithmetic.Forward(input.Width, layer.KernelWidth, strideWidth, layer.DilationRate, layer.Padding);
            if (rows.Output <= 0 || columns.Output <= 0)
            {
                var kernel = $"{layer.KernelHeight}x{layer.KernelWidth}";
                if (layer.DilationRate > 1)
                {
                    kernel += $" dilated by {layer.DilationRate} (spanning {ConvArithmetic.EffectiveKernel(layer.KernelHeight, layer.DilationRate)}x{ConvArithmetic.EffectiveKernel(layer.KernelWidth, layer.DilationRate)})";
                }
                inference.Report(DiagnosticDescriptors.KernelTooLarge, layer.Location, "Conv2D", kernel, input.ToString(), name);
                return null;
            }
            inference.ReportUnusedInput($"{layer.KernelHeight}x{layer.KernelWidth}", WindowStrides.Text(strideHeight, strideWidth), rows, columns, intendedByKeras: false);
        }

        var filters = layer.Filters;
        var receptive = layer.KernelHeight * layer.KernelWidth;
        var kernelShape = transpose
            ? new[] { layer.KernelHeight, layer.KernelWidth, filters, input.Channels }
            : new[] { layer.KernelHeight, layer.KernelWidth, input.Channels / options.Groups, filters };
        // Keras' fans: receptive field times the last-but-one and the last kernel axis.
        var parameters = new List<ParameterTensor>
        {
            new("kernel", kernelShape.ToEquatableArray(), true, Initializer.GlorotUniform, receptive * kernelShape[2], receptive * kernelShape[3]),
        };
        if (layer.UseBias)
        {
            parameters.Add(new ParameterTensor("bias", new[] { filters }.ToEquatableArray(), true, Initializer.Zeros, 0, 0));
        }
        return inference.BaseModel with
        {
            OutputShape = TensorShape.Image(rows.Output, columns.Output, filters),
            StrideHeight = strideHeight,
            StrideWidth = strideWidth,
            PadTop = rows.PadBefore,
            PadBottom = rows.PadAfter,
            PadLeft = columns.PadBefore,
            PadRight = columns.PadAfter,
            Parameters = parameters.ToEquatableArray(),
        };
    }

    /// <summary>
    /// Conv2D: <c>KH x KW x IC</c> products per output value. Conv2DTranspose scatters every input value through the
    /// whole kernel: <c>KH x KW x OC</c> products per input value (PyTorch counts it from the input side too).
    /// </summary>
    public override LayerFacts Facts(LayerModel layer)
    {
        var d = layer.Declaration;
        long taps = (long)d.KernelHeight * d.KernelWidth;
        return layer.Kind == LayerKind.Conv2D
            ? LayerFacts.WeightedSum(layer, taps * (layer.InputShape.Channels / Groups(layer)))
            : new LayerFacts(layer.InputShape.Size * taps * layer.OutputShape.Channels, layer.OutputShape.Size);
    }

    public override ActivationKind? FusedActivation(LayerModel layer) => layer.Declaration.Activation;

    /// <summary>Conv2D's backward masks its input gradient by the producer's ReLU in the col2im epilogue (not the transpose).</summary>
    public override bool MasksInputByRelu(LayerModel layer) => layer.Kind == LayerKind.Conv2D && Groups(layer) == 1;

    public override bool SkipsEmptyInputGradient => true;

    public override GeometryExpression Geometry(LayerModel layer)
    {
        var input = layer.InputShape;
        var output = layer.OutputShape;
        var d = layer.Declaration;
        return new GeometryExpression(RuntimeApi.Conv2DGeometry,
            new[] { ("InputHeight", input.Height), ("InputWidth", input.Width), ("InputChannels", input.Channels) },
            new[] { ("OutputHeight", output.Height), ("OutputWidth", output.Width), ("OutputChannels", output.Channels) },
            new[] { ("KernelHeight", d.KernelHeight), ("KernelWidth", d.KernelWidth) },
            new[] { ("StrideHeight", layer.StrideHeight), ("StrideWidth", layer.StrideWidth) },
            new[] { ("DilationHeight", d.DilationRate), ("DilationWidth", d.DilationRate) },
            new[] { ("PadTop", layer.PadTop), ("PadLeft", layer.PadLeft) });
    }

    public override IEnumerable<SavedTensor> SavedForBackward(LayerModel layer) => Generator.FusedActivation.Saved(layer);

    /// <summary>Predict reads Conv2D's packed copy; training packs on every call, as its weights change every step.</summary>
    public override bool PacksWeights(LayerModel layer) => layer.Kind == LayerKind.Conv2D && Groups(layer) == 1;

    public override void WritePack(ForwardScope scope, LayerModel layer) =>
        scope.Writer.WriteLine($"{RuntimeApi.Conv2D}.Pack({Locals.Geometry(layer)}, {scope.Weights(layer, "kernel")}, {scope.OptionalWeights(layer, "bias")}, {Locals.PackedField(layer)});");

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var input = scope.Input(layer);
        var (target, activation) = Generator.FusedActivation.KernelOutput(scope, layer, output);
        var weights = scope.Training is null && PacksWeights(layer)
            ? Locals.PackedField(layer)
            : $"{scope.Weights(layer, "kernel")}, {scope.OptionalWeights(layer, "bias")}";
        scope.Writer.WriteLine($"{Kernel(layer)}.Forward({Locals.Geometry(layer)}, {GroupsArgument(layer)}n, {input}, {weights}, {activation}, {target});");
        Generator.FusedActivation.WriteForward(scope, layer, target, output);
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var delta = Generator.FusedActivation.WriteBackward(scope, layer);
        var slot = scope.InputGradient(0);
        var method = Fusions.MasksInputByRelu(scope.Graph, layer) ? "BackwardThroughRelu" : "Backward";
        var backward = $"{Kernel(layer)}.{method}({Locals.Geometry(layer)}, {GroupsArgument(layer)}n, {scope.Input(layer)}, {scope.Weights(layer, "kernel")}, {delta}, {slot.Target}, " +
            $"{scope.WeightGradient(layer, "kernel")}, {scope.OptionalWeightGradient(layer, "bias")});";
        if (scope.Plan.PoolIntoKernelGradient[layer.Index] is var index and >= 0)
        {
            WriteBackwardThroughPool(scope, layer, scope.Graph.Layers[index], slot.Target, delta, backward);
        }
        else
        {
            scope.Writer.WriteLine(backward);
        }
        scope.Finish(slot);
    }

    /// <summary>
    /// The backward pass of a first convolution whose max pool's backward it takes (<see cref="Fusions.PoolIntoKernelGradient"/>):
    /// without an input gradient (a training step) the kernel gradient routes the pool's gradient itself; with one
    /// (Backward for a network that feeds another) the pool's pass and <paramref name="backward"/>, as for any layer.
    /// </summary>
    private static void WriteBackwardThroughPool(BackwardScope scope, LayerModel layer, LayerModel pool, string inputGradient, string delta, string backward)
    {
        var writer = scope.Writer;
        var poolGradient = scope.Local(Locals.Gradient(pool));
        using (writer.WriteBlock($"if ({inputGradient}.IsEmpty)"))
        {
            writer.WriteLine($"// {pool.Name}'s gradient routed a chunk at a time inside the kernel gradient: this layer's gradient map is never written.");
            writer.WriteLine($"{RuntimeApi.Conv2D}.KernelGradientThroughMaxPool({Locals.Geometry(layer)}, {Locals.Geometry(pool)}, n, {scope.Input(layer)}, " +
                $"{RuntimeApi.AsInts(scope.Local(Locals.Positions(pool)))}, {poolGradient}, {scope.WeightGradient(layer, "kernel")}, {scope.OptionalWeightGradient(layer, "bias")}, reluMask: true);");
        }
        using (writer.WriteBlock("else"))
        {
            writer.WriteLine($"{RuntimeApi.MaxPool2D}.BackwardThroughRelu({Locals.Geometry(pool)}, n, {scope.Output(layer)}, {scope.Tensor(pool.Index)}, {poolGradient}, {delta});");
            writer.WriteLine(backward);
        }
    }

    private static string Kernel(LayerModel layer) =>
        layer.Kind == LayerKind.Conv2DTranspose ? RuntimeApi.Conv2DTranspose : Groups(layer) > 1 ? RuntimeApi.GroupedConv2D : RuntimeApi.Conv2D;

    /// <summary>The grouped kernel's extra argument (<c>groups, </c>), empty for the others.</summary>
    private static string GroupsArgument(LayerModel layer) => Groups(layer) > 1 ? Code.Literal(Groups(layer)) + ", " : "";

    private static bool TransposeOverflows(int input, int kernel, int stride, int dilation) =>
        (long)input * stride + (long)dilation * (kernel - 1) + 1 > int.MaxValue;
}
