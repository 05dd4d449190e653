using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Generated.Model;

/// <summary>
/// The one shape inference: declaration in, layers with shapes, parameters and diagnostics out.
/// The analyzers report its diagnostics; the generator emits code only for a model without errors.
/// It never throws on half-written declarations.
/// </summary>
internal static class ShapeInference
{
    public static NetworkModel Infer(NetworkDeclaration declaration)
    {
        var context = new Context(declaration);
        if (declaration.HasBindingErrors)
        {
            // The compiler already reports the broken attribute; anything we said would be noise.
            return new NetworkModel(declaration, EquatableArray<LayerModel>.Empty, EquatableArray<DiagnosticInfo>.Empty) { IsValid = false };
        }

        CheckType(context);
        var layers = new List<LayerModel>();
        if (CheckInput(context))
        {
            if (declaration.Layers.Count == 0)
            {
                context.Report(DiagnosticDescriptors.NoLayers, declaration.NetworkLocation, declaration.TypeName);
            }
            var names = AssignNames(context);
            InferLayers(context, names, layers);
            ReportLinearConvolutions(context, layers);
            if (layers.Count == declaration.Layers.Count)
            {
                ReportDenseOnFeatureMap(context, layers);
            }
        }

        var diagnostics = context.Diagnostics.ToEquatableArray();
        var isValid = !context.Diagnostics.Any(d => DiagnosticDescriptors.IsError(d.Id)) && layers.Count == declaration.Layers.Count;
        return new NetworkModel(declaration, layers.ToEquatableArray(), diagnostics) { IsValid = isValid };
    }

    private static void CheckType(Context context)
    {
        var declaration = context.Declaration;
        if (!declaration.IsPartial)
        {
            context.Report(DiagnosticDescriptors.NotPartial, declaration.IdentifierLocation, declaration.TypeName);
        }
        if (declaration.IsGeneric || declaration.IsStatic)
        {
            context.Report(DiagnosticDescriptors.GenericOrStatic, declaration.IdentifierLocation, declaration.TypeName, declaration.IsGeneric ? "generic" : "static");
        }
        foreach (var containing in declaration.ContainingTypes)
        {
            if (!containing.IsPartial)
            {
                context.Report(DiagnosticDescriptors.ContainingTypeNotPartial, containing.IdentifierLocation ?? declaration.IdentifierLocation, declaration.TypeName, containing.Name);
            }
        }
        if (declaration.LayersSplitAcrossDeclarations)
        {
            context.Report(DiagnosticDescriptors.LayersSplit, declaration.NetworkLocation, declaration.TypeName);
        }
    }

    private static bool CheckInput(Context context)
    {
        var declaration = context.Declaration;
        var input = declaration.Input;
        var ok = true;
        void Check(string argument, int value)
        {
            if (value <= 0)
            {
                var location = Find(declaration.NetworkArgumentLocations, argument) ?? declaration.NetworkLocation;
                context.Report(DiagnosticDescriptors.NonPositive, location, argument, "[Network] input", Format(value));
                ok = false;
            }
        }

        if (input.IsImage)
        {
            Check("Height", input.Height);
            Check("Width", input.Width);
            Check("Channels", input.Channels);
        }
        else
        {
            Check("Features", input.Channels);
        }
        if (ok && input.Size > int.MaxValue)
        {
            context.Report(DiagnosticDescriptors.TensorTooLarge, declaration.NetworkLocation, "input " + input, "the network", Format(input.Size));
            ok = false;
        }
        return ok;
    }

