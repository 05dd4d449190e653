namespace Generated.Training;

/// <summary>What a <see cref="Trainer"/> does when a batch, the loss or a gradient contains NaN or infinity.</summary>
public enum NonFiniteAction
{
    /// <summary>Stop with a <see cref="NonFiniteTrainingException"/> naming the epoch, the step and what was not finite (default).</summary>
    Throw,

    /// <summary>Leave the parameters unchanged for that batch, count it in <see cref="History.SkippedSteps"/> and go on.</summary>
    Skip,

    /// <summary>Do not check (Keras' behaviour without a <c>TerminateOnNaN</c> callback): NaN spreads into the weights.</summary>
    Ignore,
}
