using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[MaxPooling2D]</c>, <c>[AveragePooling2D]</c> and <c>[MinPooling2D]</c>: one window walk (strides default to the pool
/// size, as Keras' <c>strides=None</c>; <c>StridesHeight</c>/<c>StridesWidth</c> override an axis), one geometry struct;
/// they differ only in the kernel they call.
/// </summary>
internal sealed class PoolingRule : LayerRule
{
    public PoolingRule()
        : base(LayerKind.MaxPooling2D, LayerKind.AveragePooling2D, LayerKind.MinPooling2D)
    {
    }

    public override string KerasPrefix(LayerKind kind) => kind switch
    {
        LayerKind.MaxPooling2D => "max_pooling2d",
        LayerKind.MinPooling2D => "min_pooling2d",
        _ => "average_pooling2d",
    };

    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);

    /// <summary>Strides not written mean "the pool size" (0 until inference resolves it).</summary>
    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) =>
        arguments.Contains("Strides") ? layer : layer with { Strides = 0 };

    /// <summary>Keras' pooling config with the strides resolved (pool size when not written) and the resolved padding.</summary>
    public override LayerConfig Config(LayerModel layer) => new LayerConfig()
        .Add("pool_size", layer.Declaration.PoolHeight, layer.Declaration.PoolWidth).Add("strides", layer.StrideHeight, layer.StrideWidth)
        .Add("padding", layer.Declaration.Padding).AddPads(layer);

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        var input = inference.Input;
        var strides = layer.Strides; // 0: the pool size, as Keras' strides=None
        var ok = inference.PositivePair("PoolHeight", "PoolWidth", "PoolSize", layer.PoolHeight, layer.PoolWidth) & inference.Defined("Padding", layer.Padding);
        if (strides < 0)
        {
            ok &= inference.Positive("Strides", strides);
        }
        if (!inference.NeedsImage() || !ok)
        {
            return null;
        }
        if (!WindowStrides.Resolve(inference, strides == 0 ? layer.PoolHeight : strides, strides == 0 ? layer.PoolWidth : strides, out var strideHeight, out var strideWidth))
        {
            return null;
        }
        var rows = ConvArithmetic.Forward(input.Height, layer.PoolHeight, strideHeight, 1, layer.Padding);
        var columns = ConvArithmetic.Forward(input.Width, layer.PoolWidth, strideWidth, 1, layer.Padding);
        if (rows.Output <= 0 || columns.Output <= 0)
        {
            inference.Report(DiagnosticDescriptors.PoolTooLarge, layer.Location, layer.AttributeName, $"{layer.PoolHeight}x{layer.PoolWidth}", input.ToString(), inference.Name);
            return null;
        }
        var stridesText = WindowStrides.Text(strideHeight, strideWidth);
        // Keras floors the output size on purpose (2x2 pooling of 13x13 gives 6x6): an info, not a warning.
        inference.ReportUnusedInput($"{layer.PoolHeight}x{layer.PoolWidth}", stridesText, rows, columns, intendedByKeras: true);
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

    /// <summary>MaxPooling2D's backward routes the gradient to each window's maximum, where the producer's ReLU was active.</summary>
    public override bool MasksInputByRelu(LayerModel layer) => layer.Kind == LayerKind.MaxPooling2D;

    public override GeometryExpression Geometry(LayerModel layer)
    {
        var input = layer.InputShape;
        var output = layer.OutputShape;
        var d = layer.Declaration;
        return new GeometryExpression(RuntimeApi.Pool2DGeometry,
            new[] { ("InputHeight", input.Height), ("InputWidth", input.Width), ("Channels", input.Channels) },
            new[] { ("OutputHeight", output.Height), ("OutputWidth", output.Width) },
            new[] { ("PoolHeight", d.PoolHeight), ("PoolWidth", d.PoolWidth) },
            new[] { ("StrideHeight", layer.StrideHeight), ("StrideWidth", layer.StrideWidth) },
            new[] { ("PadTop", layer.PadTop), ("PadLeft", layer.PadLeft) });
    }

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        if (scope.Training is { } plan && plan.KernelGradientOfPool[layer.Index] >= 0)
        {
            // Where each maximum was, for the convolution's kernel gradient (see Fusions.PoolIntoKernelGradient).
            scope.Writer.WriteLine($"{RuntimeApi.MaxPool2D}.Forward({Locals.Geometry(layer)}, n, {scope.Input(layer)}, {output}, {RuntimeApi.AsInts(scope.Local(Locals.Positions(layer)))});");
            return;
        }
        scope.Writer.WriteLine($"{Kernel(layer)}.Forward({Locals.Geometry(layer)}, n, {scope.Input(layer)}, {output});");
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var slot = scope.InputGradient(0);
        if (scope.Plan.KernelGradientOfPool[layer.Index] is var convolution and >= 0)
        {
            scope.Writer.WriteLine($"// Taken into {scope.Graph.Layers[convolution].Name}'s backward pass, which routes this gradient through the positions recorded by the forward pass.");
        }
        else if (layer.Kind == LayerKind.MaxPooling2D)
        {
            var method = Fusions.MasksInputByRelu(scope.Graph, layer) ? "BackwardThroughRelu" : "Backward";
            scope.Writer.WriteLine($"{RuntimeApi.MaxPool2D}.{method}({Locals.Geometry(layer)}, n, {scope.Input(layer)}, {scope.Output(layer)}, {scope.OutputGradient}, {slot.Target});");
        }
        else if (layer.Kind == LayerKind.MinPooling2D)
        {
            scope.Writer.WriteLine($"{RuntimeApi.MinPool2D}.Backward({Locals.Geometry(layer)}, n, {scope.Input(layer)}, {scope.Output(layer)}, {scope.OutputGradient}, {slot.Target});");
        }
        else
        {
            scope.Writer.WriteLine($"{RuntimeApi.AveragePool2D}.Backward({Locals.Geometry(layer)}, n, {scope.OutputGradient}, {slot.Target});");
        }
        scope.Finish(slot);
    }

    private static string Kernel(LayerModel layer) => layer.Kind switch
    {
        LayerKind.MaxPooling2D => RuntimeApi.MaxPool2D,
        LayerKind.MinPooling2D => RuntimeApi.MinPool2D,
        _ => RuntimeApi.AveragePool2D,
    };
}
