using System;

namespace Generated.Training.Reference;

/// <summary>
/// Scalar twins of <see cref="Training.OptimizerKernels"/>: the same formulas, one element at a time, in the same
/// operation order. They process the vector kernels' tails and are what the tests compare the vector kernels against.
/// </summary>
internal static class OptimizerKernels
{
    /// <summary>Scalar <see cref="Training.OptimizerKernels.SgdMomentum"/>.</summary>
    public static void SgdMomentum(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity, float learningRate, float momentum, bool nesterov)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradients[i];
            var m = -g * learningRate + velocity[i] * momentum;
            velocity[i] = m;
            parameters[i] = nesterov ? parameters[i] + (-g * learningRate + m * momentum) : parameters[i] + m;
        }
    }

    /// <summary>Scalar <see cref="Training.OptimizerKernels.Adam"/>.</summary>
    public static void Adam(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> firstMoment, Span<float> secondMoment, float alpha, float beta1, float beta2, float epsilon)
    {
        var oneMinusBeta1 = 1f - beta1;
        var oneMinusBeta2 = 1f - beta2;
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradients[i];
            var m = firstMoment[i] + (g - firstMoment[i]) * oneMinusBeta1;
            var v = secondMoment[i] + (g * g - secondMoment[i]) * oneMinusBeta2;
            firstMoment[i] = m;
            secondMoment[i] = v;
            parameters[i] = parameters[i] - alpha * m / (MathF.Sqrt(v) + epsilon);
        }
    }

    /// <summary>Scalar <see cref="Training.OptimizerKernels.RmsProp"/>.</summary>
    public static void RmsProp(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity, Span<float> average, Span<float> momentumBuffer,
        float learningRate, float rho, float momentum, float epsilon)
    {
        var centered = !average.IsEmpty;
        var withMomentum = !momentumBuffer.IsEmpty;
        var oneMinusRho = 1f - rho;
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradients[i];
            var v = rho * velocity[i] + oneMinusRho * (g * g);
            velocity[i] = v;
            float denominator;
            if (centered)
            {
                var a = rho * average[i] + oneMinusRho * g;
                average[i] = a;
                denominator = v - a * a + epsilon;
            }
            else
            {
                denominator = v + epsilon;
            }
            var increment = learningRate * g / MathF.Sqrt(denominator);
            if (withMomentum)
            {
                var b = momentum * momentumBuffer[i] + increment;
                momentumBuffer[i] = b;
                parameters[i] = parameters[i] - b;
            }
            else
            {
                parameters[i] = parameters[i] - increment;
            }
        }
    }

    /// <summary>Scalar <see cref="Training.OptimizerKernels.Adadelta"/>.</summary>
    public static void Adadelta(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> accumulatedGradient, Span<float> accumulatedDelta,
        float learningRate, float rho, float epsilon)
    {
        var oneMinusRho = 1f - rho;
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradients[i];
            var gradientAverage = rho * accumulatedGradient[i] + oneMinusRho * (g * g);
            accumulatedGradient[i] = gradientAverage;
            var delta = -(MathF.Sqrt(accumulatedDelta[i] + epsilon) * g) / MathF.Sqrt(gradientAverage + epsilon);
            accumulatedDelta[i] = rho * accumulatedDelta[i] + oneMinusRho * (delta * delta);
            parameters[i] = parameters[i] + learningRate * delta;
        }
    }
}
