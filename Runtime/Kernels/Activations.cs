using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Generated.Kernels.Simd;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Element-wise activations and their derivatives (Keras' <c>activation=</c> functions). Forward may
/// run in place (<c>output</c> the same memory as <c>input</c>); so may Backward
/// (<c>inputGradient</c> the same memory as <c>outputGradient</c>).
/// </summary>
public static class Activations
{
    /// <summary>Negative slope of Keras' <c>"leaky_relu"</c> activation; the <c>[LeakyReLU]</c> layer passes its own.</summary>
    public const float LeakyReluAlpha = 0.2f;

    // Composite functions run in chunks through a stack buffer, so that input and output may be one span.
    private const int Chunk = 256;

    /// <summary>Applies <paramref name="kind"/> element-wise (Softmax over each group of <paramref name="channels"/>, stably); <paramref name="alpha"/> is LeakyRelu's negative slope, ignored by the others.</summary>
    public static void Forward(Activation kind, float alpha, int channels, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.ActivationKind(kind, alpha, channels, input.Length);
        Arguments.Length(output.Length, input.Length, nameof(output), $"the input's length");
        if (input.IsEmpty)
        {
            return; // TensorPrimitives' reductions reject empty spans
        }
        switch (kind)
        {
            case Activation.Linear:
                input.CopyTo(output);
                break;
            case Activation.Relu:
                TensorPrimitives.Max(input, 0f, output);
                break;
            case Activation.Sigmoid:
                TensorPrimitives.Sigmoid(input, output);
                break;
            case Activation.Tanh:
                TensorPrimitives.Tanh(input, output);
                break;
            case Activation.Relu6:
                ActivationFunctions.Relu6(input, output);
                break;
            case Activation.Softmax:
                for (var start = 0; start < input.Length; start += channels)
                {
                    Softmax(input.Slice(start, channels), output.Slice(start, channels));
                }
                break;
            default:
                Span<float> buffer = stackalloc float[2 * Chunk];
                for (var start = 0; start < input.Length; start += Chunk)
                {
                    var length = Math.Min(Chunk, input.Length - start);
                    ForwardChunk(kind, alpha, input.Slice(start, length), output.Slice(start, length), buffer[..length], buffer.Slice(Chunk, length));
                }
                break;
        }
    }

    /// <summary>Overwrites <paramref name="inputGradient"/> with the gradient through the activation, computed from its <paramref name="output"/>; <paramref name="input"/> (pre-activation) is needed only for Swish, Gelu and HardSwish (<see cref="NeedsInput"/>) and may be empty otherwise.</summary>
    public static void Backward(Activation kind, float alpha, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> output,
        ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        Arguments.ActivationKind(kind, alpha, channels, output.Length);
        Arguments.ActivationBackward(kind, input.Length, output.Length, outputGradient.Length, inputGradient.Length);
        if (output.IsEmpty)
        {
            return;
        }
        switch (kind)
        {
            case Activation.Linear:
                outputGradient.CopyTo(inputGradient);
                break;
            case Activation.Relu:
                ElementOperators.Apply<ElementOperators.ReluGradient>(output, outputGradient, 0f, inputGradient);
                break;
            case Activation.LeakyRelu:
                ElementOperators.Apply<ElementOperators.LeakyReluGradient>(output, outputGradient, alpha, inputGradient);
                break;
            case Activation.Sigmoid:
                ElementOperators.Apply<ElementOperators.SigmoidGradient>(output, outputGradient, 0f, inputGradient);
                break;
            case Activation.Tanh:
                ElementOperators.Apply<ElementOperators.TanhGradient>(output, outputGradient, 0f, inputGradient);
                break;
            case Activation.Elu:
                ElementOperators.Apply<ElementOperators.EluGradient>(output, outputGradient, 0f, inputGradient);
                break;
            case Activation.Relu6:
                ActivationFunctions.Relu6Gradient(output, outputGradient, inputGradient);
                break;
            case Activation.Selu:
                ActivationFunctions.SeluGradient(output, outputGradient, inputGradient);
                break;
            case Activation.HardSwish:
                ActivationFunctions.HardSwishGradient(input, outputGradient, inputGradient);
                break;
            case Activation.Gelu:
                Span<float> scratch = stackalloc float[2 * Chunk];
                for (var start = 0; start < output.Length; start += Chunk)
                {
                    var length = Math.Min(Chunk, output.Length - start);
                    ActivationFunctions.GeluGradient(input.Slice(start, length), outputGradient.Slice(start, length), inputGradient.Slice(start, length),
                        scratch[..length], scratch.Slice(Chunk, length));
                }
                break;
            case Activation.Softmax:
                for (var start = 0; start < output.Length; start += channels)
                {
                    // dx = y * (dy - dot(dy, y)) per group
                    var y = output.Slice(start, channels);
                    var destination = inputGradient.Slice(start, channels);
                    var dot = TensorPrimitives.Dot(outputGradient.Slice(start, channels), y);
                    TensorPrimitives.Subtract(outputGradient.Slice(start, channels), dot, destination);
                    TensorPrimitives.Multiply(destination, y, destination);
                }
                break;
            default:
                Span<float> buffer = stackalloc float[Chunk];
                for (var start = 0; start < output.Length; start += Chunk)
                {
                    var length = Math.Min(Chunk, output.Length - start);
                    var derivative = buffer[..length];
                    if (kind == Activation.Swish)
                    {
                        var x = input.Slice(start, length);
                        TensorPrimitives.Sigmoid(x, derivative);
                        ElementOperators.Apply<ElementOperators.SwishDerivative>(x, derivative, 0f, derivative);
                    }
                    else
                    {
                        // Softplus: sigmoid(x) = 1 - e^-y, so the derivative needs only the output.
                        TensorPrimitives.Negate(output.Slice(start, length), derivative);
                        TensorPrimitives.Exp(derivative, derivative);
                        TensorPrimitives.Subtract(1f, derivative, derivative);
                    }
                    TensorPrimitives.Multiply(derivative, outputGradient.Slice(start, length), inputGradient.Slice(start, length));
                }
                break;
        }
    }

    /// <summary>Whether <see cref="Backward"/> needs the pre-activation <c>input</c> of <paramref name="kind"/> (its derivative is not a function of the output).</summary>
    public static bool NeedsInput(Activation kind) => kind is Activation.Swish or Activation.Gelu or Activation.HardSwish;

    private static void ForwardChunk(Activation kind, float alpha, ReadOnlySpan<float> x, Span<float> y, Span<float> first, Span<float> second)
    {
        switch (kind)
        {
            case Activation.LeakyRelu:
                // With 0 <= alpha <= 1, max(x, alpha*x) is x for positive x and alpha*x otherwise.
                TensorPrimitives.Multiply(x, alpha, first);
                TensorPrimitives.Max(x, first, y);
                break;
            case Activation.Elu:
                TensorPrimitives.Exp(x, first);
                ElementOperators.Apply<ElementOperators.EluSelect>(x, first, 0f, y);
                break;
            case Activation.Swish:
                TensorPrimitives.Sigmoid(x, first);
                TensorPrimitives.Multiply(x, first, y);
                break;
            case Activation.Gelu:
                ActivationFunctions.Gelu(x, y, first);
                break;
            case Activation.Selu:
                ActivationFunctions.Selu(x, y, first);
                break;
            case Activation.HardSwish:
                ActivationFunctions.HardSwish(x, y, first);
                break;
            default:
                // Softplus = max(x, 0) + log1p(e^-|x|), with an accurate log1p (see Log1pOfExp).
                TensorPrimitives.Abs(x, first);
                TensorPrimitives.Negate(first, first);
                TensorPrimitives.Exp(first, first);
                TensorPrimitives.Add(first, 1f, second);
                TensorPrimitives.Log(second, second);
                ElementOperators.Apply<ElementOperators.Log1pFromLog>(first, second, 0f, second);
                ElementOperators.Apply<ElementOperators.PositivePartPlus>(x, second, 0f, y);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Softmax(ReadOnlySpan<float> x, Span<float> y)
    {
        // Subtracting the maximum keeps exp() finite; it cancels in the ratio.
        var max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        TensorPrimitives.Multiply(y, 1f / TensorPrimitives.Sum(y), y);
    }
}
