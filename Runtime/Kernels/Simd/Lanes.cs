namespace Generated.Kernels.Simd;

/// <summary>
/// The runtime's vector abstraction: one vector width as a type parameter, so code written once against
/// <see cref="ILanes{TVector}"/> is compiled by the JIT into separate, fully inlined 128-, 256- and 512-bit versions
/// (TensorPrimitives' operator-struct pattern). Its members are instance members called on <c>default(TLanes)</c>, not
/// static abstract ones, so the same kernels compile for netstandard (Unity, Mono), where one implementation over
/// <c>System.Numerics.Vector&lt;float&gt;</c> (Portable/Simd/LanesVector.cs) replaces the width-specific ones
/// (Lanes.Intrinsics.cs); a struct's instance call inlines exactly as a static one. The matrix product, the pixel-lane convolutions and the stride-phase
/// input gradient are written on it.
/// </summary>
/// <remarks>
/// Which width runs is <see cref="VectorPath"/>'s choice: the widest the hardware accelerates, capped by
/// <see cref="KernelOptions.VectorWidth"/>; 128 bits on ARM64 (AdvSimd) and WebAssembly (PackedSimd), and on x64 when
/// forced. Two other styles remain, on purpose. Whole-span element-wise math (activations, losses, optimizers, pooling
/// sums) calls <c>System.Numerics.Tensors.TensorPrimitives</c>, which picks 128, 256 or 512 bits for the machine itself
/// (so the option does not reach it). <see cref="ElementOperators"/>, the pooling windows and max routing, column sums,
/// batch-normalization rows and bilinear resampling need lane-wise compare and select or are one loop each, so they are
/// written on <c>Vector256</c>/<c>Vector512</c> and <c>Vector128</c> directly (.NET 8 has no public <c>ISimdVector</c>
/// to build this interface's compare on). The 8x8 block transpose is AVX; ARM64 uses 4x4 AdvSimd transposes.
/// </remarks>
internal unsafe interface ILanes<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    int Count { get; }

    /// <summary>Loads <see cref="Count"/> floats (no alignment needed).</summary>
    TVector Load(float* source);

    /// <summary>Stores <see cref="Count"/> floats (no alignment needed).</summary>
    void Store(TVector value, float* destination);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    TVector Broadcast(float value);

    /// <summary><c>a * b + c</c>, fused when the CPU can.</summary>
    TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary><c>a + b</c>.</summary>
    TVector Add(TVector a, TVector b);

    /// <summary><c>a - b</c>.</summary>
    TVector Subtract(TVector a, TVector b);

    /// <summary>The sum of the lanes.</summary>
    float Sum(TVector value);

    /// <summary>The lane-wise larger of <paramref name="a"/> and <paramref name="b"/> (a fused ReLU's <c>max(x, 0)</c>).</summary>
    TVector Max(TVector a, TVector b);
}
