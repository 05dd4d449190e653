using System;

namespace Generated.Training;

/// <summary>The same learning rate at every step (what a plain <c>learning_rate=0.001</c> means in Keras).</summary>
public sealed class ConstantLearningRate : LearningRateSchedule
{
    /// <summary>Creates a constant schedule of <paramref name="learningRate"/>.</summary>
    public ConstantLearningRate(float learningRate)
    {
        if (!(learningRate >= 0) || float.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a finite number >= 0 (Keras' defaults: 0.001 for Adam, 0.01 for SGD).");
        }
        LearningRate = learningRate;
    }

    /// <summary>The rate.</summary>
    public float LearningRate { get; }

    /// <inheritdoc/>
    public override float GetLearningRate(long step) => LearningRate;
}
