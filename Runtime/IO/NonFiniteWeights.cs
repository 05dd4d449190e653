namespace Generated.IO;

/// <summary>What <c>LoadWeights</c> does with a tensor of the file that holds NaN or an infinity (a diverged training saved).</summary>
public enum NonFiniteWeights
{
    /// <summary>The tensor does not fit: strict loading throws a <see cref="WeightFileException"/> naming it and changes nothing; partial loading leaves it as it was and lists it in <see cref="WeightLoadReport.NonFinite"/>.</summary>
    Reject,

    /// <summary>The tensor is loaded; <see cref="WeightLoadReport.NonFinite"/> lists it as a warning.</summary>
    Warn,
}
