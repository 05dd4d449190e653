namespace Generated.Data;

/// <summary>Which part of a folder split by <c>validationSplit</c> to stream (Keras' <c>subset</c>).</summary>
public enum ImageSubset
{
    /// <summary>Every file; needs <c>validationSplit</c> 0.</summary>
    All,
    /// <summary>The files before the validation share, after the seeded shuffle (Keras' <c>"training"</c>).</summary>
    Training,
    /// <summary>The last <c>int(validationSplit * files)</c> files after the seeded shuffle (Keras' <c>"validation"</c>).</summary>
    Validation,
}
