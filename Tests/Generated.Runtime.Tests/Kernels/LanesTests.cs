using System.Runtime.Intrinsics;
using Generated.Kernels.Simd;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>Every width of the vector abstraction against scalar arithmetic, so a kernel written once on ILanes means the same at 128, 256 and 512 bits.</summary>
public unsafe class LanesTests
{
    [Fact]
    public void Lanes128_matches_scalar_arithmetic() => Check<Lanes128, Vector128<float>>();

    [Fact]
    public void Lanes256_matches_scalar_arithmetic() => Check<Lanes256, Vector256<float>>();

    [Fact]
    public void Lanes512_matches_scalar_arithmetic() => Check<Lanes512, Vector512<float>>();

    [Fact]
    public void Widths_count_their_floats()
    {
        Assert.Equal(4, default(Lanes128).Count);
        Assert.Equal(8, default(Lanes256).Count);
        Assert.Equal(16, default(Lanes512).Count);
    }

    private static void Check<TLanes, TVector>()
        where TLanes : struct, ILanes<TVector>
        where TVector : struct
    {
        int n = default(TLanes).Count;
        var a = new float[n];
        var b = new float[n];
        var c = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = 0.5f * i - 2.25f;
            b[i] = 1.5f - 0.25f * i;
            c[i] = i % 3 - 1f;
        }

        var result = new float[n];
        fixed (float* pa = a, pb = b, pc = c, pr = result)
        {
            TVector va = default(TLanes).Load(pa), vb = default(TLanes).Load(pb), vc = default(TLanes).Load(pc);

            default(TLanes).Store(default(TLanes).MultiplyAdd(va, vb, vc), pr);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(MathF.FusedMultiplyAdd(a[i], b[i], c[i]), result[i], 1e-5f); // fused or not, by CPU
            }

            default(TLanes).Store(default(TLanes).Add(va, vb), pr);
            Assert.Equal(a.Zip(b, (x, y) => x + y), result);

            default(TLanes).Store(default(TLanes).Max(va, default(TLanes).Broadcast(0f)), pr);
            Assert.Equal(a.Select(x => MathF.Max(x, 0f)), result);

            default(TLanes).Store(default(TLanes).Broadcast(3.5f), pr);
            Assert.All(result, x => Assert.Equal(3.5f, x));

            Assert.Equal(a.Sum(), default(TLanes).Sum(va), 1e-4f);
        }
    }
}
