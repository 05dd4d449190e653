namespace Generated.Training;

/// <summary>
/// A learning rate that depends on the optimizer's step count, as Keras' <c>LearningRateSchedule</c>:
/// the optimizer asks for <see cref="GetLearningRate"/> with its <see cref="Optimizer.Iterations"/> before
/// each update, so the first update uses step 0.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for the update that follows <paramref name="step"/> completed updates.</summary>
    public abstract float GetLearningRate(long step);
}
