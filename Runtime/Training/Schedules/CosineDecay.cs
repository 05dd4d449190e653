using System;

namespace Generated.Training;

/// <summary>
/// Keras' <c>CosineDecay</c> (SGDR without restarts), with its optional linear warm-up: with a warm-up the rate rises
/// linearly from <c>initial</c> to <c>warmupTarget</c> over <c>warmupSteps</c>, then decays from <c>warmupTarget</c>;
/// without one it decays from <c>initial</c>. The decay is <c>from * ((1 - alpha) * 0.5 (1 + cos(pi t / decaySteps)) + alpha)</c>,
/// <c>t</c> capped at <c>decaySteps</c>, so the rate ends at <c>alpha * from</c> and stays there.
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule with Keras' arguments <c>initial_learning_rate, decay_steps, alpha, warmup_target, warmup_steps</c>.</summary>
    public CosineDecay(float initialLearningRate, long decaySteps, float alpha = 0f, float? warmupTarget = null, long warmupSteps = 0)
    {
        if (!(initialLearningRate >= 0) || float.IsInfinity(initialLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(initialLearningRate), initialLearningRate, "The initial learning rate must be a finite number >= 0.");
        }
        if (decaySteps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(decaySteps), decaySteps, "decaySteps must be a positive number of optimizer steps.");
        }
        if (!(alpha >= 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha (the final fraction of the rate) must be in [0, 1].");
        }
        if (warmupSteps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "warmupSteps must be >= 0.");
        }
        if (warmupTarget is { } target && (!(target >= 0) || float.IsInfinity(target)))
        {
            throw new ArgumentOutOfRangeException(nameof(warmupTarget), target, "warmupTarget must be a finite number >= 0.");
        }
        if (warmupSteps > 0 && warmupTarget is null)
        {
            throw new ArgumentException("warmupSteps needs warmupTarget, the rate reached at the end of the warm-up (Keras ignores the warm-up without it).", nameof(warmupTarget));
        }
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        Alpha = alpha;
        WarmupTarget = warmupTarget;
        WarmupSteps = warmupSteps;
    }

    /// <summary>The rate at step 0.</summary>
    public float InitialLearningRate { get; }

    /// <summary>Length of the cosine decay, after the warm-up.</summary>
    public long DecaySteps { get; }

    /// <summary>Final rate as a fraction of the rate the decay starts from.</summary>
    public float Alpha { get; }

    /// <summary>Rate at the end of the warm-up, or null for no warm-up.</summary>
    public float? WarmupTarget { get; }

    /// <summary>Length of the linear warm-up.</summary>
    public long WarmupSteps { get; }

    /// <inheritdoc/>
    public override float GetLearningRate(long step)
    {
        if (WarmupTarget is not { } target)
        {
            return Decay(Math.Min(step, DecaySteps), InitialLearningRate);
        }
        var capped = Math.Min(step, DecaySteps + WarmupSteps);
        if (capped < WarmupSteps)
        {
            var fraction = (double)capped / WarmupSteps;
            return (float)((target - (double)InitialLearningRate) * fraction + InitialLearningRate);
        }
        return Decay(capped - WarmupSteps, target);
    }

    private float Decay(long step, float from)
    {
        var fraction = (double)step / DecaySteps;
        var cosine = 0.5 * (1 + Math.Cos(Math.PI * fraction));
        return (float)(from * ((1 - Alpha) * cosine + Alpha));
    }
}
