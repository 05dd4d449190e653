using System;
using Generated.Model;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>Names of the span locals in generated methods (a layer's locals always end in a suffix, so they never collide).</summary>
    internal static class Locals
    {
        public static string Camel(LayerModel layer)
        {
            var identifier = LayerNames.ToIdentifier(layer.Name);
            var camel = char.ToLowerInvariant(identifier[0]) + identifier.Substring(1);
            return char.IsDigit(camel[0]) ? "_" + camel : camel;
        }

        public static string Output(LayerModel layer) => Camel(layer) + "Output";

        public static string PreActivation(LayerModel layer) => Camel(layer) + "PreActivation";

        public static string Mask(LayerModel layer) => Camel(layer) + "Mask";

        public static string Mean(LayerModel layer) => Camel(layer) + "Mean";

        public static string InverseStd(LayerModel layer) => Camel(layer) + "InverseStd";

        /// <summary>A gradient local: <c>d</c> and the layer's PascalCase name (<c>dConv2d1</c>).</summary>
        public static string Gradient(LayerModel layer) => "d" + LayerNames.ToIdentifier(layer.Name);
    }

    /// <summary>
    /// How one method addresses tensors: <see cref="Tensor"/> maps a tensor id to the expression of its
    /// (root's) memory; <see cref="Training"/> is null in Predict.
    /// </summary>
    internal sealed class ForwardScope
    {
        public ForwardScope(EmitContext context, Func<int, string> tensor, TrainingPlan? training)
        {
            Context = context;
            Tensor = tensor;
            Training = training;
        }

        public EmitContext Context { get; }

        public Func<int, string> Tensor { get; }

        public TrainingPlan? Training { get; }

        public Graph Graph => Training?.Graph ?? Context.Inference.Graph;
    }

    /// <summary>A one-line comment naming the layer and its shapes, above its kernel call.</summary>
    internal static string LayerComment(LayerModel layer) =>
        $"// {layer.Name} ({layer.Kind}): {layer.InputShape} -> {layer.OutputShape}";

    /// <summary>The activation literal for a kernel's <c>Activation</c> argument.</summary>
    internal static string ActivationLiteral(ActivationKind kind) => Names.Activation + kind;

    /// <summary>The slope argument of <c>Activations</c>: Keras' <c>"leaky_relu"</c> slope, or the LeakyReLU layer's own.</summary>
    internal static string AlphaLiteral(LayerModel layer, ActivationKind kind) =>
        layer.Kind == LayerKind.LeakyReLU ? FloatLiteral(layer.Declaration.Alpha)
        : kind == ActivationKind.LeakyRelu ? Names.Kernels + "Activations.LeakyReluAlpha"
        : "0f";

    /// <summary>The activation a stand-alone activation layer applies.</summary>
    internal static ActivationKind StandaloneActivation(LayerModel layer) => layer.Kind switch
    {
        LayerKind.ReLU => ActivationKind.Relu,
        LayerKind.LeakyReLU => ActivationKind.LeakyRelu,
        LayerKind.Softmax => ActivationKind.Softmax,
        _ => layer.Declaration.Activation,
    };

    /// <summary>Rows for kernels that work on the last axis: batch times pixels per sample.</summary>
    internal static string Rows(TensorShape shape) =>
        shape.Height * shape.Width == 1 ? "n" : $"n * {Literal(shape.Height * shape.Width)}";

    /// <summary>Writes the forward kernel call(s) of one layer into <paramref name="output"/>.</summary>
    internal static void WriteLayerForward(IndentedWriter writer, ForwardScope scope, LayerModel layer, string output)
    {
        var parameters = scope.Context.Parameters;
        var training = scope.Training;
        var input = scope.Tensor(layer.Inputs[0]);
        var d = layer.Declaration;
        var geometry = "in Geometry." + LayerNames.ToIdentifier(layer.Name);
        var inputShape = layer.InputShape;
        var outputShape = layer.OutputShape;
        writer.WriteLine(LayerComment(layer));
        switch (layer.Kind)
        {
            case LayerKind.Conv2D:
            case LayerKind.Conv2DTranspose:
            case LayerKind.Dense:
            {
                var kernel = parameters.Get(layer, "kernel").Span;
                var bias = parameters.Find(layer, "bias")?.Span ?? Names.ReadOnlySpan + ".Empty";
                var swish = d.Activation == ActivationKind.Swish;
                // Swish is not fused: training keeps its pre-activation for the backward pass.
                var target = swish && training is not null ? Locals.PreActivation(layer) : output;
                var activation = ActivationLiteral(swish ? ActivationKind.Linear : d.Activation);
                // Predict reads the copies PackWeights made (Conv2D and Dense); training packs on every call, as its weights change every step.
                var packed = training is null && layer.Kind is LayerKind.Conv2D or LayerKind.Dense;
                var weights = packed ? PackedField(layer) : $"{kernel}, {bias}";
                if (layer.Kind == LayerKind.Dense)
                {
                    writer.WriteLine($"{Names.Kernels}Dense.Forward({Rows(inputShape)}, {Literal(inputShape.Channels)}, {Literal(outputShape.Channels)}, {input}, {weights}, {activation}, {target});");
                }
                else if (packed)
                {
                    writer.WriteLine($"{Names.Kernels}{layer.Kind}.Forward({geometry}, n, {input}, {weights}, {activation}, {target});");
                }
                else
                {
                    writer.WriteLine($"{Names.Kernels}{layer.Kind}.Forward({geometry}, n, {input}, {kernel}, {bias}, {activation}, {target});");
                }
                if (swish)
                {
                    writer.WriteLine($"{Names.Kernels}Activations.Forward({ActivationLiteral(ActivationKind.Swish)}, 0f, {Literal(outputShape.Channels)}, {target}, {output});");
                }
                break;
            }

            case LayerKind.MaxPooling2D:
                writer.WriteLine($"{Names.Kernels}MaxPool2D.Forward({geometry}, n, {input}, {output});");
                break;

            case LayerKind.AveragePooling2D:
                writer.WriteLine($"{Names.Kernels}AveragePool2D.Forward({geometry}, n, {input}, {output});");
                break;

            case LayerKind.GlobalAveragePooling2D:
            case LayerKind.GlobalMaxPooling2D:
            {
                var kernel = layer.Kind == LayerKind.GlobalAveragePooling2D ? "GlobalAveragePool2D" : "GlobalMaxPool2D";
                writer.WriteLine($"{Names.Kernels}{kernel}.Forward(n, {Literal(inputShape.Height * inputShape.Width)}, {Literal(inputShape.Channels)}, {input}, {output});");
                break;
            }

            case LayerKind.UpSampling2D:
                writer.WriteLine($"{Names.Kernels}UpSampling2D.Forward({geometry}, {Names.Interpolation}{d.Interpolation}, n, {input}, {output});");
                break;

            case LayerKind.Flatten:
            case LayerKind.Reshape:
                writer.WriteLine("// Free: NHWC memory already is the new shape, so the output aliases the input.");
                break;

            case LayerKind.Dropout:
                if (training is null)
                {
                    writer.WriteLine("// Identity at inference: the output aliases the input.");
                    break;
                }
                var mask = Locals.Mask(layer);
                using (writer.WriteBlock("if (training)"))
                {
                    writer.WriteLine($"{Names.Kernels}Dropout.Forward({FloatLiteral(d.Rate)}, ref _dropoutRandom, {input}, {mask}, {output});");
                }
                using (writer.WriteBlock("else"))
                {
                    writer.WriteLine("// Identity at inference; a mask of ones lets Backward treat both modes alike.");
                    writer.WriteLine($"{mask}.Fill(1f);");
                    writer.WriteLine($"{input}.CopyTo({output});");
                }
                break;

            case LayerKind.BatchNormalization:
            {
                var gamma = parameters.Get(layer, "gamma").Span;
                var beta = parameters.Get(layer, "beta").Span;
                var mean = parameters.Get(layer, "moving_mean").Span;
                var variance = parameters.Get(layer, "moving_variance").Span;
                var channels = Literal(inputShape.Channels);
                var inference = $"{Names.Kernels}BatchNormalization.ForwardInference({Rows(inputShape)}, {channels}, {input}, {gamma}, {beta}, {mean}, {variance}, {FloatLiteral(d.Epsilon)}, {output});";
                if (training is null)
                {
                    writer.WriteLine(inference);
                    break;
                }
                using (writer.WriteBlock("if (training)"))
                {
                    writer.WriteLine($"{Names.Kernels}BatchNormalization.ForwardTraining({Rows(inputShape)}, {channels}, {input}, {gamma}, {beta}, {mean}, {variance}, " +
                        $"{FloatLiteral(d.Momentum)}, {FloatLiteral(d.Epsilon)}, {output}, {Locals.Mean(layer)}, {Locals.InverseStd(layer)});");
                }
                using (writer.WriteBlock("else"))
                {
                    writer.WriteLine(inference);
                }
                break;
            }

            case LayerKind.LayerNormalization:
            {
                var gamma = parameters.Get(layer, "gamma").Span;
                var beta = parameters.Get(layer, "beta").Span;
                var saved = training is null
                    ? $"{Names.Span}.Empty, {Names.Span}.Empty"
                    : $"{Locals.Mean(layer)}, {Locals.InverseStd(layer)}";
                writer.WriteLine($"{Names.Kernels}LayerNormalization.Forward({Rows(inputShape)}, {Literal(inputShape.Channels)}, {input}, {gamma}, {beta}, {FloatLiteral(d.Epsilon)}, {output}, {saved});");
                break;
            }

            case LayerKind.Activation:
            case LayerKind.ReLU:
            case LayerKind.LeakyReLU:
            case LayerKind.Softmax:
            {
                var kind = StandaloneActivation(layer);
                writer.WriteLine($"{Names.Kernels}Activations.Forward({ActivationLiteral(kind)}, {AlphaLiteral(layer, kind)}, {Literal(outputShape.Channels)}, {input}, {output});");
                break;
            }

            case LayerKind.Add:
                writer.WriteLine($"{Names.Kernels}Merge.Add({input}, {scope.Tensor(layer.Inputs[1])}, {output});");
                for (var i = 2; i < layer.Inputs.Count; i++)
                {
                    writer.WriteLine($"{Names.Kernels}Merge.Add({output}, {scope.Tensor(layer.Inputs[i])}, {output});");
                }
                break;

            case LayerKind.Concatenate:
            {
                var pixels = Rows(outputShape);
                var offset = 0;
                for (var i = 0; i < layer.Inputs.Count; i++)
                {
                    var channels = layer.InputShapes[i].Channels;
                    writer.WriteLine($"{Names.Kernels}Merge.CopyChannels({pixels}, {scope.Tensor(layer.Inputs[i])}, {Literal(channels)}, {output}, {Literal(outputShape.Channels)}, {Literal(offset)});");
                    offset += channels;
                }
                break;
            }

            default:
                throw new InvalidOperationException($"No forward emitter for layer kind {layer.Kind}.");
        }
    }
}
