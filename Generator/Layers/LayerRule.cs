using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// Everything about one layer kind (or a few kinds that truly share code), in one place: how its attribute's
/// arguments become a <see cref="LayerDeclaration"/>, its shape inference, parameters and diagnostics, its constant
/// geometry, what it keeps for Backward, and its forward and backward kernel calls. The shared parts (declaration
/// reader, shape inference driver, memory plans, fusions and member writers) reach a layer only through its rule,
/// found in <see cref="LayerRules"/>.
/// </summary>
internal abstract class LayerRule
{
    protected LayerRule(params LayerKind[] kinds) => Kinds = kinds;

    /// <summary>The layer kinds this rule owns (one attribute each).</summary>
    public IReadOnlyList<LayerKind> Kinds { get; }

    /// <summary>Keras' snake_case prefix of automatic names: <c>conv2d</c>, <c>max_pooling2d</c>, <c>re_lu</c>, ...</summary>
    public abstract string KerasPrefix(LayerKind kind);

    /// <summary>
    /// Kind-specific reading of the attribute's arguments (by constructor parameter or property name), after the
    /// shared arguments (<c>Name</c>, <c>filters</c>, <c>Strides</c>, ...) were read into <paramref name="layer"/>.
    /// </summary>
    public virtual LayerDeclaration Read(LayerDeclaration layer, AttributeArguments arguments) => layer;

    /// <summary>The layer's output shape, parameters and geometry, or null (after reporting why) when it has none.</summary>
    public abstract LayerModel? Infer(LayerInference inference);

    /// <summary>
    /// The layer's multiply-adds and activation floats per sample (see <see cref="LayerFacts"/>): every rule answers, so
    /// <c>MultiplyAddsPerSample</c>, <c>Summary</c> and the <c>[Network]</c> budgets count every layer.
    /// </summary>
    public abstract LayerFacts Facts(LayerModel layer);
    /// <summary>The layer's arguments as Keras' <c>get_config()</c> names them, for the generated <c>LayerInfo.Config</c>; none by default.</summary>
    public virtual LayerConfig Config(LayerModel layer) => new();

    /// <summary>The activation fused into this layer's kernel (Conv2D, Dense, ...), or null when it has none.</summary>
    public virtual ActivationKind? FusedActivation(LayerModel layer) => null;

    /// <summary>Whether the output is the input's memory (no kernel call): NHWC memory already is the new shape.</summary>
    public virtual bool AliasesInput(LayerModel layer, bool inference) => false;

    /// <summary>Whether its backward can apply the ReLU derivative of its input's producer (see <see cref="Fusions.ReluMaskedByReader"/>).</summary>
    public virtual bool MasksInputByRelu(LayerModel layer) => false;

    /// <summary>Whether its backward skips an empty input gradient (so training can leave out the first layer's input gradient).</summary>
    public virtual bool SkipsEmptyInputGradient => false;

    /// <summary>The constant geometry its kernels read by <c>in</c> reference, or null when they take plain sizes.</summary>
    public virtual GeometryExpression? Geometry(LayerModel layer) => null;

    /// <summary>What its Forward keeps for its Backward besides the output, in placement order.</summary>
    public virtual IEnumerable<SavedTensor> SavedForBackward(LayerModel layer) => System.Array.Empty<SavedTensor>();

    /// <summary>Whether Predict reads a packed copy of its weights (written by <see cref="WritePack"/>).</summary>
    public virtual bool PacksWeights(LayerModel layer) => false;

    /// <summary>Packs the layer's weights into its <see cref="Locals.PackedField"/> for Predict.</summary>
    public virtual void WritePack(ForwardScope scope, LayerModel layer)
    {
    }

    /// <summary>Whether its training forward draws from the network's seeded stream (dropout masks, augmentation transforms).</summary>
    public virtual bool DrawsRandomly => false;

    /// <summary>Members of its own in the generated class (Normalization's <c>Adapt</c> method), after the parameter views.</summary>
    public virtual void WriteMembers(IndentedWriter writer, EmitContext context, LayerModel layer)
    {
    }

    /// <summary>Writes the forward kernel call(s) of <paramref name="layer"/> into <paramref name="output"/>.</summary>
    public abstract void WriteForward(ForwardScope scope, LayerModel layer, string output);

    /// <summary>Writes the backward kernel call(s) of <paramref name="layer"/> (a root tensor: aliases have none).</summary>
    public abstract void WriteBackward(BackwardScope scope, LayerModel layer);

    /// <summary>A one-line comment naming the layer and its shapes, above its kernel call.</summary>
    public static string Comment(LayerModel layer) =>
        $"// {layer.Name} ({layer.Kind}): {layer.InputShape} -> {layer.OutputShape}";
}
