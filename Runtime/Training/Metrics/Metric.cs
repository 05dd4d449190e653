namespace Generated.Training;

/// <summary>
/// Metrics a <see cref="Trainer"/> reports during <c>Fit</c> and <c>Evaluate</c>, as Keras' <c>metrics=[...]</c>.
/// </summary>
public enum Metric
{
    /// <summary>Keras' <c>"accuracy"</c>: binary, categorical or sparse categorical accuracy, chosen from the loss as Keras does; reported as <c>accuracy</c>.</summary>
    Accuracy,

    /// <summary>Fraction of output values on the right side of 0.5 (0 for a from-logits loss); reported as <c>binary_accuracy</c>.</summary>
    BinaryAccuracy,

    /// <summary>Fraction of rows whose arg-max matches the one-hot target's; reported as <c>categorical_accuracy</c>.</summary>
    CategoricalAccuracy,

    /// <summary>Fraction of rows whose arg-max equals the integer label; reported as <c>sparse_categorical_accuracy</c>.</summary>
    SparseCategoricalAccuracy,

    /// <summary>Mean absolute error over every output value; reported as <c>mae</c>.</summary>
    MeanAbsoluteError,

    /// <summary>Mean squared error over every output value; reported as <c>mse</c>.</summary>
    MeanSquaredError,
}
