using System;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// How one forward method (Predict's chunk or the training Forward) addresses tensors and weights for a rule:
/// every expression it hands out is recorded in <see cref="Body"/>, which declares the locals it needs.
/// </summary>
internal sealed class ForwardScope
{
    private readonly Func<int, string> _tensor;

    public ForwardScope(EmitContext context, MethodBody body, Func<int, string> tensor, TrainingPlan? training)
    {
        Context = context;
        Body = body;
        _tensor = tensor;
        Training = training;
    }

    public EmitContext Context { get; }

    public MethodBody Body { get; }

    public IndentedWriter Writer => Body.Writer;

    /// <summary>The training plan, or null in Predict.</summary>
    public TrainingPlan? Training { get; }

    /// <summary>The expression of a tensor's (root's) memory.</summary>
    public string Tensor(int tensor) => Body.Use(_tensor(tensor));

    /// <summary>The memory of the layer's input <paramref name="slot"/>.</summary>
    public string Input(LayerModel layer, int slot = 0) => Tensor(layer.Inputs[slot]);

    /// <summary>A local of this method, e.g. a mask or saved statistics.</summary>
    public string Local(string name) => Body.Use(name);

    public string Weights(LayerModel layer, string suffix) => Context.Parameters.Get(layer, suffix).Span(Body);

    /// <summary>The weights, or an empty span when the layer has no such tensor (a bias with <c>UseBias = false</c>).</summary>
    public string OptionalWeights(LayerModel layer, string suffix) =>
        Context.Parameters.Find(layer, suffix)?.Span(Body) ?? RuntimeApi.ReadOnlySpan + ".Empty";
}

/// <summary>
/// How the Backward method addresses tensors, gradients and weights for a rule. Each root tensor has one gradient
/// region; <see cref="InputGradient"/> says whether this layer's write to it is the first (an overwrite) or must be
/// added to what another reader wrote (through the accumulator scratch, then <see cref="Finish"/>).
/// </summary>
internal sealed class BackwardScope
{
    private readonly Func<int, string> _tensor;
    private readonly Func<int, bool, (string Target, string? AddInto)> _inputGradient;

    public BackwardScope(EmitContext context, MethodBody body, Func<int, string> tensor, string outputGradient,
        Func<int, bool, (string Target, string? AddInto)> inputGradient)
    {
        Context = context;
        Body = body;
        _tensor = tensor;
        OutputGradient = outputGradient;
        _inputGradient = inputGradient;
    }

    public EmitContext Context { get; }

    public MethodBody Body { get; }

    public IndentedWriter Writer => Body.Writer;

    public TrainingPlan Plan => Context.Training;

    public Graph Graph => Context.Training.Graph;

    /// <summary>dLoss/dOutput of the layer (the caller's read-only span for the network's last layer).</summary>
    public string OutputGradient { get; }

    /// <summary>The forward memory of a tensor.</summary>
    public string Tensor(int tensor) => Body.Use(_tensor(tensor));

    public string Input(LayerModel layer, int slot = 0) => Tensor(layer.Inputs[slot]);

    /// <summary>The layer's own forward output.</summary>
    public string Output(LayerModel layer) => Body.Use(Locals.Output(layer));

    public string Local(string name) => Body.Use(name);

    /// <summary>A per-sample region of the backward buffer, e.g. scratch.</summary>
    public string Backward(int offset, int size) => Body.Use("backward") + "." + Code.Region(offset, size);

    public string Weights(LayerModel layer, string suffix) => Context.Parameters.Get(layer, suffix).Span(Body);

    public string WeightGradient(LayerModel layer, string suffix) => Context.Parameters.Get(layer, suffix).GradientSpan(Body);

    /// <summary>The gradient span, or an empty span when the layer has no such tensor.</summary>
    public string OptionalWeightGradient(LayerModel layer, string suffix) =>
        Context.Parameters.Find(layer, suffix)?.GradientSpan(Body) ?? RuntimeApi.Span + ".Empty";

    /// <summary>
    /// Where input <paramref name="slot"/>'s gradient goes and, when that input already has a gradient from another
    /// reader, the region to add it into afterwards; <paramref name="scratch"/>: write it to scratch first (else the
    /// caller adds it itself).
    /// </summary>
    public (string Target, string? AddInto) InputGradient(int slot, bool scratch = true) => _inputGradient(slot, scratch);

    /// <summary>Adds a gradient written to scratch into the region that already held another reader's.</summary>
    public void Finish((string Target, string? AddInto) slot)
    {
        if (slot.AddInto is { } into)
        {
            Writer.WriteLine($"{RuntimeApi.Merge}.Add({into}, {slot.Target}, {into});");
        }
    }
}
