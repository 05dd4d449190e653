using System;
using System.Collections.Generic;
using System.Globalization;

namespace Generated.Model;

/// <summary>
/// The model-wide checks on the compile-time facts (<see cref="ModelFacts"/>): the optional <c>[Network]</c> budgets
/// (errors at the budget's argument, naming the layer that crosses it) and the training-memory estimate (a warning at
/// <c>[Network]</c>). They run once every layer has a shape.
/// </summary>
internal static class BudgetChecks
{
    /// <summary>The batch the training-memory estimate assumes: Keras' default <c>batch_size</c>.</summary>
    public const int EstimateBatch = 32;

    /// <summary>Estimated training bytes above which NNG0108 warns: 16 GiB, more than a typical desktop or a 16 GB GPU holds.</summary>
    public const long TrainingMemoryWarningBytes = 16L << 30;

    /// <summary>Floats per parameter while training: the weight, its gradient and Adam's two moments.</summary>
    private const int TrainingFloatsPerParameter = 4;

    public static void Check(InferenceContext context, IReadOnlyList<LayerModel> layers)
    {
        var declaration = context.Declaration;
        var budgets = declaration.Budgets;
        var parameters = NonNegative(context, "MaxParameters", budgets.MaxParameters);
        var multiplyAdds = NonNegative(context, "MaxMultiplyAdds", budgets.MaxMultiplyAdds);
        var activationBytes = NonNegative(context, "MaxActivationBytes", budgets.MaxActivationBytes);
        if (parameters > 0)
        {
            CheckBudget(context, layers, DiagnosticDescriptors.ParameterBudgetExceeded, "MaxParameters", parameters, l => l.ParameterCount);
        }
        if (multiplyAdds > 0)
        {
            CheckBudget(context, layers, DiagnosticDescriptors.MultiplyAddBudgetExceeded, "MaxMultiplyAdds", multiplyAdds, l => ModelFacts.Of(l).MultiplyAdds);
        }
        if (activationBytes > 0)
        {
            CheckBudget(context, layers, DiagnosticDescriptors.ActivationBudgetExceeded, "MaxActivationBytes", activationBytes,
                l => ModelFacts.Multiply(ModelFacts.Of(l).ActivationFloats, ModelFacts.BytesPerFloat));
        }
        CheckTrainingMemory(context, layers);
    }

    /// <summary>
    /// NNG0108: input, activations and their gradients for <see cref="EstimateBatch"/> samples, plus the parameters with their
    /// gradients and Adam's moments, over <see cref="TrainingMemoryWarningBytes"/>. Kernel scratch and Predict's workspace are
    /// small beside them and left out.
    /// </summary>
    private static void CheckTrainingMemory(InferenceContext context, IReadOnlyList<LayerModel> layers)
    {
        long activations = 0;
        long parameters = 0;
        LayerModel? largest = null;
        foreach (var layer in layers)
        {
            var floats = ModelFacts.Of(layer).ActivationFloats;
            activations = ModelFacts.Add(activations, floats);
            parameters = ModelFacts.Add(parameters, layer.ParameterCount);
            if (largest is null || floats > ModelFacts.Of(largest).ActivationFloats)
            {
                largest = layer;
            }
        }
        if (largest is null)
        {
            return;
        }
        var perSampleFloats = ModelFacts.Add(context.Declaration.Input.Size, ModelFacts.Multiply(activations, 2));
        var perSample = ModelFacts.Multiply(perSampleFloats, ModelFacts.BytesPerFloat);
        var total = ModelFacts.Add(ModelFacts.Multiply(perSample, EstimateBatch),
            ModelFacts.Multiply(parameters, TrainingFloatsPerParameter * ModelFacts.BytesPerFloat));
        if (total <= TrainingMemoryWarningBytes)
        {
            return;
        }
        var largestBytes = ModelFacts.Multiply(ModelFacts.Of(largest).ActivationFloats, ModelFacts.BytesPerFloat);
        context.Report(DiagnosticDescriptors.TrainingMemoryTooLarge, context.Declaration.NetworkLocation,
            context.Declaration.TypeName, Bytes(total), Bytes(perSample), Count(activations), Bytes(TrainingMemoryWarningBytes),
            largest.Name, Bytes(largestBytes), $"{largest.Kind} output {largest.OutputShape}");
    }

    /// <summary>Reports at the budget argument the first layer whose running total passes <paramref name="budget"/>.</summary>
    private static void CheckBudget(InferenceContext context, IReadOnlyList<LayerModel> layers, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor,
        string argument, long budget, Func<LayerModel, long> measure)
    {
        long total = 0;
        LayerModel? crossing = null;
        long crossingOwn = 0;
        long crossingTotal = 0;
        foreach (var layer in layers)
        {
            var own = measure(layer);
            total = ModelFacts.Add(total, own);
            if (crossing is null && total > budget)
            {
                crossing = layer;
                crossingOwn = own;
                crossingTotal = total;
            }
        }
        if (crossing is null)
        {
            return;
        }
        var declaration = context.Declaration;
        context.Report(descriptor, ArgumentLocation(declaration, argument), crossing.Declaration.Location,
            declaration.TypeName, Count(total), Count(budget), crossing.Name, Count(crossingOwn), Count(crossingTotal));
    }

    private static long NonNegative(InferenceContext context, string argument, long value)
    {
        if (value >= 0)
        {
            return value;
        }
        context.Report(DiagnosticDescriptors.NegativeBudget, ArgumentLocation(context.Declaration, argument), argument, Count(value));
        return 0;
    }

    private static LocationInfo? ArgumentLocation(NetworkDeclaration declaration, string argument)
    {
        foreach (var candidate in declaration.NetworkArgumentLocations)
        {
            if (candidate.Argument == argument)
            {
                return candidate.Location;
            }
        }
        return declaration.NetworkLocation;
    }

    /// <summary>A count with thousands separators, as Keras prints parameter totals: <c>1,199,882</c>.</summary>
    internal static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Bytes with separators and their binary size: <c>34,359,738,368 bytes (32.0 GiB)</c>.</summary>
    internal static string Bytes(long bytes)
    {
        string[] units = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
        var text = Count(bytes) + " bytes";
        if (bytes < 1024)
        {
            return text;
        }
        double scaled = bytes;
        var unit = -1;
        while (scaled >= 1024 && unit < units.Length - 1)
        {
            scaled /= 1024;
            unit++;
        }
        return text + " (" + scaled.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit] + ")";
    }
}
