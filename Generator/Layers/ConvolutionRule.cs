using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// <c>[Conv2D]</c> and <c>[Conv2DTranspose]</c>: one window arithmetic (forward or transposed), one kernel and bias
/// layout (Keras' <c>(KH, KW, in, out)</c>, transposed <c>(KH, KW, out, in)</c>), one geometry struct.
/// </summary>
internal sealed class ConvolutionRule : LayerRule
{
    public ConvolutionRule()
        : base(LayerKind.Conv2D, LayerKind.Conv2DTranspose)
    {
    }

    public override string KerasPrefix(LayerKind kind) => kind == LayerKind.Conv2D ? "conv2d" : "conv2d_transpose";

    /// <summary>Keras' Conv2D/Conv2DTranspose config, plus the resolved padding (<c>pads</c>: cropped output cells for the transpose).</summary>
    public override LayerConfig Config(LayerModel layer)
    {
        var d = layer.Declaration;
        return new LayerConfig().Add("filters", d.Filters).Add("kernel_size", d.KernelHeight, d.KernelWidth)
            .Add("strides", layer.StrideHeight, layer.StrideWidth).Add("padding", d.Padding).Add("dilation_rate", d.DilationRate, d.DilationRate)
            .Add("activation", d.Activation).Add("use_bias", d.UseBias).AddPads(layer);
    }

    public override LayerModel? Infer(LayerInference inference)
    {
        var layer = inference.Layer;
        var input = inference.Input;
        var name = inference.Name;
        var ok = inference.Positive("Filters", layer.Filters) & inference.PositivePair("KernelHeight", "KernelWidth", "KernelSize", layer.KernelHeight, layer.KernelWidth)
            & inference.Positive("Strides", layer.Strides) & inference.Positive("DilationRate", layer.DilationRate)
            & inference.Defined("Padding", layer.Padding) & inference.Defined("Activation", layer.Activation);
        if (ok && layer.Strides > 1 && layer.DilationRate > 1)
        {
            inference.Report(DiagnosticDescriptors.StridesWithDilation, layer.LocationOf("DilationRate"), name, LayerInference.Format(layer.Strides), LayerInference.Format(layer.DilationRate));
            ok = false;
        }
        if (!inference.NeedsImage() || !ok)
        {
            return null;
        }

        var transpose = layer.Kind == LayerKind.Conv2DTranspose;
        AxisGeometry rows, columns;
        if (transpose)
        {
            if (TransposeOverflows(input.Height, layer.KernelHeight, layer.Strides, layer.DilationRate) || TransposeOverflows(input.Width, layer.KernelWidth, layer.Strides, layer.DilationRate))
            {
                inference.Report(DiagnosticDescriptors.TensorTooLarge, layer.Location,
                    $"output height or width ({LayerInference.Format(input.Height)}x{LayerInference.Format(input.Width)} times {LayerInference.Format(layer.Strides)})", "layer " + name, "more than 2147483647");
                return null;
            }
            rows = ConvArithmetic.Transpose(input.Height, layer.KernelHeight, layer.Strides, layer.DilationRate, layer.Padding);
            columns = ConvArithmetic.Transpose(input.Width, layer.KernelWidth, layer.Strides, layer.DilationRate, layer.Padding);
        }
        else
        {
            rows = ConvArithmetic.Forward(input.Height, layer.KernelHeight, layer.Strides, layer.DilationRate, layer.Padding);
            columns = ConvArithmetic.Forward(input.Width, layer.KernelWidth, layer.Strides, layer.DilationRate, layer.Padding);
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
            inference.ReportUnusedInput($"{layer.KernelHeight}x{layer.KernelWidth}", LayerInference.Format(layer.Strides), rows, columns, intendedByKeras: false);
        }

        var filters = layer.Filters;
        var receptive = layer.KernelHeight * layer.KernelWidth;
        var kernelShape = transpose
            ? new[] { layer.KernelHeight, layer.KernelWidth, filters, input.Channels }
            : new[] { layer.KernelHeight, layer.KernelWidth, input.Channels, filters };
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
            StrideHeight = layer.Strides,
            StrideWidth = layer.Strides,
            PadTop = rows.PadBefore,
            PadBottom = rows.PadAfter,
            PadLeft = columns.PadBefore,
            PadRight = columns.PadAfter,
            Parameters = parameters.ToEquatableArray(),
        };
    }

    public override ActivationKind? FusedActivation(LayerModel layer) => layer.Declaration.Activation;

    /// <summary>Conv2D's backward masks its input gradient by the producer's ReLU in the col2im epilogue (not the transpose).</summary>
    public override bool MasksInputByRelu(LayerModel layer) => layer.Kind == LayerKind.Conv2D;

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
    public override bool PacksWeights(LayerModel layer) => layer.Kind == LayerKind.Conv2D;

    public override void WritePack(ForwardScope scope, LayerModel layer) =>
        scope.Writer.WriteLine($"{RuntimeApi.Conv2D}.Pack({Locals.Geometry(layer)}, {scope.Weights(layer, "kernel")}, {scope.OptionalWeights(layer, "bias")}, {Locals.PackedField(layer)});");

    public override void WriteForward(ForwardScope scope, LayerModel layer, string output)
    {
        var input = scope.Input(layer);
        var (target, activation) = Generator.FusedActivation.KernelOutput(scope, layer, output);
        var weights = scope.Training is null && PacksWeights(layer)
            ? Locals.PackedField(layer)
            : $"{scope.Weights(layer, "kernel")}, {scope.OptionalWeights(layer, "bias")}";
        scope.Writer.WriteLine($"{Kernel(layer)}.Forward({Locals.Geometry(layer)}, n, {input}, {weights}, {activation}, {target});");
        Generator.FusedActivation.WriteForward(scope, layer, target, output);
    }

    public override void WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var delta = Generator.FusedActivation.WriteBackward(scope, layer);
        var slot = scope.InputGradient(0);
        var method = Fusions.MasksInputByRelu(scope.Graph, layer) ? "BackwardThroughRelu" : "Backward";
        scope.Writer.WriteLine($"{Kernel(layer)}.{method}({Locals.Geometry(layer)}, n, {scope.Input(layer)}, {scope.Weights(layer, "kernel")}, {delta}, {slot.Target}, " +
            $"{scope.WeightGradient(layer, "kernel")}, {scope.OptionalWeightGradient(layer, "bias")});");
        scope.Finish(slot);
    }

    private static string Kernel(LayerModel layer) => layer.Kind == LayerKind.Conv2D ? RuntimeApi.Conv2D : RuntimeApi.Conv2DTranspose;

    private static bool TransposeOverflows(int input, int kernel, int stride, int dilation) =>
        (long)input * stride + (long)dilation * (kernel - 1) + 1 > int.MaxValue;
}
