// This CPU's FP32 fused multiply-add peak on one core, measured: 16 independent chains of 512-bit (or, without
// AVX-512, 256-bit) FMAs that stay in registers, for about half a second. scripts/benchmark.sh runs it once and
// scripts/perf_report.py divides each model's GFLOP/s by it (times the thread count) for the "% of peak" columns.
// Build: cc -O2 -march=native fma_peak.c -o fma_peak. Prints one JSON object.
#include <immintrin.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
#if defined(__AVX512F__)
    typedef __m512 v;
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define LANES 16
#define ISA "AVX-512"
#elif defined(__FMA__)
    typedef __m256 v;
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define LANES 8
#define ISA "AVX2+FMA"
#else
#error "fma_peak.c needs FMA (x86-64-v3 or newer)"
#endif
    v a = SET1(0.999999f), b = SET1(1e-7f);
    v c0 = SET1(0), c1 = SET1(1), c2 = SET1(2), c3 = SET1(3), c4 = SET1(4), c5 = SET1(5), c6 = SET1(6), c7 = SET1(7);
    v c8 = SET1(8), c9 = SET1(9), ca = SET1(10), cb = SET1(11), cc = SET1(12), cd = SET1(13), ce = SET1(14), cf = SET1(15);
    const long inner = 1L << 20;
    double best = 0;
    for (int round = 0; round < 5; round++) {
        double start = now();
        for (long i = 0; i < inner; i++) {
            c0 = FMA(c0, a, b); c1 = FMA(c1, a, b); c2 = FMA(c2, a, b); c3 = FMA(c3, a, b);
            c4 = FMA(c4, a, b); c5 = FMA(c5, a, b); c6 = FMA(c6, a, b); c7 = FMA(c7, a, b);
            c8 = FMA(c8, a, b); c9 = FMA(c9, a, b); ca = FMA(ca, a, b); cb = FMA(cb, a, b);
            cc = FMA(cc, a, b); cd = FMA(cd, a, b); ce = FMA(ce, a, b); cf = FMA(cf, a, b);
        }
        double seconds = now() - start;
        double gflops = 16.0 * LANES * 2 * inner / seconds / 1e9;
        if (gflops > best) best = gflops;
    }
    float sink[LANES];
    v sum = FMA(c0, c1, FMA(c2, c3, FMA(c4, c5, FMA(c6, c7, FMA(c8, c9, FMA(ca, cb, FMA(cc, cd, FMA(ce, cf, a))))))));
    memcpy(sink, &sum, sizeof sink);
    printf("{\"isa\": \"%s\", \"gflops_per_core\": %.1f, \"checksum\": %g}\n", ISA, best, (double)sink[0]);
    return 0;
}
