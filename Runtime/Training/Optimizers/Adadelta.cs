using System;

namespace Generated.Training;

/// <summary>
/// Keras' <c>Adadelta</c>, defaults <c>learning_rate=0.001, rho=0.95, epsilon=1e-7</c>.
/// </summary>
/// <remarks>
/// Same formula as PyTorch's <c>Adadelta</c> (whose defaults are <c>lr=1.0, eps=1e-6</c>). Keras' default learning rate
/// of 0.001 makes steps tiny: the original paper and PyTorch use 1.0, which the Keras docs also suggest to match them.
/// The autoencoder tutorial's <c>optimizer='adadelta'</c> therefore trains slowly on purpose in Keras, and does here too.
/// </remarks>
public sealed class Adadelta : Optimizer
{
    private float[]? _accumulatedGradient;
    private float[]? _accumulatedDelta;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    public Adadelta(float learningRate = 0.001f, float rho = 0.95f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        (Rho, Epsilon) = Check(rho, epsilon);
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    public Adadelta(LearningRateSchedule learningRate, float rho = 0.95f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        (Rho, Epsilon) = Check(rho, epsilon);
    }

    /// <summary>Decay of the running averages.</summary>
    public float Rho { get; }

    /// <summary>Added inside both square roots.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public override string Name => "adadelta";

    /// <inheritdoc/>
    public override string ToString() => $"Adadelta(learning_rate={Format(LearningRate)}, rho={Format(Rho)}, epsilon={Format(Epsilon)})";

    /// <inheritdoc/>
    protected override void AllocateState(int parameterCount)
    {
        _accumulatedGradient = new float[parameterCount];
        _accumulatedDelta = new float[parameterCount];
    }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, float learningRate, long step) =>
        OptimizerKernels.Adadelta(parameters, gradients, _accumulatedGradient, _accumulatedDelta, learningRate, Rho, Epsilon);

    private static (float, float) Check(float rho, float epsilon)
    {
        if (!(rho >= 0 && rho < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be in [0, 1) (Keras' default 0.95).");
        }
        if (!(epsilon >= 0) || float.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a finite number >= 0 (Keras' default 1e-7).");
        }
        return (rho, epsilon);
    }
}
