using System;
using System.Collections.Generic;

namespace Generated;

/// <summary>
/// A generated network as training and composition code sees it. Every <c>[Network]</c> class
/// implements it; the generated class also exposes the same members as constants and methods.
/// </summary>
/// <remarks>
/// <see cref="Predict"/> is thread-safe: each thread gets its own activation buffers, so one set of
/// weights can serve several threads. It reads copies of the Conv2D and Dense kernels packed for the matrix
/// kernels, made again after every weight change the network sees (<see cref="MarkWeightsChanged"/>); writing
/// weights while another thread predicts is undefined, as any unsynchronized write is.
/// <see cref="Forward"/>/<see cref="Backward"/> use buffers owned by the instance: one training loop per instance.
/// </remarks>
public interface INetwork
{
    /// <summary>Shape of one input sample.</summary>
    TensorShape InputShape { get; }

    /// <summary>Shape of one output sample.</summary>
    TensorShape OutputShape { get; }

    /// <summary>All parameters, trainable or not (Keras' <c>count_params()</c>).</summary>
    int ParameterCount { get; }

    /// <summary>Every layer in declaration order, with its shapes, inputs and arguments (the generated class's static <c>Layers</c>).</summary>
    IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>Every parameter tensor, in declaration order.</summary>
    IReadOnlyList<ParameterView> ParameterTensors { get; }

    /// <summary>
    /// The trainable parameters as one flat buffer, in the order of <see cref="ParameterTensors"/>; optimizers update it in place.
    /// Every get counts as a weight change (see <see cref="MarkWeightsChanged"/>), so write through a span got after your last Predict.
    /// </summary>
    Span<float> TrainableParameters { get; }

    /// <summary>
    /// Tells the network that its weights changed behind its back, so <see cref="Predict"/> re-packs its cached copies of
    /// the kernels before its next call. Getting <see cref="TrainableParameters"/> and <see cref="LoadWeights"/> already
    /// count as changes; call this after writing through memory obtained earlier (a <see cref="TrainableParameters"/> span
    /// kept across a Predict call, the memory behind a <see cref="ParameterView"/>).
    /// </summary>
    void MarkWeightsChanged();

    /// <summary>Gradients of the loss with respect to <see cref="TrainableParameters"/>, same layout; <see cref="Backward"/> adds to it.</summary>
    Span<float> Gradients { get; }

    /// <summary>
    /// Runs the network on <c>input.Length / InputShape.Size</c> samples. With <paramref name="training"/>,
    /// dropout is active, batch normalization uses batch statistics (and updates its moving statistics),
    /// and the activations are kept for <see cref="Backward"/>. The returned span is valid until the next call.
    /// </summary>
    ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, bool training);

    /// <summary>
    /// Back-propagates <paramref name="outputGradient"/> (dLoss/dOutput of the last <see cref="Forward"/>),
    /// adds parameter gradients into <see cref="Gradients"/> and returns dLoss/dInput, valid until the next call.
    /// </summary>
    ReadOnlySpan<float> Backward(ReadOnlySpan<float> outputGradient);

    /// <summary>
    /// <see cref="Backward"/> for a training step on data: adds the parameter gradients into <see cref="Gradients"/> and
    /// may skip dLoss/dInput, which only a network feeding another one (a GAN's generator behind its discriminator)
    /// needs. Generated networks skip the first layer's input gradient when that layer is a Conv2D, Conv2DTranspose
    /// or Dense; this default computes everything (netstandard2.0 has no default interface members: there every
    /// implementation provides it, as generated networks do).
    /// </summary>
#if NETSTANDARD2_0
    void AccumulateGradients(ReadOnlySpan<float> outputGradient);
#else
    void AccumulateGradients(ReadOnlySpan<float> outputGradient) => Backward(outputGradient);
#endif

    /// <summary>Inference on any number of samples; allocates nothing after the first call for a batch size.</summary>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Writes all parameters to a safetensors file.</summary>
    void SaveWeights(string path);

    /// <summary>Reads all parameters from a safetensors file, checking every name, shape and dtype.</summary>
    void LoadWeights(string path);
}
