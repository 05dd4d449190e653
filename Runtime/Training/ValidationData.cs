using System;

namespace Generated.Training;

/// <summary>
/// Held-out samples evaluated after every epoch (Keras' <c>validation_data=(x_val, y_val)</c>). Converts implicitly from a
/// tuple, so <c>validationData: (xTest, yTest)</c> works with float targets and with integer labels.
/// </summary>
public sealed class ValidationData
{
    /// <summary>Validation inputs and float targets (one-hot, 0/1, regression values or float class indices).</summary>
    public ValidationData(float[] x, float[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        X = x;
        Y = y;
    }

    /// <summary>Validation inputs and integer labels (converted to floats once, as Keras casts them).</summary>
    public ValidationData(float[] x, int[] labels)
        : this(x, Labels.ToFloats(labels ?? throw new ArgumentNullException(nameof(labels))))
    {
    }

    /// <summary>Inputs, NHWC, samples one after another.</summary>
    public float[] X { get; }

    /// <summary>Targets, laid out as for training.</summary>
    public float[] Y { get; }

    /// <summary>Wraps <c>(x, y)</c>.</summary>
    public static implicit operator ValidationData((float[] X, float[] Y) data) => new(data.X, data.Y);

    /// <summary>Wraps <c>(x, labels)</c>.</summary>
    public static implicit operator ValidationData((float[] X, int[] Labels) data) => new(data.X, data.Labels);
}
