using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[UpSampling2D(size, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = "name")]</c>, the part of
/// <see cref="UpSampling2DRule"/> that inverts a named MaxPooling2D: its arguments and checks, and its kernel calls.
/// The layer reads the pooling's input and output (<see cref="LayerModel.Reads"/>, kept alive until it ran, without a
/// gradient) and finds each maximum's position again from them, so the pooling keeps no argmax of its own.
/// </summary>
internal static class MaxUnpooling
{
    /// <summary>The <c>PoolingLayer</c> argument as written.</summary>
    internal sealed record PoolingReference(string Name) : LayerOptions;

    public static LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) =>
        arguments.Contains("PoolingLayer") ? layer with { Options = new PoolingReference(arguments.String("PoolingLayer") ?? "") } : layer;

    /// <summary>Whether the layer max-unpools (its pooling tensors are its <see cref="LayerModel.Reads"/>).</summary>
    public static bool Applies(LayerModel layer) => layer.Declaration.Interpolation == InterpolationKind.MaxUnpooling;

    /// <summary>Checks the named pooling (NNG0031-NNG0033) and records what the layer reads; null after reporting.</summary>
    public static LayerModel? Infer(LayerInference inference, LayerModel model)
    {
        var layer = inference.Layer;
        var reference = (layer.Options as PoolingReference)?.Name;
        var at = layer.LocationOf(DeclarationReader.ValueKey("PoolingLayer"));
        if (layer.Interpolation != InterpolationKind.MaxUnpooling)
        {
            if (reference is null)
            {
                return model;
            }
            inference.Report(DiagnosticDescriptors.PoolingLayerWithoutMaxUnpooling, at, inference.Name, reference, "Interpolation." + layer.Interpolation);
            return null;
        }
        if (reference is null)
        {
            inference.Report(DiagnosticDescriptors.MaxUnpoolingLayer, layer.LocationOf(DeclarationReader.ValueKey("Interpolation")), inference.Name, "no PoolingLayer");
            return null;
        }
        var target = inference.Resolve(reference, out var problem, out var description);
        string? why = target switch
        {
            null when problem == ReferenceProblem.Unknown => $"'{reference}', which is not a layer of this network (names are case-sensitive; earlier layers: {description})",
            null => $"'{reference}', which is {description}",
            < 0 => $"'{reference}', the network's input, which is not a MaxPooling2D layer",
            _ when inference.Earlier[target.Value].Kind != LayerKind.MaxPooling2D => $"'{reference}', a {inference.Earlier[target.Value].Kind} layer, not a MaxPooling2D",
            _ => null,
        };
        if (why is not null)
        {
            inference.Report(DiagnosticDescriptors.MaxUnpoolingLayer, at, inference.Name, why);
            return null;
        }

        var pooling = inference.Earlier[target!.Value];
        var pool = pooling.Declaration;
        if (pool.PoolHeight != layer.SizeHeight || pool.PoolWidth != layer.SizeWidth
            || pooling.StrideHeight != layer.SizeHeight || pooling.StrideWidth != layer.SizeWidth)
        {
            inference.Report(DiagnosticDescriptors.MaxUnpoolingMismatch, layer.LocationOf("SizeHeight"), inference.Name, pooling.Name,
                $"its pool size is {pool.PoolHeight}x{pool.PoolWidth} with strides {pooling.StrideHeight}x{pooling.StrideWidth}, but the factor is {layer.SizeHeight}x{layer.SizeWidth}; unpooling needs the three equal");
            return null;
        }
        if (pooling.InputShape != model.OutputShape)
        {
            inference.Report(DiagnosticDescriptors.MaxUnpoolingMismatch, layer.Location, inference.Name, pooling.Name,
                $"this layer's output {model.OutputShape} (from {model.InputShape}) must equal the pooling's input {pooling.InputShape}");
            return null;
        }
        return model with { Reads = new EquatableArray<int>(new[] { pooling.Inputs[0], pooling.Index }) };
    }

    /// <summary><c>MaxUnpool2D.Forward</c> with the pooling's geometry, input and output.</summary>
    public static void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var pooling = scope.Context.Model.Layers[layer.Reads[1]];
        scope.Writer.WriteLine($"{RuntimeApi.MaxUnpool2D}.Forward({Locals.Geometry(pooling)}, n, {scope.Tensor(layer.Reads[0])}, {scope.Tensor(layer.Reads[1])}, {scope.Input(layer)}, {output});");
    }

    /// <summary><c>MaxUnpool2D.Backward</c>: the gradient gathered from the remembered positions.</summary>
    public static void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var pooling = scope.Context.Model.Layers[layer.Reads[1]];
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.MaxUnpool2D}.Backward({Locals.Geometry(pooling)}, n, {scope.Tensor(layer.Reads[0])}, {scope.Tensor(layer.Reads[1])}, {scope.OutputGradient}, {slot.Target});");
        scope.Finish(slot);
    }
}