    /// <summary>Keras' names: explicit ones as written, the rest <c>{kind}</c>, <c>{kind}_1</c>, ... per kind.</summary>
    private static string[] AssignNames(Context context)
    {
        var layers = context.Declaration.Layers;
        var names = new string[layers.Count];
        var counters = new Dictionary<LayerKind, int>();
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var identifiers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            string name;
            if (layer.Name is { } explicitName)
            {
                name = explicitName;
                if (LayerNames.Validate(explicitName) is { } problem)
                {
                    context.Report(DiagnosticDescriptors.InvalidLayerName, layer.LocationOf("Name"), explicitName, problem);
                }
            }
            else
            {
                counters.TryGetValue(layer.Kind, out var count);
                counters[layer.Kind] = count + 1;
                var prefix = LayerNames.KerasPrefix(layer.Kind);
                name = count == 0 ? prefix : prefix + "_" + count.ToString(CultureInfo.InvariantCulture);
            }

            if (used.TryGetValue(name, out var first))
            {
                context.Report(DiagnosticDescriptors.DuplicateLayerName, layer.LocationOf("Name"), name, Ordinal(first), layers[first].AttributeName);
            }
            else
            {
                used.Add(name, i);
                var identifier = LayerNames.ToIdentifier(name);
                if (identifiers.TryGetValue(identifier, out var other))
                {
                    context.Report(DiagnosticDescriptors.InvalidLayerName, layer.LocationOf("Name"), name,
                        $"its C# member name '{identifier}' is the same as that of layer '{other}'");
                }
                else
                {
                    identifiers.Add(identifier, name);
                }
            }
            names[i] = name;
        }
        return names;
    }

    private static void InferLayers(Context context, string[] names, List<LayerModel> layers)
    {
        var declaration = context.Declaration;
        var shape = declaration.Input;
        var flattenedBy = -1; // the layer that made the current input a vector (-1: the network input)
        for (var i = 0; i < declaration.Layers.Count; i++)
        {
            var layer = declaration.Layers[i];
            var model = InferLayer(context, layer, i, names, shape, flattenedBy, layers);
            if (model is null || !FitsInSpans(context, model))
            {
                return; // The output shape is unknown; checking later layers would only cascade.
            }
            layers.Add(model);
            if (shape.IsImage && !model.OutputShape.IsImage)
            {
                flattenedBy = i;
            }
            shape = model.OutputShape;
        }
    }

    /// <summary>
    /// Kernels index every per-sample tensor with an <c>int</c>: an output or parameter tensor with more
    /// than <see cref="int.MaxValue"/> values cannot exist (Keras would run out of memory instead).
    /// </summary>
    private static bool FitsInSpans(Context context, LayerModel model)
    {
        var layer = model.Declaration;
        if (model.OutputShape.Size > int.MaxValue)
        {
            context.Report(DiagnosticDescriptors.TensorTooLarge, layer.Location, "output " + model.OutputShape, "layer " + model.Name, Format(model.OutputShape.Size));
            return false;
        }
        foreach (var parameter in model.Parameters)
        {
            long length = 1;
            foreach (var dimension in parameter.Shape)
            {
                length *= dimension;
            }
            if (length > int.MaxValue)
            {
                context.Report(DiagnosticDescriptors.TensorTooLarge, layer.Location, parameter.Suffix + " [" + string.Join(", ", parameter.Shape) + "]", "layer " + model.Name, Format(length));
                return false;
            }
        }
        return true;
    }

    private static LayerModel? InferLayer(Context context, LayerDeclaration layer, int index, string[] names, TensorShape input, int flattenedBy, List<LayerModel> earlier)
    {
        var name = names[index];
        var title = $"{layer.AttributeName} layer {name}";
        var baseModel = new LayerModel(index, layer, name, input, input)
        {
            Inputs = new EquatableArray<int>(new[] { index - 1 }),
            InputShapes = new EquatableArray<TensorShape>(new[] { input }),
        };

        bool NeedsImage()
        {
            if (input.IsImage)
            {
                return true;
            }
            if (flattenedBy < 0)
            {
                context.Report(DiagnosticDescriptors.NeedsFeatureMap, layer.Location, layer.AttributeName, name, Format(input.Channels), "the network input",
                    "declare an image input with [Network(height, width, channels)] or add [Reshape(height, width, channels)] before it");
            }
            else
            {
                // The flattening layer rides along as an additional location: the code fix moves this layer before it.
                var flattener = context.Declaration.Layers[flattenedBy];
                context.Report(DiagnosticDescriptors.NeedsFeatureMap, layer.Location, flattener.Location, layer.AttributeName, name, Format(input.Channels),
                    $"{flattener.AttributeName} layer {names[flattenedBy]}", "move it before that layer or add [Reshape(height, width, channels)] before it");
            }
            return false;
        }

        bool Positive(string argument, int value)
        {
            if (value > 0)
            {
                return true;
            }
            context.Report(DiagnosticDescriptors.NonPositive, layer.LocationOf(argument), argument, title, Format(value));
            return false;
        }

        // A square size written once (kernelSize, poolSize, size) is one argument: report it once.
        bool PositivePair(string height, string width, string both, int heightValue, int widthValue)
        {
            if (heightValue <= 0 && widthValue <= 0 && heightValue == widthValue && layer.LocationOf(height) == layer.LocationOf(width))
            {
                context.Report(DiagnosticDescriptors.NonPositive, layer.LocationOf(height), both, title, Format(heightValue));
                return false;
            }
            return Positive(height, heightValue) & Positive(width, widthValue);
        }

        bool Defined<TEnum>(string argument, TEnum value) where TEnum : struct, Enum
        {
            if (Enum.IsDefined(typeof(TEnum), value))
            {
                return true;
            }
            context.Report(DiagnosticDescriptors.UndefinedEnumValue, layer.LocationOf(argument), argument, name,
                Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), typeof(TEnum).Name.Replace("Kind", ""));
            return false;
        }

        switch (layer.Kind)
        {
            case LayerKind.Conv2D:
            case LayerKind.Conv2DTranspose:
            {
                var ok = Positive("Filters", layer.Filters) & PositivePair("KernelHeight", "KernelWidth", "KernelSize", layer.KernelHeight, layer.KernelWidth)
                    & Positive("Strides", layer.Strides) & Positive("DilationRate", layer.DilationRate)
                    & Defined("Padding", layer.Padding) & Defined("Activation", layer.Activation);
                if (ok && layer.Strides > 1 && layer.DilationRate > 1)
                {
                    context.Report(DiagnosticDescriptors.StridesWithDilation, layer.LocationOf("DilationRate"), name, Format(layer.Strides), Format(layer.DilationRate));
                    ok = false;
                }
                if (!NeedsImage() || !ok)
                {
                    return null;
                }

                var transpose = layer.Kind == LayerKind.Conv2DTranspose;
                AxisGeometry rows, columns;
                if (transpose)
                {
                    if (TransposeOverflows(input.Height, layer.KernelHeight, layer.Strides, layer.DilationRate) || TransposeOverflows(input.Width, layer.KernelWidth, layer.Strides, layer.DilationRate))
                    {
                        context.Report(DiagnosticDescriptors.TensorTooLarge, layer.Location, $"output height or width ({Format(input.Height)}x{Format(input.Width)} times {Format(layer.Strides)})", "layer " + name, "more than 2147483647");
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
                        context.Report(DiagnosticDescriptors.KernelTooLarge, layer.Location, "Conv2D", kernel, input.ToString(), name);
                        return null;
                    }
                    ReportUnused(context, layer, name, $"{layer.KernelHeight}x{layer.KernelWidth}", Format(layer.Strides), input, rows, columns);
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
                return baseModel with
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

            case LayerKind.Dense:
            {
                if (!(Positive("Units", layer.Units) & Defined("Activation", layer.Activation)))
                {
                    return null;
                }
                var parameters = new List<ParameterTensor>
                {
                    new("kernel", new[] { input.Channels, layer.Units }.ToEquatableArray(), true, Initializer.GlorotUniform, input.Channels, layer.Units),
                };
                if (layer.UseBias)
                {
                    parameters.Add(new ParameterTensor("bias", new[] { layer.Units }.ToEquatableArray(), true, Initializer.Zeros, 0, 0));
                }
                return baseModel with
                {
                    OutputShape = input with { Channels = layer.Units },
                    Parameters = parameters.ToEquatableArray(),
                };
            }

            case LayerKind.MaxPooling2D:
            case LayerKind.AveragePooling2D:
            {
                var strides = layer.Strides; // 0: the pool size, as Keras' strides=None
                var ok = PositivePair("PoolHeight", "PoolWidth", "PoolSize", layer.PoolHeight, layer.PoolWidth) & Defined("Padding", layer.Padding);
                if (strides < 0)
                {
                    ok &= Positive("Strides", strides);
                }
                if (!NeedsImage() || !ok)
                {
                    return null;
                }
                var strideHeight = strides == 0 ? layer.PoolHeight : strides;
                var strideWidth = strides == 0 ? layer.PoolWidth : strides;
                var rows = ConvArithmetic.Forward(input.Height, layer.PoolHeight, strideHeight, 1, layer.Padding);
                var columns = ConvArithmetic.Forward(input.Width, layer.PoolWidth, strideWidth, 1, layer.Padding);
                if (rows.Output <= 0 || columns.Output <= 0)
                {
                    context.Report(DiagnosticDescriptors.PoolTooLarge, layer.Location, layer.AttributeName, $"{layer.PoolHeight}x{layer.PoolWidth}", input.ToString(), name);
                    return null;
                }
                var stridesText = strideHeight == strideWidth ? Format(strideHeight) : $"{strideHeight}x{strideWidth}";
                ReportUnused(context, layer, name, $"{layer.PoolHeight}x{layer.PoolWidth}", stridesText, input, rows, columns);
                return baseModel with
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

            case LayerKind.GlobalAveragePooling2D:
            case LayerKind.GlobalMaxPooling2D:
                return NeedsImage() ? baseModel with { OutputShape = TensorShape.Vector(input.Channels) } : null;

            case LayerKind.UpSampling2D:
            {
                var ok = PositivePair("SizeHeight", "SizeWidth", "Size", layer.SizeHeight, layer.SizeWidth) & Defined("Interpolation", layer.Interpolation);
                if (!NeedsImage() || !ok)
                {
                    return null;
                }
                var size = (long)input.Height * layer.SizeHeight * input.Width * layer.SizeWidth * input.Channels;
                if (size > int.MaxValue)
                {
                    context.Report(DiagnosticDescriptors.TensorTooLarge, layer.Location, $"output {Format((long)input.Height * layer.SizeHeight)}x{Format((long)input.Width * layer.SizeWidth)}x{Format(input.Channels)}", "layer " + name, Format(size));
                    return null;
                }
                return baseModel with
                {
                    OutputShape = TensorShape.Image(input.Height * layer.SizeHeight, input.Width * layer.SizeWidth, input.Channels),
                    StrideHeight = layer.SizeHeight,
                    StrideWidth = layer.SizeWidth,
                };
            }

            case LayerKind.Flatten:
                return baseModel with { OutputShape = TensorShape.Vector((int)input.Size) };

            case LayerKind.Reshape:
            {
                var target = layer.Target;
                var ok = target.IsImage
                    ? Positive("Height", target.Height) & Positive("Width", target.Width) & Positive("Channels", target.Channels)
                    : Positive("Features", target.Channels);
                if (!ok)
                {
                    return null;
                }
                if (target.Size != input.Size)
                {
                    context.Report(DiagnosticDescriptors.ReshapeSize, layer.Location, name, input.ToString(), Format(input.Size), target.ToString(), Format(target.Size));
                    return null;
                }
                return baseModel with { OutputShape = target };
            }

            case LayerKind.Dropout:
                if (!(layer.Rate >= 0 && layer.Rate < 1))
                {
                    context.Report(DiagnosticDescriptors.DropoutRate, layer.LocationOf("Rate"), name, Format(layer.Rate));
                }
                return baseModel;

            case LayerKind.BatchNormalization:
            case LayerKind.LayerNormalization:
            {
                if (!(layer.Epsilon > 0))
                {
                    context.Report(DiagnosticDescriptors.ArgumentOutOfRange, layer.LocationOf("Epsilon"), "Epsilon", name, "greater than 0", Format(layer.Epsilon));
                }
                if (!(layer.Momentum >= 0 && layer.Momentum <= 1))
                {
                    context.Report(DiagnosticDescriptors.ArgumentOutOfRange, layer.LocationOf("Momentum"), "Momentum", name, "in [0, 1]", Format(layer.Momentum));
                }
                var channels = new[] { input.Channels }.ToEquatableArray();
                var parameters = new List<ParameterTensor>
                {
                    new("gamma", channels, true, Initializer.Ones, 0, 0),
                    new("beta", channels, true, Initializer.Zeros, 0, 0),
                };
                if (layer.Kind == LayerKind.BatchNormalization)
                {
                    parameters.Add(new ParameterTensor("moving_mean", channels, false, Initializer.Zeros, 0, 0));
                    parameters.Add(new ParameterTensor("moving_variance", channels, false, Initializer.Ones, 0, 0));
                }
                return baseModel with { Parameters = parameters.ToEquatableArray() };
            }

            case LayerKind.Activation:
                Defined("Activation", layer.Activation);
                return baseModel;

            case LayerKind.LeakyReLU:
                if (!(layer.Alpha >= 0))
                {
                    context.Report(DiagnosticDescriptors.ArgumentOutOfRange, layer.LocationOf("Alpha"), "Alpha", name, "0 or more", Format(layer.Alpha));
                }
                return baseModel;

            case LayerKind.ReLU:
            case LayerKind.Softmax:
                return baseModel;

            case LayerKind.Add:
            case LayerKind.Concatenate:
                return InferMerge(context, layer, index, names, input, earlier, baseModel);

            default:
                return null;
        }
    }

    private static LayerModel? InferMerge(Context context, LayerDeclaration layer, int index, string[] names, TensorShape input, List<LayerModel> earlier, LayerModel baseModel)
    {
        var name = names[index];
        if (layer.MergeWith.Count == 0)
        {
            context.Report(DiagnosticDescriptors.MergeNeedsInput, layer.Location, layer.AttributeName, name,
                index == 0 ? "\"input\" cannot be merged with itself; name an earlier layer" : $"for example [{layer.AttributeName}(\"{(index >= 2 ? names[index - 2] : LayerNames.Input)}\")]");
            return null;
        }

        var previousName = index == 0 ? LayerNames.Input : names[index - 1];
        var inputs = new List<int> { index - 1 };
        var shapes = new List<TensorShape> { input };
        var sources = new List<string> { previousName };
        var locations = new List<LocationInfo?> { layer.Location };
        var ok = true;
        for (var k = 0; k < layer.MergeWith.Count; k++)
        {
            var reference = layer.MergeWith[k];
            var location = layer.LocationOf(DeclarationReader.ElementKey("Layers", k));
            int target;
            if (reference == LayerNames.Input)
            {
                target = -1;
            }
            else
            {
                target = Array.IndexOf(names, reference);
                if (target < 0)
                {
                    var known = index == 0 ? "none (use \"input\")" : string.Join(", ", names.Take(index).Select(n => "'" + n + "'")) + " or \"input\"";
                    context.Report(DiagnosticDescriptors.UnknownMergeInput, location, layer.AttributeName, name, reference, known);
                    ok = false;
                    continue;
                }
                if (target >= index)
                {
                    var which = target == index ? "the layer itself" : $"layer #{Format(target + 1)}, after it";
                    context.Report(DiagnosticDescriptors.LaterMergeInput, location, layer.AttributeName, name, reference, which);
                    ok = false;
                    continue;
                }
            }
            if (inputs.Contains(target))
            {
                var why = target == index - 1 ? " (the previous layer is always merged)" : "";
                context.Report(DiagnosticDescriptors.DuplicateMergeInput, location, layer.AttributeName, name, reference, why);
                ok = false;
                continue;
            }
            inputs.Add(target);
            shapes.Add(target < 0 ? context.Declaration.Input : earlier[target].OutputShape);
            sources.Add(reference);
            locations.Add(location);
        }
        if (!ok)
        {
            return null;
        }

        var output = shapes[0];
        long channels = output.Channels;
        for (var i = 1; i < shapes.Count; i++)
        {
            var other = shapes[i];
            string? problem = null;
            if (layer.Kind == LayerKind.Add)
            {
                if (other != shapes[0])
                {
                    problem = "Add needs identical shapes";
                }
            }
            else if (other.Rank != output.Rank || other.Height != output.Height || other.Width != output.Width)
            {
                problem = output.IsImage && other.IsImage
                    ? "Concatenate joins channels, so height and width must be equal"
                    : "Concatenate joins the last axis, so both must be feature maps or both vectors";
            }
            else
            {
                channels += other.Channels;
            }

            if (problem is not null)
            {
                context.Report(DiagnosticDescriptors.MergeShapeMismatch, locations[i], layer.AttributeName, name, other.ToString(), sources[i], shapes[0].ToString(), sources[0], problem);
                return null;
            }
        }
        if (channels > int.MaxValue)
        {
            context.Report(DiagnosticDescriptors.TensorTooLarge, layer.Location, "output channels", "layer " + name, Format(channels));
            return null;
        }
        return baseModel with
        {
            OutputShape = output with { Channels = (int)channels },
            Inputs = inputs.ToEquatableArray(),
            InputShapes = shapes.ToEquatableArray(),
        };
    }

    private static bool TransposeOverflows(int input, int kernel, int stride, int dilation) =>
        (long)input * stride + (long)dilation * (kernel - 1) + 1 > int.MaxValue;

    private static void ReportUnused(Context context, LayerDeclaration layer, string name, string kernel, string strides, TensorShape input, AxisGeometry rows, AxisGeometry columns)
    {
        if (layer.Padding != PaddingKind.Valid || (rows.Unused == 0 && columns.Unused == 0))
        {
            return;
        }
        var parts = new List<string>();
        if (rows.Unused > 0)
        {
            parts.Add(rows.Unused == 1 ? "1 row" : $"{rows.Unused} rows");
        }
        if (columns.Unused > 0)
        {
            parts.Add(columns.Unused == 1 ? "1 column" : $"{columns.Unused} columns");
        }
        context.Report(DiagnosticDescriptors.UnusedInput, layer.LocationOf("Strides"), layer.AttributeName, name, kernel,
            strides, input.ToString(), string.Join(" and ", parts));
    }

    private static void ReportLinearConvolutions(Context context, List<LayerModel> layers)
    {
        for (var i = 1; i < layers.Count; i++)
        {
            var first = layers[i - 1];
            var second = layers[i];
            if (IsConvolution(first.Kind) && IsConvolution(second.Kind) && first.Declaration.Activation == ActivationKind.Linear)
            {
                context.Report(DiagnosticDescriptors.LinearConvolutions, first.Declaration.Location, first.Name, second.Name);
            }
        }

        static bool IsConvolution(LayerKind kind) => kind is LayerKind.Conv2D or LayerKind.Conv2DTranspose;
    }

    /// <summary>
    /// A classifier head of Dense layers on a feature map is legal Keras (Dense maps the last axis of each
    /// pixel), but when nothing after it changes the shape the network outputs a feature map, which is
    /// almost always a forgotten [Flatten]. Reported at the first Dense of that trailing head.
    /// </summary>
    private static void ReportDenseOnFeatureMap(Context context, List<LayerModel> layers)
    {
        var output = layers.Count == 0 ? context.Declaration.Input : layers[layers.Count - 1].OutputShape;
        if (!output.IsImage || output.Height * (long)output.Width == 1)
        {
            return;
        }
        LayerModel? firstDense = null;
        for (var i = layers.Count - 1; i >= 0 && IsPointwise(layers[i].Kind); i--)
        {
            if (layers[i].Kind == LayerKind.Dense)
            {
                firstDense = layers[i];
            }
        }
        if (firstDense is not null)
        {
            var input = firstDense.InputShape;
            context.Report(DiagnosticDescriptors.DenseOnFeatureMap, firstDense.Declaration.Location, firstDense.Name, input.ToString(),
                Format(input.Height), Format(input.Width), output.ToString(), Format(output.Channels), Format(input.Size));
        }

        static bool IsPointwise(LayerKind kind) => kind is LayerKind.Dense or LayerKind.Dropout or LayerKind.Activation or LayerKind.ReLU
            or LayerKind.LeakyReLU or LayerKind.Softmax or LayerKind.BatchNormalization or LayerKind.LayerNormalization;
    }

    private static LocationInfo? Find(EquatableArray<ArgumentLocation> locations, string argument)
    {
        foreach (var candidate in locations)
        {
            if (candidate.Argument == argument)
            {
                return candidate.Location;
            }
        }
        return null;
    }

    private static string Ordinal(int index) => "#" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class Context
    {
        public Context(NetworkDeclaration declaration) => Declaration = declaration;

        public NetworkDeclaration Declaration { get; }

        public List<DiagnosticInfo> Diagnostics { get; } = new();

        public void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            Diagnostics.Add(new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray()));

        /// <summary>Reports with a second, related location (the code fixes read it).</summary>
        public void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, LocationInfo? related, params string[] arguments) =>
            Diagnostics.Add(new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray())
            {
                AdditionalLocations = related is null ? EquatableArray<LocationInfo>.Empty : new[] { related }.ToEquatableArray(),
            });
    }
}
