namespace Generated.Training;

/// <summary>
/// Keras' <c>AdamW</c>: <see cref="Adam"/> with decoupled weight decay <c>p -= p * wd * lr</c> applied before each update,
/// defaults <c>learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-7</c>.
/// </summary>
/// <remarks>
/// The decay scales with the current learning rate exactly as PyTorch's <c>AdamW</c> (<c>p *= 1 - lr wd</c>); only
/// epsilon's placement differs from PyTorch, as for <see cref="Adam"/>. Like Keras, every trainable tensor decays,
/// biases included.
/// </remarks>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    public AdamW(float learningRate = 0.001f, float weightDecay = 0.004f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate, beta1, beta2, epsilon)
    {
        WeightDecay = weightDecay;
    }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    public AdamW(LearningRateSchedule learningRate, float weightDecay = 0.004f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate, beta1, beta2, epsilon)
    {
        WeightDecay = weightDecay;
    }

    /// <inheritdoc/>
    public override string Name => "adamw";
}
