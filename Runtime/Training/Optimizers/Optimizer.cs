using System;
using System.Globalization;
using System.Numerics.Tensors;

namespace Generated.Training;

/// <summary>
/// Updates a network's flat trainable-parameter buffer from its gradient buffer, with Keras' formulas and defaults.
/// State buffers (moments, velocities) are allocated once, when the optimizer is built; <see cref="Step(Span{float}, ReadOnlySpan{float})"/> allocates nothing.
/// </summary>
/// <remarks>
/// <para>Keras side by side:</para>
/// <code>
/// keras.optimizers.Adam(learning_rate=1e-3, clipnorm=1.0)                 # Keras
/// new Adam(learningRate: 1e-3f) { ClipNorm = 1f }                          // Generated
/// keras.optimizers.SGD(learning_rate=keras.optimizers.schedules.ExponentialDecay(0.1, 1000, 0.96))
/// new SGD(new ExponentialDecay(0.1f, 1000, 0.96f))
/// optimizer.apply_gradients(zip(grads, model.trainable_variables))
/// optimizer.Step(network.TrainableParameters, network.Gradients);
/// </code>
/// <para>
/// Each step: clip the gradient (<see cref="ClipNorm"/>, <see cref="GlobalClipNorm"/> or <see cref="ClipValue"/>, at most
/// one, as Keras), apply decoupled <see cref="WeightDecay"/> <c>p -= p * wd * lr</c>, run the update rule with the
/// learning rate of step <see cref="Iterations"/>, then count the step. One optimizer keeps state for one parameter
/// buffer: give every network its own optimizer (a GAN's generator and discriminator each get one).
/// </para>
/// </remarks>
public abstract class Optimizer
{
    private LearningRateSchedule _schedule;
    private int[]? _variableLengths;
    private float[]? _clippedGradients;
    private float[]? _frozenValues;
    private float? _clipNorm;
    private float? _globalClipNorm;
    private float? _clipValue;
    private float _weightDecay;

    /// <summary>Starts an optimizer with a constant <paramref name="learningRate"/>.</summary>
    protected Optimizer(float learningRate)
        : this(new ConstantLearningRate(learningRate))
    {
    }

    /// <summary>Starts an optimizer whose learning rate follows <paramref name="learningRate"/>.</summary>
    protected Optimizer(LearningRateSchedule learningRate)
    {
        ArgumentNullException.ThrowIfNull(learningRate);
        _schedule = learningRate;
    }

    /// <summary>Keras' name, e.g. <c>adam</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Number of updates applied so far (Keras' <c>optimizer.iterations</c>).</summary>
    public long Iterations { get; private set; }

    /// <summary>True once state buffers exist (after <see cref="Build(ReadOnlySpan{int})"/> or the first <see cref="Step(Span{float}, ReadOnlySpan{float})"/>).</summary>
    public bool IsBuilt => _variableLengths is not null;

    /// <summary>Number of parameters the optimizer was built for (0 before it is built).</summary>
    public int ParameterCount { get; private set; }

