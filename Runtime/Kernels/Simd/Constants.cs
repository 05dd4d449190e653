namespace Generated.Kernels.Simd;

/// <summary>A small integer known to the JIT as a constant (a struct type parameter, read as <c>default(T).Value</c>), so unused accumulators vanish from a micro-kernel.</summary>
internal interface IConstant
{
    /// <summary>The value.</summary>
    int Value { get; }
}

/// <summary>1.</summary>
internal readonly struct One : IConstant { public int Value => 1; }

/// <summary>2.</summary>
internal readonly struct Two : IConstant { public int Value => 2; }

/// <summary>3.</summary>
internal readonly struct Three : IConstant { public int Value => 3; }

/// <summary>4.</summary>
internal readonly struct Four : IConstant { public int Value => 4; }

/// <summary>5.</summary>
internal readonly struct Five : IConstant { public int Value => 5; }

/// <summary>6.</summary>
internal readonly struct Six : IConstant { public int Value => 6; }

/// <summary>7.</summary>
internal readonly struct Seven : IConstant { public int Value => 7; }

/// <summary>8.</summary>
internal readonly struct Eight : IConstant { public int Value => 8; }
