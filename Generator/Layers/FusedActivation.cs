using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// The activation argument of Conv2D, Conv2DTranspose and Dense, fused into their kernels: Swish, Gelu and HardSwish
/// run as a separate pass in training, because their backward needs the pre-activation (kept for Backward).
/// </summary>
internal static class FusedActivation
{
    /// <summary>What Forward keeps for Backward: the pre-activation of Swish, Gelu or HardSwish.</summary>
    public static SavedTensor[] Saved(LayerModel layer) =>
        ActivationRule.NeedsInput(layer.Declaration.Activation)
            ? new[] { new SavedTensor(Locals.PreActivation(layer), (int)layer.OutputShape.Size) }
            : System.Array.Empty<SavedTensor>();

    /// <summary>Where the kernel writes (the pre-activation when Swish, Gelu or HardSwish runs separately in training) and the activation it applies.</summary>
    public static (string Target, string Activation) KernelOutput(ForwardScope scope, LayerModel layer, string output)
    {
        var separate = ActivationRule.NeedsInput(layer.Declaration.Activation);
        var target = separate && scope.Training is not null ? scope.Local(Locals.PreActivation(layer)) : output;
        return (target, Code.ActivationLiteral(separate ? ActivationKind.Linear : layer.Declaration.Activation));
    }

    /// <summary>The separate pass of Swish, Gelu or HardSwish after the kernel, if any.</summary>
    public static void WriteForward(ForwardScope scope, LayerModel layer, string target, string output)
    {
        var activation = layer.Declaration.Activation;
        if (ActivationRule.NeedsInput(activation))
        {
            scope.Writer.WriteLine($"{RuntimeApi.Activations}.Forward({Code.ActivationLiteral(activation)}, 0f, {Code.Literal(layer.OutputShape.Channels)}, {target}, {output});");
        }
    }

    /// <summary>
    /// The gradient through the activation, before the kernel's backward: in place unless the layer's output gradient
    /// is the caller's read-only span (then in scratch), or nothing when the reader already applied the ReLU derivative.
    /// Returns the gradient the kernel's backward reads.
    /// </summary>
    public static string WriteBackward(BackwardScope scope, LayerModel layer)
    {
        var writer = scope.Writer;
        var activation = layer.Declaration.Activation;
        var dY = scope.OutputGradient;
        if (Fusions.ReluMaskedByReader(scope.Graph, layer.Index))
        {
            writer.WriteLine("// The ReLU derivative was applied by the reader's backward pass.");
            return dY;
        }
        if (activation == ActivationKind.Linear)
        {
            return dY;
        }
        var preActivation = ActivationRule.NeedsInput(activation) ? scope.Local(Locals.PreActivation(layer)) : RuntimeApi.ReadOnlySpan + ".Empty";
        var delta = dY;
        if (dY == "outputGradient")
        {
            // The caller's span is read-only: the gradient through the activation goes to scratch.
            delta = "delta";
            writer.WriteLine($"var delta = {scope.Backward(scope.Plan.DeltaOffset, (int)layer.OutputShape.Size)};");
        }
        // Otherwise in place: nothing reads this layer's output gradient after its own backward pass.
        writer.WriteLine($"{RuntimeApi.Activations}.Backward({Code.ActivationLiteral(activation)}, {ActivationRule.Alpha(layer, activation)}, {Code.Literal(layer.OutputShape.Channels)}, {preActivation}, {scope.Output(layer)}, {dY}, {delta});");
        return delta;
    }
}
