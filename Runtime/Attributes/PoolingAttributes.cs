using System;

namespace Generated;

/// <summary>Max pooling (Keras <c>MaxPooling2D</c>); padded cells never win.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPooling2DAttribute : LayerAttribute
{
    /// <summary>Square <paramref name="poolSize"/> windows; strides default to the pool size.</summary>
    public MaxPooling2DAttribute(int poolSize) : this(poolSize, poolSize) { }

    /// <summary><paramref name="poolHeight"/> x <paramref name="poolWidth"/> windows; strides default to the pool size.</summary>
    public MaxPooling2DAttribute(int poolHeight, int poolWidth)
    {
        PoolHeight = poolHeight;
        PoolWidth = poolWidth;
    }

    /// <summary>Window rows.</summary>
    public int PoolHeight { get; }

    /// <summary>Window columns.</summary>
    public int PoolWidth { get; }

    /// <summary>Step between windows in both directions; 0 (the default) means the pool size, as in Keras.</summary>
    public int Strides { get; set; }

    /// <summary>Step between windows down the rows; 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesHeight { get; set; }

    /// <summary>Step between windows across the columns; 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesWidth { get; set; }

    /// <summary>Border handling (default <see cref="Generated.Padding.Valid"/>).</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}

/// <summary>Average pooling (Keras <c>AveragePooling2D</c>); with Same padding the padded cells are not counted.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AveragePooling2DAttribute : LayerAttribute
{
    /// <summary>Square <paramref name="poolSize"/> windows; strides default to the pool size.</summary>
    public AveragePooling2DAttribute(int poolSize) : this(poolSize, poolSize) { }

    /// <summary><paramref name="poolHeight"/> x <paramref name="poolWidth"/> windows; strides default to the pool size.</summary>
    public AveragePooling2DAttribute(int poolHeight, int poolWidth)
    {
        PoolHeight = poolHeight;
        PoolWidth = poolWidth;
    }

    /// <summary>Window rows.</summary>
    public int PoolHeight { get; }

    /// <summary>Window columns.</summary>
    public int PoolWidth { get; }

    /// <summary>Step between windows in both directions; 0 (the default) means the pool size, as in Keras.</summary>
    public int Strides { get; set; }

    /// <summary>Step between windows down the rows; 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesHeight { get; set; }

    /// <summary>Step between windows across the columns; 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesWidth { get; set; }

    /// <summary>Border handling (default <see cref="Generated.Padding.Valid"/>).</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}

/// <summary>Mean over all pixels per channel (Keras <c>GlobalAveragePooling2D</c>): <c>H x W x C</c> to <c>C</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAveragePooling2DAttribute : LayerAttribute { }

/// <summary>Maximum over all pixels per channel (Keras <c>GlobalMaxPooling2D</c>): <c>H x W x C</c> to <c>C</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalMaxPooling2DAttribute : LayerAttribute { }

/// <summary>Min pooling (the minimum of each window); with Same padding the padded cells count as +infinity, so they never win.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MinPooling2DAttribute : LayerAttribute
{
    /// <summary>Square <paramref name="poolSize"/> windows; strides default to the pool size.</summary>
    public MinPooling2DAttribute(int poolSize) : this(poolSize, poolSize) { }

    /// <summary><paramref name="poolHeight"/> x <paramref name="poolWidth"/> windows; strides default to the pool size.</summary>
    public MinPooling2DAttribute(int poolHeight, int poolWidth)
    {
        PoolHeight = poolHeight;
        PoolWidth = poolWidth;
    }

    /// <summary>Window rows.</summary>
    public int PoolHeight { get; }

    /// <summary>Window columns.</summary>
    public int PoolWidth { get; }

    /// <summary>Step between windows in both directions; 0 (the default) means the pool size.</summary>
    public int Strides { get; set; }

    /// <summary>Step between windows down the rows; 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesHeight { get; set; }

    /// <summary>Step between windows across the columns; 0 (the default) means <see cref="Strides"/>.</summary>
    public int StridesWidth { get; set; }

    /// <summary>Border handling (default <see cref="Generated.Padding.Valid"/>).</summary>
    public Padding Padding { get; set; } = Padding.Valid;
}
