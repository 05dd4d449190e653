using Generated.Model;

using static Generated.Generator.Code;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>Parameter buffers and the constructors that initialize them as Keras does.</summary>
    private static void WriteConstruction(IndentedWriter writer, EmitContext context)
    {
        var layout = context.Parameters;
        var hasDropout = context.DrawsRandomly;
        var name = context.TypeName;
        writer.WriteLine("/// <summary>Every trainable parameter, tensor after tensor in declaration order (the layout of <see cref=\"TrainableParameters\"/>).</summary>");
        writer.WriteLine("private readonly float[] _trainable = new float[TrainableParameterCount];");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Gradients, same layout as <see cref=\"_trainable\"/>.</summary>");
        writer.WriteLine("private readonly float[] _gradients = new float[TrainableParameterCount];");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Non-trainable state: batch normalization's moving means and variances.</summary>");
        writer.WriteLine(layout.StateCount == 0
            ? "private readonly float[] _state = global::System.Array.Empty<float>();"
            : $"private readonly float[] _state = new float[{Literal(layout.StateCount)}];");
        writer.WriteLine();
        writer.WriteLine($"private readonly global::System.Collections.ObjectModel.ReadOnlyCollection<{RuntimeApi.ParameterView}> _parameterTensors;");
        if (hasDropout)
        {
            writer.WriteLine();
            writer.WriteLine(context.Has(LayerKind.Dropout)
                ? "/// <summary>Dropout masks while training; continues the constructor's seeded stream, so a seed fixes a whole run.</summary>"
                : "/// <summary>Random draws while training (masks, augmentation); continues the constructor's seeded stream, so a seed fixes a whole run.</summary>");
            writer.WriteLine($"private {RuntimeApi.SeededRandom} _dropoutRandom;");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Creates the network with Keras' default initialization and seed 0.</summary>");
        writer.WriteLine($"public {name}() : this(0)");
        writer.WriteLine("{");
        writer.WriteLine("}");
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Creates the network as Keras initializes it: Glorot-uniform kernels drawn in declaration order from one");
        writer.WriteLine("/// stream seeded by <paramref name=\"seed\"/>, zero biases and betas, unit gammas and moving variances.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"seed\">Seed of the initialization (and of dropout while training).</param>");
        using (writer.WriteBlock($"public {name}(int seed)"))
        {
            writer.WriteLine($"var random = new {RuntimeApi.SeededRandom}(unchecked((ulong)seed));");
            var body = BodyWithBufferLocals(writer);
            WriteInitialization(body, layout);
            body.WriteTo(writer);
            if (hasDropout)
            {
                writer.WriteLine("_dropoutRandom = random;");
            }
            writer.WriteLine($"_parameterTensors = global::System.Array.AsReadOnly(new {RuntimeApi.ParameterView}[]");
            writer.WriteLine("{");
            writer.Indent();
            for (var i = 0; i < layout.All.Count; i++)
            {
                var tensor = layout.All[i];
                var trainable = tensor.Tensor.Trainable ? "true" : "false";
                writer.WriteLine($"new {RuntimeApi.ParameterView}(WeightSpecs[{Literal(i)}].Name, WeightSpecs[{Literal(i)}].Shape, {tensor.Buffer}, {Literal(tensor.Offset)}, {trainable}),");
            }
            writer.Unindent();
            writer.WriteLine("});");
        }
    }

    /// <summary>Keras' initializers, tensor by tensor in declaration order (so a seed reproduces a network).</summary>
    private static void WriteInitialization(MethodBody body, ParameterLayout layout)
    {
        foreach (var tensor in layout.All)
        {
            var shape = string.Join(", ", tensor.Tensor.Shape);
            switch (tensor.Tensor.Initializer)
            {
                case Initializer.GlorotUniform:
                    body.Writer.WriteLine($"// {tensor.FileName} [{shape}]: Glorot uniform, fan in {Literal(tensor.Tensor.FanIn)}, fan out {Literal(tensor.Tensor.FanOut)}");
                    body.Writer.WriteLine($"{RuntimeApi.Initializers}.GlorotUniform({tensor.Span(body)}, {Literal(tensor.Tensor.FanIn)}, {Literal(tensor.Tensor.FanOut)}, ref random);");
                    break;
                case Initializer.Ones:
                    body.Writer.WriteLine($"// {tensor.FileName} [{shape}]: ones");
                    body.Writer.WriteLine($"{tensor.Span(body)}.Fill(1f);");
                    break;
                default:
                    body.Writer.WriteLine($"// {tensor.FileName} [{shape}]: zeros (new arrays are)");
                    break;
            }
        }
    }

    /// <summary>One named view per parameter tensor, the list of all of them, and the flat buffers.</summary>
    private static void WriteParameterViews(IndentedWriter writer, EmitContext context)
    {
        var layout = context.Parameters;
        for (var i = 0; i < layout.All.Count; i++)
        {
            var tensor = layout.All[i];
            var shape = string.Join(", ", tensor.Tensor.Shape);
            writer.WriteLine($"/// <summary><c>{XmlEscape(tensor.FileName)}</c> [{shape}]{(tensor.Tensor.Trainable ? "" : " (not trainable)")}.</summary>");
            writer.WriteLine($"public {RuntimeApi.ParameterView} {tensor.PropertyName} => _parameterTensors[{Literal(i)}];");
            writer.WriteLine();
        }
        writer.WriteLine("/// <summary>Every parameter tensor in declaration order, with its weight-file name and shape.</summary>");
        writer.WriteLine($"public global::System.Collections.Generic.IReadOnlyList<{RuntimeApi.ParameterView}> ParameterTensors => _parameterTensors;");
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The trainable parameters as one flat buffer in the order of <see cref=\"ParameterTensors\"/>; optimizers update it in place.");
        writer.WriteLine("/// Every get counts as a weight change (<see cref=\"MarkWeightsChanged\"/>): get it again for writes after a Predict call.");
        writer.WriteLine("/// </summary>");
        using (writer.WriteBlock($"public {RuntimeApi.Span} TrainableParameters"))
        {
            using (writer.WriteBlock("get"))
            {
                writer.WriteLine("MarkWeightsChanged();");
                writer.WriteLine("return _trainable;");
            }
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Gradients of the loss with respect to <see cref=\"TrainableParameters\"/>, same layout; <see cref=\"Backward\"/> adds to it.</summary>");
        writer.WriteLine($"public {RuntimeApi.Span} Gradients => _gradients;");
    }

    /// <summary>The constant geometry of every layer whose rule has one (convolution, pooling, resampling, padding), read by <c>in</c> reference.</summary>
    private static void WriteGeometry(IndentedWriter writer, EmitContext context)
    {
        writer.WriteLine("/// <summary>Layer geometries, every shape a literal the JIT sees as a constant.</summary>");
        using (writer.WriteBlock("private static class Geometry"))
        {
            foreach (var layer in context.Model.Layers)
            {
                if (LayerRules.For(layer).Geometry(layer) is { } geometry)
                {
                    geometry.WriteTo(writer, $"public static readonly {geometry.Type} {LayerNames.ToIdentifier(layer.Name)} = ");
                }
            }
        }
    }
}
