namespace Generated.Data;

/// <summary>How an image folder's labels are handed to training (Keras' <c>label_mode</c>).</summary>
public enum LabelMode
{
    /// <summary>One class index per image, as a float (for <c>SparseCategoricalCrossentropy</c>; Keras' default <c>"int"</c>).</summary>
    Int,
    /// <summary>One one-hot row of <c>ClassCount</c> floats per image (for <c>CategoricalCrossentropy</c>).</summary>
    Categorical,
    /// <summary>One float, 0 or 1, per image of a two-class folder (for <c>BinaryCrossentropy</c>).</summary>
    Binary,
}
