using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#else
using System.Numerics;
#endif
using Generated.Kernels.Simd;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

// Normalization over NHWC viewed as rows (N*H*W for batch normalization, each row for layer
// normalization) of `channels` contiguous floats. Batch normalization's per-channel vectors repeat
// every `channels` floats, so it works on groups of whole rows at once against the per-channel
// vectors replicated to the group's width: one vectorized TensorPrimitives call per group instead of
// one per row, which matters when there are few channels (10 channels is a 10-float call per row).

/// <summary>Keras <c>BatchNormalization</c> over the last axis: statistics per channel over all rows (N*H*W).</summary>
public static class BatchNormalization
{
    // Channel sums are accumulated in float over blocks of rows, then folded into double, so that
    // a large batch does not lose the precision of a long float sum: every float accumulator (one per
    // position in a group) takes one row per group, so folding every FoldRows groups keeps FoldRows
    // rows per float sum.
    private const int FoldRows = 64;

    // Floats per group of rows: wide enough that a call's vector loop dominates its fixed cost.
    private const int GroupFloats = 256;

    [ThreadStatic]
    private static float[]? s_floats;

    [ThreadStatic]
    private static double[]? s_doubles;

    /// <summary><c>y = gamma * (x - movingMean) / sqrt(movingVariance + epsilon) + beta</c> per channel.</summary>
    public static void ForwardInference(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, float epsilon, Span<float> output)
    {
        Arguments.BatchNormalizationInference(rows, channels, input.Length, gamma.Length, beta.Length, movingMean.Length, movingVariance.Length, epsilon, output.Length);
        var width = GroupWidth(channels);
        InferenceScaleShift(channels, width, gamma, beta, movingMean, movingVariance, epsilon, out var scale, out var shift);
        ScaleShift(rows, channels, input, scale, shift, output);
    }

    /// <summary>
    /// <c>y = gamma * (activation(x) - movingMean) / sqrt(movingVariance + epsilon) + beta</c> per channel: an activation
    /// layer and the inference batch normalization after it in one pass (the same values, to the bit, as
    /// <see cref="Activations.Forward"/> followed by the other overload). In place allowed.
    /// </summary>
    public static void ForwardInference(int rows, int channels, Activation inputActivation, float alpha, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> beta, ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, float epsilon, Span<float> output)
    {
        Arguments.BatchNormalizationInference(rows, channels, input.Length, gamma.Length, beta.Length, movingMean.Length, movingVariance.Length, epsilon, output.Length);
        Arguments.ActivationKind(inputActivation, alpha, channels, input.Length);
        var width = GroupWidth(channels);
        InferenceScaleShift(channels, width, gamma, beta, movingMean, movingVariance, epsilon, out var scale, out var shift);
        if (inputActivation is Activation.Relu or Activation.LeakyRelu)
        {
            // The rectifiers in one vector pass per group: the same operations, in the same order, as the separate kernels.
            var slope = inputActivation == Activation.Relu ? 0f : alpha;
            var groupRows = width / channels;
            for (var r = 0; r < rows; r += groupRows)
            {
                var count = Math.Min(groupRows, rows - r) * channels;
                RectifiedScaleShift(inputActivation == Activation.Relu, slope, input.Slice(r * channels, count), scale, shift, output.Slice(r * channels, count));
            }
            return;
        }
        // A few groups at a time: activated into the output, then scaled there while still in L1. Whole groups, so the
        // scale-and-shift calls cover the same floats as the other overload's.
        var chunkRows = width / channels * ActivatedGroups;
        for (var r = 0; r < rows; r += chunkRows)
        {
            var count = Math.Min(chunkRows, rows - r);
            var chunk = output.Slice(r * channels, count * channels);
            Activations.Forward(inputActivation, alpha, channels, input.Slice(r * channels, count * channels), chunk);
            ScaleShift(count, channels, chunk, scale, shift, chunk);
        }
    }

    /// <summary>
    /// The moving statistics folded into one scale and shift per channel, each replicated across a group of
    /// <paramref name="width"/> floats (thread-static scratch, valid until the next call on this thread).
    /// </summary>
    private static void InferenceScaleShift(int channels, int width, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, float epsilon, out Span<float> scale, out Span<float> shift)
    {
        var scratch = Floats(2 * width);
        scale = scratch[..width];
        shift = scratch[width..];
        for (var c = 0; c < channels; c++)
        {
            scale[c] = (float)(gamma[c] / Math.Sqrt((double)movingVariance[c] + epsilon));
            shift[c] = beta[c] - movingMean[c] * scale[c];
        }
        Replicate(scale[..channels], scale);
        Replicate(shift[..channels], shift);
    }