    /// <summary>The schedule the learning rate follows (a <see cref="ConstantLearningRate"/> for a plain number).</summary>
    public LearningRateSchedule LearningRateSchedule
    {
        get => _schedule;
        set => _schedule = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The learning rate the next step uses; setting it replaces the schedule by a constant (Keras' <c>optimizer.learning_rate = ...</c>).</summary>
    public float LearningRate
    {
        get => _schedule.GetLearningRate(Iterations);
        set => _schedule = new ConstantLearningRate(value);
    }

    /// <summary>Decoupled weight decay <c>p -= p * wd * lr</c> applied to every parameter before the update (Keras' <c>weight_decay</c>; 0 = off).</summary>
    public float WeightDecay
    {
        get => _weightDecay;
        init
        {
            if (!(value >= 0) || float.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(WeightDecay), value, "WeightDecay must be a finite number >= 0.");
            }
            _weightDecay = value;
        }
    }

    /// <summary>
    /// Keras' <c>clipnorm</c>: each parameter tensor's gradient (e.g. one layer's kernel) is scaled to L2 norm at most this value.
    /// The tensors are the network's trainable <see cref="INetwork.ParameterTensors"/> (see <see cref="Build(INetwork)"/>); an optimizer
    /// used without being built treats the whole buffer as one tensor, which makes it the same as <see cref="GlobalClipNorm"/>.
    /// </summary>
    public float? ClipNorm
    {
        get => _clipNorm;
        init => _clipNorm = CheckClip(value, nameof(ClipNorm));
    }

    /// <summary>Keras' <c>global_clipnorm</c>: the whole gradient is scaled so its L2 norm over all tensors is at most this value.</summary>
    public float? GlobalClipNorm
    {
        get => _globalClipNorm;
        init => _globalClipNorm = CheckClip(value, nameof(GlobalClipNorm));
    }

    /// <summary>Keras' <c>clipvalue</c>: every gradient value is clamped to <c>[-value, value]</c>.</summary>
    public float? ClipValue
    {
        get => _clipValue;
        init => _clipValue = CheckClip(value, nameof(ClipValue));
    }

    /// <summary>
    /// Allocates state for <paramref name="network"/>'s trainable buffer, one clipping tensor per trainable
    /// <see cref="ParameterView"/>. <see cref="Trainer"/> calls it; call it yourself before <see cref="Step(Span{float}, ReadOnlySpan{float})"/> in a hand-written loop
    /// when you use <see cref="ClipNorm"/>.
    /// </summary>
    public void Build(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var tensors = network.ParameterTensors;
        var count = 0;
        foreach (var tensor in tensors)
        {
            count += tensor.Trainable ? 1 : 0;
        }
        var lengths = new int[count];
        var index = 0;
        foreach (var tensor in tensors)
        {
            if (tensor.Trainable)
            {
                lengths[index++] = tensor.Length;
            }
        }
        Build(lengths);
        if (ParameterCount != network.TrainableParameters.Length)
        {
            throw new ArgumentException(
                $"The network's trainable tensors hold {ParameterCount} values but its TrainableParameters buffer holds {network.TrainableParameters.Length}; the network's ParameterTensors do not describe its buffer.",
                nameof(network));
        }
    }

    /// <summary>
    /// Allocates state for a buffer made of consecutive tensors of <paramref name="variableLengths"/> values (used by
    /// <see cref="ClipNorm"/>). Building again with the same layout does nothing; with another layout it throws.
    /// </summary>
    public void Build(ReadOnlySpan<int> variableLengths)
    {
        var total = 0L;
        foreach (var length in variableLengths)
        {
            if (length < 0)
            {
                throw new ArgumentException($"A tensor length is negative ({length}).", nameof(variableLengths));
            }
            total += length;
        }
        if (total > int.MaxValue)
        {
            throw new ArgumentException($"The tensors hold {total} values, more than one buffer can.", nameof(variableLengths));
        }
        if (_variableLengths is not null)
        {
            if (!variableLengths.SequenceEqual(_variableLengths))
            {
                throw new InvalidOperationException(
                    $"This {Name} optimizer was built for {ParameterCount} parameters in {_variableLengths.Length} tensors and keeps state for them; " +
                    $"it cannot also update {total} parameters in {variableLengths.Length} tensors. Create one optimizer per network.");
            }
            return;
        }
        _variableLengths = variableLengths.ToArray();
        ParameterCount = (int)total;
        if (_clipNorm is not null || _globalClipNorm is not null || _clipValue is not null)
        {
            _clippedGradients = new float[ParameterCount];
        }
        AllocateState(ParameterCount);
    }

    /// <summary>
    /// Applies one update to <paramref name="parameters"/> from <paramref name="gradients"/> (same length), then increments
    /// <see cref="Iterations"/>. The first call builds the optimizer if needed, treating the buffer as one tensor.
    /// </summary>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != gradients.Length)
        {
            throw new ArgumentException(
                $"The gradient buffer holds {gradients.Length} values but the parameter buffer holds {parameters.Length}; pass a network's TrainableParameters and Gradients together.",
                nameof(gradients));
        }
        if (_variableLengths is null)
        {
            Build(stackalloc int[] { parameters.Length });
        }
        else if (parameters.Length != ParameterCount)
        {
            throw new ArgumentException(
                $"This {Name} optimizer was built for {ParameterCount} parameters but got {parameters.Length}. Create one optimizer per network.", nameof(parameters));
        }

        var learningRate = _schedule.GetLearningRate(Iterations);
        var clipped = Clip(gradients);
        if (_weightDecay != 0)
        {
            TensorPrimitives.Multiply(parameters, 1f - _weightDecay * learningRate, parameters);
        }
        Update(parameters, clipped, learningRate, Iterations + 1);
        Iterations++;
    }

