using System.Collections.Generic;

namespace Generated.Training;

/// <summary>
/// Hooks into <see cref="Trainer"/>'s <c>Fit</c>, as Keras' <c>keras.callbacks.Callback</c>. Epochs are 0-based, as in
/// Keras; <c>logs</c> hold the epoch's <c>loss</c>, metrics and <c>val_</c> values. Set <see cref="Trainer.StopTraining"/>
/// to end training after the current epoch (Keras' <c>self.model.stop_training = True</c>).
/// </summary>
public abstract class Callback
{
    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin(Trainer trainer)
    {
    }

    /// <summary>Before epoch <paramref name="epoch"/> (0-based).</summary>
    public virtual void OnEpochBegin(Trainer trainer, int epoch)
    {
    }

    /// <summary>After epoch <paramref name="epoch"/> (0-based) and its validation.</summary>
    public virtual void OnEpochEnd(Trainer trainer, int epoch, IReadOnlyDictionary<string, float> logs)
    {
    }

    /// <summary>After the last epoch, or the epoch in which training was stopped.</summary>
    public virtual void OnTrainEnd(Trainer trainer)
    {
    }
}
