using System;

namespace Generated.Training;

/// <summary>
/// Keras' <c>Adam</c>, defaults <c>learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7</c>.
/// </summary>
/// <remarks>
/// Keras' form: <c>alpha = lr sqrt(1 - b2^t) / (1 - b1^t)</c>, <c>p -= alpha m / (sqrt(v) + eps)</c>, where epsilon is the
/// paper's "epsilon hat". PyTorch divides by <c>sqrt(v / (1 - b2^t)) + eps</c> instead, so Keras' epsilon equals
/// PyTorch's epsilon times <c>sqrt(1 - b2^t)</c>: the two agree exactly only with epsilon 0. This class follows Keras.
/// </remarks>
public class Adam : Optimizer
{
    private float[]? _firstMoment;
    private float[]? _secondMoment;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    public Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        (Beta1, Beta2, Epsilon) = Check(beta1, beta2, epsilon);
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    public Adam(LearningRateSchedule learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        (Beta1, Beta2, Epsilon) = Check(beta1, beta2, epsilon);
    }

    /// <summary>Decay rate of the first-moment (mean) estimate.</summary>
    public float Beta1 { get; }

    /// <summary>Decay rate of the second-moment (uncentered variance) estimate.</summary>
    public float Beta2 { get; }

    /// <summary>Keras' epsilon hat, added to <c>sqrt(v)</c>.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public override string Name => "adam";

    /// <inheritdoc/>
    public override string ToString() =>
        $"{GetType().Name}(learning_rate={Format(LearningRate)}, beta_1={Format(Beta1)}, beta_2={Format(Beta2)}, epsilon={Format(Epsilon)}, weight_decay={Format(WeightDecay)})";

    /// <inheritdoc/>
    protected override void AllocateState(int parameterCount)
    {
        _firstMoment = new float[parameterCount];
        _secondMoment = new float[parameterCount];
    }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, float learningRate, long step)
    {
        var beta1Power = Math.Pow(Beta1, step);
        var beta2Power = Math.Pow(Beta2, step);
        var alpha = (float)(learningRate * Math.Sqrt(1 - beta2Power) / (1 - beta1Power));
        OptimizerKernels.Adam(parameters, gradients, _firstMoment, _secondMoment, alpha, Beta1, Beta2, Epsilon);
    }

    private static (float, float, float) Check(float beta1, float beta2, float epsilon)
    {
        if (!(beta1 >= 0 && beta1 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1) (Keras' default 0.9).");
        }
        if (!(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1) (Keras' default 0.999).");
        }
        if (!(epsilon >= 0) || float.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a finite number >= 0 (Keras' default 1e-7).");
        }
        return (beta1, beta2, epsilon);
    }
}
