using Generated.Model;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>Parameter buffers and the constructors that initialize them as Keras does.</summary>
    private static void WriteConstruction(IndentedWriter writer, EmitContext context)
    {
        var layout = context.Parameters;
        var hasDropout = context.Has(LayerKind.Dropout);
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
        writer.WriteLine("private readonly global::System.Collections.ObjectModel.ReadOnlyCollection<global::Generated.ParameterView> _parameterTensors;");
        if (hasDropout)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>Dropout masks while training; continues the constructor's seeded stream, so a seed fixes a whole run.</summary>");
            writer.WriteLine("private global::Generated.SeededRandom _dropoutRandom;");
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
            writer.WriteLine("var random = new global::Generated.SeededRandom(unchecked((ulong)seed));");
            WriteWithBufferLocals(writer, body => WriteInitialization(body, layout));
            if (hasDropout)
            {
                writer.WriteLine("_dropoutRandom = random;");
            }
            writer.WriteLine("_parameterTensors = global::System.Array.AsReadOnly(new global::Generated.ParameterView[]");
            writer.WriteLine("{");
            writer.Indent();
            for (var i = 0; i < layout.All.Count; i++)
            {
                var tensor = layout.All[i];
                var trainable = tensor.Tensor.Trainable ? "true" : "false";
                writer.WriteLine($"new global::Generated.ParameterView(WeightSpecs[{Literal(i)}].Name, WeightSpecs[{Literal(i)}].Shape, {tensor.Buffer}, {Literal(tensor.Offset)}, {trainable}),");
            }
            writer.Unindent();
            writer.WriteLine("});");
        }
    }

    /// <summary>Keras' initializers, tensor by tensor in declaration order (so a seed reproduces a network).</summary>
    private static void WriteInitialization(IndentedWriter body, ParameterLayout layout)
    {
        foreach (var tensor in layout.All)
        {
            var shape = string.Join(", ", tensor.Tensor.Shape);
            switch (tensor.Tensor.Initializer)
            {
                case Initializer.GlorotUniform:
                    body.WriteLine($"// {tensor.FileName} [{shape}]: Glorot uniform, fan in {Literal(tensor.Tensor.FanIn)}, fan out {Literal(tensor.Tensor.FanOut)}");
                    body.WriteLine($"global::Generated.Initializers.GlorotUniform({tensor.Span}, {Literal(tensor.Tensor.FanIn)}, {Literal(tensor.Tensor.FanOut)}, ref random);");
                    break;
                case Initializer.Ones:
                    body.WriteLine($"// {tensor.FileName} [{shape}]: ones");
                    body.WriteLine($"{tensor.Span}.Fill(1f);");
                    break;
                default:
                    body.WriteLine($"// {tensor.FileName} [{shape}]: zeros (new arrays are)");
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
            writer.WriteLine($"public global::Generated.ParameterView {tensor.PropertyName} => _parameterTensors[{Literal(i)}];");
            writer.WriteLine();
        }
        writer.WriteLine("/// <summary>Every parameter tensor in declaration order, with its weight-file name and shape.</summary>");
        writer.WriteLine("public global::System.Collections.Generic.IReadOnlyList<global::Generated.ParameterView> ParameterTensors => _parameterTensors;");
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The trainable parameters as one flat buffer in the order of <see cref=\"ParameterTensors\"/>; optimizers update it in place.");
        writer.WriteLine("/// Every get counts as a weight change (<see cref=\"MarkWeightsChanged\"/>): get it again for writes after a Predict call.");
        writer.WriteLine("/// </summary>");
        using (writer.WriteBlock($"public {Names.Span} TrainableParameters"))
        {
            using (writer.WriteBlock("get"))
            {
                writer.WriteLine("MarkWeightsChanged();");
                writer.WriteLine("return _trainable;");
            }
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Gradients of the loss with respect to <see cref=\"TrainableParameters\"/>, same layout; <see cref=\"Backward\"/> adds to it.</summary>");
        writer.WriteLine($"public {Names.Span} Gradients => _gradients;");
    }

    /// <summary>The constant geometry of every convolution, pooling and upsampling layer, read by <c>in</c> reference.</summary>
    private static void WriteGeometry(IndentedWriter writer, EmitContext context)
    {
        writer.WriteLine("/// <summary>Layer geometries, every shape a literal the JIT sees as a constant.</summary>");
        using (writer.WriteBlock("private static class Geometry"))
        {
            foreach (var layer in context.Model.Layers)
            {
                if (GeometryExpression(layer) is { } expression)
                {
                    var type = expression.Substring(4, expression.IndexOf('(') - 4);
                    writer.WriteLine($"public static readonly {type} {LayerNames.ToIdentifier(layer.Name)} = {expression};");
                }
            }
        }
    }

    /// <summary><c>new global::Generated.Kernels.Conv2DGeometry(...)</c> for layers that walk windows, else null.</summary>
    internal static string? GeometryExpression(LayerModel layer)
    {
        var input = layer.InputShape;
        var output = layer.OutputShape;
        var d = layer.Declaration;
        string Join(params int[] values) => string.Join(", ", System.Linq.Enumerable.Select(values, Literal));
        return layer.Kind switch
        {
            LayerKind.Conv2D or LayerKind.Conv2DTranspose => $"new {Names.Kernels}Conv2DGeometry(" +
                Join(input.Height, input.Width, input.Channels, output.Height, output.Width, output.Channels,
                    d.KernelHeight, d.KernelWidth, layer.StrideHeight, layer.StrideWidth, d.DilationRate, d.DilationRate, layer.PadTop, layer.PadLeft) + ")",
            LayerKind.MaxPooling2D or LayerKind.AveragePooling2D => $"new {Names.Kernels}Pool2DGeometry(" +
                Join(input.Height, input.Width, input.Channels, output.Height, output.Width,
                    d.PoolHeight, d.PoolWidth, layer.StrideHeight, layer.StrideWidth, layer.PadTop, layer.PadLeft) + ")",
            LayerKind.UpSampling2D => $"new {Names.Kernels}UpSampling2DGeometry(" +
                Join(input.Height, input.Width, input.Channels, d.SizeHeight, d.SizeWidth) + ")",
            _ => null,
        };
    }
}
