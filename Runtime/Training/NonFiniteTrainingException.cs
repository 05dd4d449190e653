using System;

namespace Generated.Training;

/// <summary>Training met NaN or infinity; the message names the epoch, the step and the value, and suggests fixes.</summary>
public sealed class NonFiniteTrainingException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    public NonFiniteTrainingException(string message, int epoch, int step)
        : base(message)
    {
        Epoch = epoch;
        Step = step;
    }

    /// <summary>1-based epoch, or 0 for a <see cref="Trainer.TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float})"/> outside <c>Fit</c>.</summary>
    public int Epoch { get; }

    /// <summary>1-based step within the epoch (or the optimizer step outside <c>Fit</c>).</summary>
    public int Step { get; }
}
