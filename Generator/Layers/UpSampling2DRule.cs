using Generated.Model;

namespace Generated.Generator;

/// <summary><c>[UpSampling2D]</c>: each pixel repeated (nearest) or interpolated (bilinear) by integer factors.</summary>
internal sealed class UpSampling2DRule : LayerRule
{
    public UpSampling2DRule()
        : base(LayerKind.UpSampling2D)
    {
    }

    public override string KerasPrefix(LayerKind kind) => "up_sampling2d";

    public override LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) => MaxUnpooling.Read(layer, arguments);
    /// <summary>No matrix product: its work is proportional to the output it writes.</summary>
    public override LayerFacts Facts(LayerModel layer) => LayerFacts.OutputOnly(layer);
    /// <summary>Keras' size and interpolation; max-unpooling also names its pooling layer (<c>pooling_layer</c>).</summary>
    public override LayerConfig Config(LayerModel layer)
    {
        var config = new LayerConfig().Add("size", layer.Declaration.SizeHeight, layer.Declaration.SizeWidth).Add("interpolation", layer.Declaration.Interpolation);
        return layer.Declaration.Options is MaxUnpooling.PoolingReference reference ? config.Add("pooling_layer", reference.Name) : config;
    }

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        var input = inference.Input;
        var ok = inference.PositivePair("SizeHeight", "SizeWidth", "Size", layer.SizeHeight, layer.SizeWidth) & inference.Defined("Interpolation", layer.Interpolation);
        if (!inference.NeedsImage() || !ok)
        {
            return null;
        }
        var size = (long)input.Height * layer.SizeHeight * input.Width * layer.SizeWidth * input.Channels;
        if (size > int.MaxValue)
        {
            inference.Report(DiagnosticDescriptors.TensorTooLarge, layer.Location,
                $"output {LayerInference.Format((long)input.Height * layer.SizeHeight)}x{LayerInference.Format((long)input.Width * layer.SizeWidth)}x{LayerInference.Format(input.Channels)}",
                "layer " + inference.Name, LayerInference.Format(size));
            return null;
        }
        var model = inference.BaseModel with
        {
            OutputShape = TensorShape.Image(input.Height * layer.SizeHeight, input.Width * layer.SizeWidth, input.Channels),
            StrideHeight = layer.SizeHeight,
            StrideWidth = layer.SizeWidth,
        };
        return MaxUnpooling.Infer(inference, model);
    }

    public override GeometryExpression Geometry(LayerModel layer)
    {
        var input = layer.InputShape;
        return new GeometryExpression(RuntimeApi.UpSampling2DGeometry,
            new[] { ("InputHeight", input.Height), ("InputWidth", input.Width), ("Channels", input.Channels) },
            new[] { ("FactorHeight", layer.Declaration.SizeHeight), ("FactorWidth", layer.Declaration.SizeWidth) });
    }

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        if (MaxUnpooling.Applies(layer))
        {
            MaxUnpooling.WriteForward(scope, layer, output);
            return;
        }
        scope.Writer.WriteLine($"{RuntimeApi.UpSampling2D}.Forward({Locals.Geometry(layer)}, {Code.InterpolationLiteral(layer.Declaration.Interpolation)}, n, {scope.Input(layer)}, {output});");
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        if (MaxUnpooling.Applies(layer))
        {
            MaxUnpooling.WriteBackward(scope, layer);
            return;
        }
        var slot = scope.InputGradient(0);
        scope.Writer.WriteLine($"{RuntimeApi.UpSampling2D}.Backward({Locals.Geometry(layer)}, {Code.InterpolationLiteral(layer.Declaration.Interpolation)}, n, {scope.OutputGradient}, {slot.Target});");
        scope.Finish(slot);
    }
}
