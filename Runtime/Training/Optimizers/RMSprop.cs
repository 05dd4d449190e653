using System;

namespace Generated.Training;

/// <summary>
/// Keras' <c>RMSprop</c>, defaults <c>learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False</c>.
/// </summary>
/// <remarks>
/// Keras adds epsilon inside the square root, <c>lr g / sqrt(v + eps)</c>; PyTorch adds it outside,
/// <c>lr g / (sqrt(v) + eps)</c>, so they agree exactly only with epsilon 0. Keras' momentum buffer holds
/// lr-scaled increments, PyTorch's unscaled ones: the same sequence under a constant learning rate. Centered
/// subtracts the squared running mean of the gradient from <c>v</c>. This class follows Keras.
/// </remarks>
public sealed class RMSprop : Optimizer
{
    private float[]? _velocity;
    private float[]? _average;
    private float[]? _momentumBuffer;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    public RMSprop(float learningRate = 0.001f, float rho = 0.9f, float momentum = 0f, float epsilon = 1e-7f, bool centered = false)
        : base(learningRate)
    {
        (Rho, Momentum, Epsilon) = Check(rho, momentum, epsilon);
        Centered = centered;
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    public RMSprop(LearningRateSchedule learningRate, float rho = 0.9f, float momentum = 0f, float epsilon = 1e-7f, bool centered = false)
        : base(learningRate)
    {
        (Rho, Momentum, Epsilon) = Check(rho, momentum, epsilon);
        Centered = centered;
    }

    /// <summary>Decay of the running mean of squared gradients.</summary>
    public float Rho { get; }

    /// <summary>Momentum factor (0: none).</summary>
    public float Momentum { get; }

    /// <summary>Added to the mean square inside the square root.</summary>
    public float Epsilon { get; }

    /// <summary>Whether gradients are normalized by their estimated variance rather than their mean square.</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    public override string Name => "rmsprop";

    /// <inheritdoc/>
    public override string ToString() =>
        $"RMSprop(learning_rate={Format(LearningRate)}, rho={Format(Rho)}, momentum={Format(Momentum)}, epsilon={Format(Epsilon)}, centered={Centered})";

    /// <inheritdoc/>
    protected override void AllocateState(int parameterCount)
    {
        _velocity = new float[parameterCount];
        _average = Centered ? new float[parameterCount] : null;
        _momentumBuffer = Momentum > 0 ? new float[parameterCount] : null;
    }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, float learningRate, long step) =>
        OptimizerKernels.RmsProp(parameters, gradients, _velocity, _average, _momentumBuffer, learningRate, Rho, Momentum, Epsilon);

    private static (float, float, float) Check(float rho, float momentum, float epsilon)
    {
        if (!(rho >= 0 && rho < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be in [0, 1) (Keras' default 0.9).");
        }
        if (!(momentum >= 0 && momentum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1] (Keras' default 0).");
        }
        if (!(epsilon >= 0) || float.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a finite number >= 0 (Keras' default 1e-7).");
        }
        return (rho, momentum, epsilon);
    }
}