    /// <summary>
    /// <see cref="Step(Span{float}, ReadOnlySpan{float})"/> that leaves the tensors flagged in <paramref name="frozenTensors"/> (one
    /// flag per tensor the optimizer was built for, in order: a frozen layer's kernel and bias) exactly as they were, whatever
    /// their gradient, momentum or weight decay; their gradients must be zero so they do not count in a global clip norm
    /// (<see cref="Trainer"/> zeroes them). The other tensors get the same update as without the mask.
    /// </summary>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients, ReadOnlySpan<bool> frozenTensors)
    {
        if (frozenTensors.IndexOf(true) < 0)
        {
            Step(parameters, gradients);
            return;
        }
        if (_variableLengths is null || frozenTensors.Length != _variableLengths.Length)
        {
            throw new ArgumentException(
                $"frozenTensors has {frozenTensors.Length} flags; this {Name} optimizer {(_variableLengths is null ? "is not built: call Build(network) first" : $"was built for {_variableLengths.Length} tensors")}.",
                nameof(frozenTensors));
        }
        var frozenLength = 0;
        for (var i = 0; i < frozenTensors.Length; i++)
        {
            frozenLength += frozenTensors[i] ? _variableLengths[i] : 0;
        }
        if (_frozenValues is null || _frozenValues.Length < frozenLength)
        {
            _frozenValues = new float[frozenLength];
        }
        // The update rules are element-wise over one state buffer, so the frozen values are kept aside and put back.
        CopyFrozen(frozenTensors, parameters, save: true);
        Step(parameters, gradients);
        CopyFrozen(frozenTensors, parameters, save: false);
    }

    private void CopyFrozen(ReadOnlySpan<bool> frozenTensors, Span<float> parameters, bool save)
    {
        var offset = 0;
        var savedOffset = 0;
        for (var i = 0; i < frozenTensors.Length; i++)
        {
            var length = _variableLengths![i];
            if (frozenTensors[i])
            {
                var saved = _frozenValues.AsSpan(savedOffset, length);
                var values = parameters.Slice(offset, length);
                if (save)
                {
                    values.CopyTo(saved);
                }
                else
                {
                    saved.CopyTo(values);
                }
                savedOffset += length;
            }
            offset += length;
        }
    }

    /// <summary>Allocates the state buffers for <paramref name="parameterCount"/> parameters (zeros, as Keras).</summary>
    protected abstract void AllocateState(int parameterCount);

    /// <summary>Runs the update rule; <paramref name="step"/> is 1 for the first update (Keras' <c>local_step</c>).</summary>
    protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradients, float learningRate, long step);

    /// <summary>Formats hyper-parameters for <see cref="object.ToString"/>.</summary>
    protected static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private ReadOnlySpan<float> Clip(ReadOnlySpan<float> gradients)
    {
        var output = _clippedGradients.AsSpan();
        if (_clipValue is { } limit)
        {
            TensorPrimitives.Max(gradients, -limit, output);
            TensorPrimitives.Min(output, limit, output);
            return output;
        }
        if (_globalClipNorm is { } globalLimit)
        {
            var norm = TensorPrimitives.Norm(gradients);
            if (norm <= globalLimit)
            {
                return gradients;
            }
            TensorPrimitives.Multiply(gradients, globalLimit / norm, output);
            return output;
        }
        if (_clipNorm is { } tensorLimit)
        {
            var offset = 0;
            foreach (var length in _variableLengths!)
            {
                var tensor = gradients.Slice(offset, length);
                var norm = TensorPrimitives.Norm(tensor);
                TensorPrimitives.Multiply(tensor, norm > tensorLimit ? tensorLimit / norm : 1f, output.Slice(offset, length));
                offset += length;
            }
            return output;
        }
        return gradients;
    }

    private float? CheckClip(float? value, string name)
    {
        if (value is { } v && (!(v > 0) || float.IsInfinity(v)))
        {
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be a finite number > 0.");
        }
        var others = (_clipNorm is null ? 0 : 1) + (_globalClipNorm is null ? 0 : 1) + (_clipValue is null ? 0 : 1);
        if (value is not null && others > 0)
        {
            throw new ArgumentException($"Only one of ClipNorm, GlobalClipNorm and ClipValue can be set (as in Keras); {name} was set after another.", name);
        }
        return value;
    }
}