    // Groups of rows activated per call of the activation kernel in the fused inference: enough floats to amortize its fixed cost.
    private const int ActivatedGroups = 4;

    /// <summary>
    /// <c>output = max(x, 0) * scale + shift</c> (<paramref name="relu"/>) or <c>max(x, slope * x) * scale + shift</c>, as
    /// <see cref="Activations.Forward"/>'s rectifiers and <see cref="ScaleShift"/> compute them (unfused multiply, then add).
    /// </summary>
    private static void RectifiedScaleShift(bool relu, float slope, ReadOnlySpan<float> input, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> output)
    {
        var length = input.Length;
        ref var x = ref MemoryMarshal.GetReference(input);
        ref var s = ref MemoryMarshal.GetReference(scale);
        ref var t = ref MemoryMarshal.GetReference(shift);
        ref var y = ref MemoryMarshal.GetReference(output);
        var i = 0;
#if NET8_0_OR_GREATER
        if (VectorPath.Allows512)
        {
            var k = Vector512.Create(slope);
            for (; i + Vector512<float>.Count <= length; i += Vector512<float>.Count)
            {
                var v = Vector512.LoadUnsafe(ref x, (nuint)i);
                var a = relu ? Vector512.Max(v, Vector512<float>.Zero) : Vector512.Max(v, v * k);
                (a * Vector512.LoadUnsafe(ref s, (nuint)i) + Vector512.LoadUnsafe(ref t, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
            }
        }
        if (VectorPath.Allows256)
        {
            var k = Vector256.Create(slope);
            for (; i + Vector256<float>.Count <= length; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref x, (nuint)i);
                var a = relu ? Vector256.Max(v, Vector256<float>.Zero) : Vector256.Max(v, v * k);
                (a * Vector256.LoadUnsafe(ref s, (nuint)i) + Vector256.LoadUnsafe(ref t, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var k = Vector128.Create(slope);
            for (; i + Vector128<float>.Count <= length; i += Vector128<float>.Count)
            {
                var v = Vector128.LoadUnsafe(ref x, (nuint)i);
                var a = relu ? Vector128.Max(v, Vector128<float>.Zero) : Vector128.Max(v, v * k);
                (a * Vector128.LoadUnsafe(ref s, (nuint)i) + Vector128.LoadUnsafe(ref t, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
            }
        }
#else
        if (VectorPath.AllowsVector)
        {
            var k = new Vector<float>(slope);
            for (; i + Vector<float>.Count <= length; i += Vector<float>.Count)
            {
                var v = VectorMemory.Load(ref x, i);
                var a = relu ? Vector.Max(v, Vector<float>.Zero) : Vector.Max(v, v * k);
                VectorMemory.Store((a * VectorMemory.Load(ref s, i) + VectorMemory.Load(ref t, i)), ref y, i);
            }
        }
#endif
        for (; i < length; i++)
        {
            var v = Unsafe.Add(ref x, i);
            var a = relu ? MathF.Max(v, 0f) : MathF.Max(v, v * slope);
            Unsafe.Add(ref y, i) = a * Unsafe.Add(ref s, i) + Unsafe.Add(ref t, i);
        }
    }

    /// <summary>Normalizes with the batch mean and biased batch variance, saves them for <see cref="Backward"/> and updates <c>moving = moving * momentum + batch * (1 - momentum)</c> (Keras).</summary>
    public static void ForwardTraining(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        Span<float> movingMean, Span<float> movingVariance, float momentum, float epsilon, Span<float> output,
        Span<float> savedMean, Span<float> savedInverseStd)
    {
        Arguments.BatchNormalizationTraining(rows, channels, input.Length, gamma.Length, beta.Length, movingMean.Length, movingVariance.Length,
            momentum, epsilon, output.Length, savedMean.Length, savedInverseStd.Length);
        var width = GroupWidth(channels);
        var floats = Floats(4 * width);
        Span<float> block = floats[..width], centred = floats.Slice(width, width);
        Span<float> scale = floats.Slice(2 * width, width), shift = floats.Slice(3 * width, width);
        var sums = Doubles(channels);

        ChannelSums(rows, channels, input, default, block, centred, sums);
        for (var c = 0; c < channels; c++)
        {
            savedMean[c] = (float)(sums[c] / rows);
        }
        Replicate(savedMean, scale); // the mean, replicated, until the scale replaces it
        ChannelSums(rows, channels, input, scale, block, centred, sums); // sums of squared deviations
        for (var c = 0; c < channels; c++)
        {
            var variance = sums[c] / rows;
            var inverseStd = 1.0 / Math.Sqrt(variance + epsilon);
            savedInverseStd[c] = (float)inverseStd;
            scale[c] = (float)(gamma[c] * inverseStd);
            shift[c] = (float)(beta[c] - savedMean[c] * (gamma[c] * inverseStd));
            movingMean[c] = (float)(movingMean[c] * (double)momentum + savedMean[c] * (1.0 - momentum));
            movingVariance[c] = (float)(movingVariance[c] * (double)momentum + variance * (1.0 - momentum));
        }
        Replicate(scale[..channels], scale);
        Replicate(shift[..channels], shift);
        ScaleShift(rows, channels, input, scale, shift, output);
    }

    /// <summary>Gradient of the training-mode forward: accumulates into <paramref name="gammaGradient"/>/<paramref name="betaGradient"/>, overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> savedMean, ReadOnlySpan<float> savedInverseStd, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> gammaGradient, Span<float> betaGradient)
    {
        Arguments.NormalizationBackward(rows, channels, channels, input.Length, gamma.Length, savedMean.Length, savedInverseStd.Length,
            outputGradient.Length, inputGradient.Length, gammaGradient.Length, betaGradient.Length);
        var width = GroupWidth(channels);
        var groupRows = width / channels;
        var floats = Floats(5 * width);
        Span<float> sumBlock = floats[..width], dotBlock = floats.Slice(width, width), centred = floats.Slice(2 * width, width);
        Span<float> mean = floats.Slice(3 * width, width), scratch = floats.Slice(4 * width, width);
        var totals = Doubles(2 * channels);
        Span<double> sumGradient = totals[..channels], sumGradientTimesCentred = totals[channels..];
        Replicate(savedMean, mean);
        GradientSums(rows, channels, input, mean, outputGradient, sumBlock, dotBlock, centred, sumGradient, sumGradientTimesCentred);
        for (var c = 0; c < channels; c++)
        {
            betaGradient[c] += (float)sumGradient[c];
            gammaGradient[c] += (float)(sumGradientTimesCentred[c] * savedInverseStd[c]);
        }
        if (inputGradient.IsEmpty)
        {
            return;
        }
        // dx = gamma*invStd/N * (N*dy - sum(dy) - xhat*sum(dy*xhat)) = k*dy + a*x + b per channel.
        Span<float> k = sumBlock, a = dotBlock, b = centred;
        for (var c = 0; c < channels; c++)
        {
            double inverseStd = savedInverseStd[c], scale = gamma[c] * inverseStd / rows;
            var slope = -scale * sumGradientTimesCentred[c] * inverseStd * inverseStd;
            k[c] = (float)(gamma[c] * inverseStd);
            a[c] = (float)slope;
            b[c] = (float)(-scale * sumGradient[c] - slope * savedMean[c]);
        }
        Replicate(k[..channels], k);
        Replicate(a[..channels], a);
        Replicate(b[..channels], b);
        for (var r = 0; r < rows; r += groupRows)
        {
            var count = Math.Min(groupRows, rows - r) * channels;
            var partial = scratch[..count];
            TensorPrimitives.MultiplyAdd(input.Slice(r * channels, count), a[..count], b[..count], partial);
            TensorPrimitives.MultiplyAdd(outputGradient.Slice(r * channels, count), k[..count], partial, inputGradient.Slice(r * channels, count));
        }
    }

    /// <summary>
    /// Gradient of the inference-mode forward (<see cref="ForwardInference(int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Span{float})"/>), where the moving statistics are constants,
    /// as in Keras when a BatchNormalization layer runs with <c>training=False</c> inside a model being trained (a frozen
    /// discriminator, fine-tuning): accumulates into <paramref name="gammaGradient"/>/<paramref name="betaGradient"/> and
    /// overwrites <paramref name="inputGradient"/> (skipped when empty) with <c>dy * gamma / sqrt(movingVariance + epsilon)</c>.
    /// </summary>
    public static void BackwardInference(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance, float epsilon, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> gammaGradient, Span<float> betaGradient)
    {
        Arguments.BatchNormalizationBackwardInference(rows, channels, input.Length, gamma.Length, movingMean.Length, movingVariance.Length, epsilon,
            outputGradient.Length, inputGradient.Length, gammaGradient.Length, betaGradient.Length);
        var width = GroupWidth(channels);
        var groupRows = width / channels;
        var floats = Floats(4 * width);
        Span<float> sumBlock = floats[..width], dotBlock = floats.Slice(width, width), centred = floats.Slice(2 * width, width);
        Span<float> mean = floats.Slice(3 * width, width);
        var totals = Doubles(2 * channels);
        Span<double> sumGradient = totals[..channels], sumGradientTimesCentred = totals[channels..];
        Replicate(movingMean, mean);
        GradientSums(rows, channels, input, mean, outputGradient, sumBlock, dotBlock, centred, sumGradient, sumGradientTimesCentred);
        Span<float> scale = sumBlock;
        for (var c = 0; c < channels; c++)
        {
            var inverseStd = 1.0 / Math.Sqrt((double)movingVariance[c] + epsilon);
            betaGradient[c] += (float)sumGradient[c];
            gammaGradient[c] += (float)(sumGradientTimesCentred[c] * inverseStd);
            scale[c] = (float)(gamma[c] * inverseStd);
        }
        if (inputGradient.IsEmpty)
        {
            return;
        }
        Replicate(scale[..channels], scale);
        for (var r = 0; r < rows; r += groupRows)
        {
            var count = Math.Min(groupRows, rows - r) * channels;
            TensorPrimitives.Multiply(outputGradient.Slice(r * channels, count), scale[..count], inputGradient.Slice(r * channels, count));
        }
    }

    /// <summary>
    /// Per channel, the sums over rows of <c>dy</c> and of <c>dy * (x - mean)</c>; <paramref name="mean"/> is replicated
    /// to the group width, the three blocks are group-wide scratch.
    /// </summary>
    private static void GradientSums(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> mean, ReadOnlySpan<float> outputGradient,
        Span<float> sumBlock, Span<float> dotBlock, Span<float> centred, Span<double> sumGradient, Span<double> sumGradientTimesCentred)
    {
        var groupRows = sumBlock.Length / channels;
        sumGradient.Clear();
        sumGradientTimesCentred.Clear();
        sumBlock.Clear();
        dotBlock.Clear();
        for (int r = 0, group = 1; r < rows; r += groupRows, group++)
        {
            var count = Math.Min(groupRows, rows - r) * channels;
            var gradient = outputGradient.Slice(r * channels, count);
            Span<float> sum = sumBlock[..count], dot = dotBlock[..count], deviation = centred[..count];
            TensorPrimitives.Add(sum, gradient, sum);
            TensorPrimitives.Subtract(input.Slice(r * channels, count), mean[..count], deviation);
            TensorPrimitives.MultiplyAdd(gradient, deviation, dot, dot);
            if (group % FoldRows == 0 || r + groupRows >= rows)
            {
                Fold(sumBlock, channels, sumGradient);
                Fold(dotBlock, channels, sumGradientTimesCentred);
            }
        }
    }

    /// <summary>
    /// Per channel, the sum over rows of <c>x</c> (when <paramref name="mean"/> is empty) or of <c>(x - mean)^2</c>;
    /// <paramref name="mean"/> is replicated to the group width, <paramref name="block"/> and <paramref name="centred"/> are group-wide scratch.
    /// </summary>
    private static void ChannelSums(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> mean,
        Span<float> block, Span<float> centred, Span<double> sums)
    {
        var groupRows = block.Length / channels;
        sums.Clear();
        block.Clear();
        for (int r = 0, group = 1; r < rows; r += groupRows, group++)
        {
            var count = Math.Min(groupRows, rows - r) * channels;
            var rowsOfGroup = input.Slice(r * channels, count);
            var sum = block[..count];
            if (mean.IsEmpty)
            {
                TensorPrimitives.Add(sum, rowsOfGroup, sum);
            }
            else
            {
                var deviation = centred[..count];
                TensorPrimitives.Subtract(rowsOfGroup, mean[..count], deviation);
                TensorPrimitives.MultiplyAdd(deviation, deviation, sum, sum);
            }
            if (group % FoldRows == 0 || r + groupRows >= rows)
            {
                Fold(block, channels, sums);
            }
        }
    }

    /// <summary>Adds each channel's partial sums (one per row position of the group) into <paramref name="total"/> and clears the block.</summary>
    private static void Fold(Span<float> block, int channels, Span<double> total)
    {
        for (var offset = 0; offset < block.Length; offset += channels)
        {
            for (var c = 0; c < channels; c++)
            {
                total[c] += block[offset + c];
            }
        }
        block.Clear();
    }

    private static void ScaleShift(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> output)
    {
        var groupRows = scale.Length / channels;
        for (var r = 0; r < rows; r += groupRows)
        {
            var count = Math.Min(groupRows, rows - r) * channels;
            TensorPrimitives.MultiplyAdd(input.Slice(r * channels, count), scale[..count], shift[..count], output.Slice(r * channels, count));
        }
    }

    /// <summary>Floats in a group of whole rows: at least one row, about <see cref="GroupFloats"/> for narrow rows.</summary>
    private static int GroupWidth(int channels) => Math.Max(1, GroupFloats / channels) * channels;

    /// <summary>Fills <paramref name="group"/> with copies of the per-channel <paramref name="perChannel"/> (which may be its own start).</summary>
    private static void Replicate(ReadOnlySpan<float> perChannel, Span<float> group)
    {
        var channels = perChannel.Length;
        perChannel.CopyTo(group);
        for (var offset = channels; offset < group.Length; offset += channels)
        {
            perChannel.CopyTo(group.Slice(offset, channels));
        }
    }

    private static Span<float> Floats(int length)
    {
        if (s_floats is null || s_floats.Length < length)
        {
            s_floats = new float[length];
        }
        return s_floats.AsSpan(0, length);
    }

    private static Span<double> Doubles(int length)
    {
        if (s_doubles is null || s_doubles.Length < length)
        {
            s_doubles = new double[length];
        }
        return s_doubles.AsSpan(0, length);
    }
}

/// <summary>Keras <c>LayerNormalization</c> over the last axis: statistics per row over its channels.</summary>
public static class LayerNormalization
{
    [ThreadStatic]
    private static float[]? s_floats;

    /// <summary><c>y = gamma * (x - mean) / sqrt(variance + epsilon) + beta</c> with each row's mean and biased variance; saves them when the saved spans (length rows) are not empty.</summary>
    public static void Forward(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        float epsilon, Span<float> output, Span<float> savedMean, Span<float> savedInverseStd)
    {
        Arguments.LayerNormalization(rows, channels, input.Length, gamma.Length, beta.Length, epsilon, output.Length, savedMean.Length, savedInverseStd.Length);
        var centred = Floats(channels);
        for (var r = 0; r < rows; r++)
        {
            var row = input.Slice(r * channels, channels);
            var mean = TensorPrimitives.Sum(row) / channels;
            TensorPrimitives.Subtract(row, mean, centred);
            var inverseStd = (float)(1.0 / Math.Sqrt((double)TensorPrimitives.SumOfSquares(centred) / channels + epsilon));
            TensorPrimitives.Multiply(centred, inverseStd, centred);
            TensorPrimitives.MultiplyAdd(centred, gamma, beta, output.Slice(r * channels, channels));
            if (!savedMean.IsEmpty)
            {
                savedMean[r] = mean;
                savedInverseStd[r] = inverseStd;
            }
        }
    }

    /// <summary>Gradient of <see cref="Forward"/>: accumulates into <paramref name="gammaGradient"/>/<paramref name="betaGradient"/>, overwrites <paramref name="inputGradient"/> (skipped when empty).</summary>
    public static void Backward(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> savedMean, ReadOnlySpan<float> savedInverseStd, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> gammaGradient, Span<float> betaGradient)
    {
        Arguments.NormalizationBackward(rows, channels, rows, input.Length, gamma.Length, savedMean.Length, savedInverseStd.Length,
            outputGradient.Length, inputGradient.Length, gammaGradient.Length, betaGradient.Length);
        var scratch = Floats(2 * channels);
        Span<float> normalized = scratch[..channels], scaled = scratch[channels..];
        for (var r = 0; r < rows; r++)
        {
            var gradient = outputGradient.Slice(r * channels, channels);
            var inverseStd = savedInverseStd[r];
            TensorPrimitives.Subtract(input.Slice(r * channels, channels), savedMean[r], normalized);
            TensorPrimitives.Multiply(normalized, inverseStd, normalized);
            TensorPrimitives.MultiplyAdd(gradient, normalized, gammaGradient, gammaGradient);
            TensorPrimitives.Add(betaGradient, gradient, betaGradient);
            if (inputGradient.IsEmpty)
            {
                continue;
            }
            // dx = invStd * (s - mean(s) - xhat * mean(s * xhat)) with s = dy * gamma
            TensorPrimitives.Multiply(gradient, gamma, scaled);
            var meanScaled = TensorPrimitives.Sum(scaled) / channels;
            var meanScaledTimesNormalized = TensorPrimitives.Dot(scaled, normalized) / channels;
            var destination = inputGradient.Slice(r * channels, channels);
            TensorPrimitives.Multiply(normalized, -meanScaledTimesNormalized, destination);
            TensorPrimitives.Add(destination, scaled, destination);
            TensorPrimitives.Subtract(destination, meanScaled, destination);
            TensorPrimitives.Multiply(destination, inverseStd, destination);
        }
    }

    private static Span<float> Floats(int length)
    {
        if (s_floats is null || s_floats.Length < length)
        {
            s_floats = new float[length];
        }
        return s_floats.AsSpan(0, length);
    }
}
