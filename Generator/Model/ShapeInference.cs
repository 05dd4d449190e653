using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Generated.Generator;

namespace Generated.Model;

/// <summary>
/// The one shape inference: declaration in, layers with shapes, parameters and diagnostics out.
/// The analyzers report its diagnostics; the generator emits code only for a model without errors.
/// It never throws on half-written declarations. The checks of the network as a whole live here; each layer
/// is inferred by its kind's <see cref="LayerRule"/>.
/// </summary>
internal static class ShapeInference
{
    public static NetworkModel Infer(NetworkDeclaration declaration)
    {
        var context = new InferenceContext(declaration);
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
            ReportFrozenLayersWithoutWeights(context, layers);
            if (layers.Count == declaration.Layers.Count)
            {
                ReportDenseOnFeatureMap(context, layers);
                BudgetChecks.Check(context, layers);
            }
        }

        var diagnostics = context.Diagnostics.ToEquatableArray();
        var isValid = !context.Diagnostics.Any(d => DiagnosticDescriptors.IsError(d.Id)) && layers.Count == declaration.Layers.Count;
        return new NetworkModel(declaration, layers.ToEquatableArray(), diagnostics) { IsValid = isValid };
    }

    private static void CheckType(InferenceContext context)
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

    private static bool CheckInput(InferenceContext context)
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
    private static string[] AssignNames(InferenceContext context)
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

    private static void InferLayers(InferenceContext context, string[] names, List<LayerModel> layers)
    {
        var declaration = context.Declaration;
        // Per tensor (index t + 1, the network input first): the layer that made it a vector (-1: the network input).
        var flattenedBy = new int[declaration.Layers.Count + 1];
        flattenedBy[0] = -1;
        for (var i = 0; i < declaration.Layers.Count; i++)
        {
            var layer = declaration.Layers[i];
            if (ResolveSource(context, names, layers, i) is not { } source)
            {
                return; // the main input is unknown, so is everything after
            }
            var shape = source < 0 ? declaration.Input : layers[source].OutputShape;
            var inference = new LayerInference(context, layer, i, names, shape, flattenedBy[source + 1], layers, source);
            var model = LayerRules.For(layer.Kind).Infer(inference);
            if (model is null || !FitsInSpans(context, model))
            {
                return; // The output shape is unknown; checking later layers would only cascade.
            }
            layers.Add(model);
            flattenedBy[i + 1] = shape.IsImage && !model.OutputShape.IsImage ? i : flattenedBy[source + 1];
        }
        ReportUnreadOutputs(context, layers);
    }

    /// <summary>
    /// The layer that layer <paramref name="index"/> reads: the previous one, or the one its <c>Input</c> names
    /// (NNG0026/NNG0027 at the name when it is unknown, itself or later); null after reporting.
    /// </summary>
    private static int? ResolveSource(InferenceContext context, string[] names, List<LayerModel> layers, int index)
    {
        var layer = context.Declaration.Layers[index];
        if (layer.Input is not { } reference)
        {
            return index - 1;
        }
        var probe = new LayerInference(context, layer, index, names, context.Declaration.Input, -1, layers, index - 1);
        if (probe.Resolve(reference, out var problem, out var description) is { } target)
        {
            return target;
        }
        var descriptor = problem == ReferenceProblem.Unknown ? DiagnosticDescriptors.UnknownInputLayer : DiagnosticDescriptors.LaterInputLayer;
        context.Report(descriptor, probe.SourceLocation, layer.AttributeName, names[index], reference, description);
        return null;
    }

    /// <summary>
    /// NNG0028 at every layer but the last whose output no layer reads (as an input or a position source): Keras would
    /// leave it out of the model; here it is computed by nothing (see <see cref="Generated.Generator.Graph.Live"/>).
    /// </summary>
    private static void ReportUnreadOutputs(InferenceContext context, List<LayerModel> layers)
    {
        var read = new bool[layers.Count];
        foreach (var layer in layers)
        {
            foreach (var input in layer.Inputs.Concat(layer.Reads))
            {
                if (input >= 0)
                {
                    read[input] = true;
                }
            }
        }
        for (var i = 0; i + 1 < layers.Count; i++)
        {
            if (!read[i])
            {
                context.Report(DiagnosticDescriptors.UnreadLayerOutput, layers[i].Declaration.Location, layers[i].Declaration.AttributeName, layers[i].Name);
            }
        }
    }

    /// <summary>
    /// Kernels index every per-sample tensor with an <c>int</c>: an output or parameter tensor with more
    /// than <see cref="int.MaxValue"/> values cannot exist (Keras would run out of memory instead).
    /// </summary>
    private static bool FitsInSpans(InferenceContext context, LayerModel model)
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

    /// <summary>Keras lets <c>trainable=False</c> sit on any layer; on one without weights it freezes nothing, which an info says.</summary>
    private static void ReportFrozenLayersWithoutWeights(InferenceContext context, List<LayerModel> layers)
    {
        foreach (var layer in layers)
        {
            if (!layer.Declaration.Trainable && layer.Parameters.Count == 0)
            {
                context.Report(DiagnosticDescriptors.FrozenLayerWithoutWeights, layer.Declaration.LocationOf("Trainable"), layer.Name, layer.Declaration.AttributeName);
            }
        }
    }

    private static void ReportLinearConvolutions(InferenceContext context, List<LayerModel> layers)
    {
        for (var i = 1; i < layers.Count; i++)
        {
            var first = layers[i - 1];
            var second = layers[i];
            if (IsConvolution(first.Kind) && IsConvolution(second.Kind) && first.Declaration.Activation == ActivationKind.Linear && second.Inputs[0] == i - 1)
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
    private static void ReportDenseOnFeatureMap(InferenceContext context, List<LayerModel> layers)
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
}
