using System;
using Generated.IO;
using Generated.Training;
using MnistSample;

namespace Generated.MonoCheck;

/// <summary>
/// What the Mono run and the net8.0 run both do (this file is compiled into the launcher and into the test): the MNIST
/// convnet with the committed trained weights predicts the committed reference digits, then trains on them with SGD for a
/// few steps (dropout draws from the network's seeded generator, so both runs see the same masks) and predicts again.
/// </summary>
public static class MnistCheck
{
    /// <summary>Training steps, each on the whole batch of reference digits.</summary>
    public const int Steps = 3;

    /// <summary>The outcome of one run.</summary>
    public sealed class Result
    {
        /// <summary>Softmax scores of the reference digits with the trained weights, 10 per digit.</summary>
        public float[] Predictions { get; set; } = [];

        /// <summary>The scores the net8.0 build stored beside the digits (mnist_digits.safetensors' <c>output</c>).</summary>
        public float[] Reference { get; set; } = [];

        /// <summary>Each training step's mean loss.</summary>
        public float[] Losses { get; set; } = [];

        /// <summary>Scores of the same digits after <see cref="Steps"/> steps.</summary>
        public float[] TrainedPredictions { get; set; } = [];
    }

    /// <summary>Runs the check with the weights and reference digits at the given paths.</summary>
    public static Result Run(string weightsPath, string digitsPath)
    {
        var digits = SafeTensors.Read(digitsPath);
        var images = digits.Get("input");
        var labels = digits.Get("label");
        var network = new MnistConvNet();
        network.LoadWeights(weightsPath);
        var result = new Result { Reference = digits.Get("output"), Predictions = new float[labels.Length * MnistConvNet.OutputSize] };
        network.Predict(images, result.Predictions);

        var classes = new int[labels.Length];
        for (var i = 0; i < classes.Length; i++)
        {
            classes[i] = (int)labels[i];
        }
        var trainer = new Trainer(network, new SGD(0.05f), new SparseCategoricalCrossentropy());
        result.Losses = new float[Steps];
        for (var step = 0; step < Steps; step++)
        {
            result.Losses[step] = trainer.TrainStep(images, classes);
        }
        result.TrainedPredictions = new float[result.Predictions.Length];
        network.Predict(images, result.TrainedPredictions);
        return result;
    }
}
