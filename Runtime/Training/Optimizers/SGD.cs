using System;
using System.Numerics.Tensors;

namespace Generated.Training;

/// <summary>
/// Keras' <c>SGD</c>: plain gradient descent <c>p -= lr g</c>, optionally with momentum and Nesterov momentum.
/// Defaults as Keras: <c>learning_rate=0.01, momentum=0.0, nesterov=False</c>.
/// </summary>
/// <remarks>
/// Keras keeps the velocity already scaled by the learning rate: <c>m = momentum m - lr g; p += m</c>
/// (Nesterov: <c>p += momentum m - lr g</c>). PyTorch keeps it unscaled: <c>b = momentum b + g; p -= lr b</c>
/// (Nesterov: <c>p -= lr (g + momentum b)</c>). With a constant learning rate the two are the same sequence
/// (<c>m = -lr b</c>); under a schedule they differ, because Keras' stored velocity remembers the old rates.
/// This class follows Keras.
/// </remarks>
public sealed class SGD : Optimizer
{
    private float[]? _velocity;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    public SGD(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false)
        : base(learningRate)
    {
        Momentum = CheckMomentum(momentum);
        Nesterov = nesterov;
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    public SGD(LearningRateSchedule learningRate, float momentum = 0f, bool nesterov = false)
        : base(learningRate)
    {
        Momentum = CheckMomentum(momentum);
        Nesterov = nesterov;
    }

    /// <summary>Momentum factor in [0, 1] (0: plain SGD).</summary>
    public float Momentum { get; }

    /// <summary>Whether to use Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public override string Name => "sgd";

    /// <inheritdoc/>
    public override string ToString() => $"SGD(learning_rate={Format(LearningRate)}, momentum={Format(Momentum)}, nesterov={Nesterov})";

    /// <inheritdoc/>
    protected override void AllocateState(int parameterCount)
    {
        if (Momentum != 0)
        {
            _velocity = new float[parameterCount];
        }
    }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, float learningRate, long step)
    {
        if (_velocity is null)
        {
            TensorPrimitives.MultiplyAdd(gradients, -learningRate, parameters, parameters);
            return;
        }
        OptimizerKernels.SgdMomentum(parameters, gradients, _velocity, learningRate, Momentum, Nesterov);
    }

    private static float CheckMomentum(float momentum) =>
        momentum is >= 0 and <= 1 ? momentum : throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1] (Keras' default is 0; 0.9 is common).");
}
