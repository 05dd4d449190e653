namespace Generated.Runtime.Tests.Common;

/// <summary>Which twin of a kernel a test runs: the scalar reference or the vectorized one the generated code calls.</summary>
public enum Implementation
{
    /// <summary><c>Generated.Kernels.Reference.*</c>.</summary>
    Reference,

    /// <summary><c>Generated.Kernels.*</c>.</summary>
    Fast,
}
