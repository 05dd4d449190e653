using System;
using System.Globalization;

namespace Generated.Training;

/// <summary>
/// Keras' <c>PiecewiseConstantDecay</c>: <c>values[0]</c> while <c>step &lt;= boundaries[0]</c>, <c>values[1]</c> while
/// <c>step &lt;= boundaries[1]</c>, ..., <c>values[^1]</c> after the last boundary.
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] _boundaries;
    private readonly float[] _values;

    /// <summary>Creates the schedule; <paramref name="values"/> has one more element than <paramref name="boundaries"/>, which increase strictly.</summary>
    public PiecewiseConstantDecay(long[] boundaries, float[] values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != boundaries.Length + 1)
        {
            throw new ArgumentException(
                $"values must have one more element than boundaries: {boundaries.Length} boundaries need {boundaries.Length + 1} values, got {values.Length}.", nameof(values));
        }
        for (var i = 1; i < boundaries.Length; i++)
        {
            if (boundaries[i] <= boundaries[i - 1])
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"boundaries must increase strictly: boundaries[{i}] = {boundaries[i]} follows {boundaries[i - 1]}."), nameof(boundaries));
            }
        }
        foreach (var value in values)
        {
            if (!(value >= 0) || float.IsInfinity(value))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Every learning rate must be a finite number >= 0; got {value}."), nameof(values));
            }
        }
        _boundaries = (long[])boundaries.Clone();
        _values = (float[])values.Clone();
    }

    /// <inheritdoc/>
    public override float GetLearningRate(long step)
    {
        for (var i = 0; i < _boundaries.Length; i++)
        {
            if (step <= _boundaries[i])
            {
                return _values[i];
            }
        }
        return _values[^1];
    }
}
