using System;

namespace Generated.Training;

/// <summary>
/// Keras' <c>ExponentialDecay</c>: <c>initial * decayRate^(step / decaySteps)</c>, with the exponent floored when
/// <see cref="Staircase"/> is set (a step schedule: the rate drops by <c>decayRate</c> every <c>decaySteps</c> updates).
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule with Keras' argument order: <c>initial_learning_rate, decay_steps, decay_rate, staircase</c>.</summary>
    public ExponentialDecay(float initialLearningRate, long decaySteps, float decayRate, bool staircase = false)
    {
        if (!(initialLearningRate >= 0) || float.IsInfinity(initialLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(initialLearningRate), initialLearningRate, "The initial learning rate must be a finite number >= 0.");
        }
        if (decaySteps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(decaySteps), decaySteps, "decaySteps must be a positive number of optimizer steps.");
        }
        if (!(decayRate > 0) || float.IsInfinity(decayRate))
        {
            throw new ArgumentOutOfRangeException(nameof(decayRate), decayRate, "decayRate must be a finite number > 0 (e.g. 0.96).");
        }
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        DecayRate = decayRate;
        Staircase = staircase;
    }

    /// <summary>The rate at step 0.</summary>
    public float InitialLearningRate { get; }

    /// <summary>Steps over which the rate is multiplied by <see cref="DecayRate"/> once.</summary>
    public long DecaySteps { get; }

    /// <summary>Factor per <see cref="DecaySteps"/>.</summary>
    public float DecayRate { get; }

    /// <summary>Whether the rate drops in discrete steps (floored exponent).</summary>
    public bool Staircase { get; }

    /// <inheritdoc/>
    public override float GetLearningRate(long step)
    {
        var exponent = (double)step / DecaySteps;
        if (Staircase)
        {
            exponent = Math.Floor(exponent);
        }
        return (float)(InitialLearningRate * Math.Pow(DecayRate, exponent));
    }
}
