using System.IO;
using Generated.Unity;
using MnistSample;
using UnityEngine;

namespace Generated.Samples.Mnist
{
    /// <summary>
    /// Classifies a 28x28 texture of a handwritten digit (white ink on black, like MNIST) with the MNIST convnet declared
    /// in MnistConvNet.cs, whose code the Generated source generator writes while Unity compiles this assembly. Attach it
    /// to a GameObject, assign the weights (mnist_convnet.bytes) and a readable 28x28 texture, and press Play.
    /// </summary>
    public sealed class MnistClassifier : MonoBehaviour
    {
        [SerializeField] private TextAsset weights;
        [SerializeField] private Texture2D digit;

        private MnistConvNet network;
        private readonly float[] input = new float[MnistConvNet.InputSize];
        private readonly float[] scores = new float[MnistConvNet.OutputSize];

        /// <summary>The ten class probabilities of the last classified texture.</summary>
        public float[] Scores => scores;

        private void Start()
        {
            network = new MnistConvNet();
            using (var stream = new MemoryStream(weights.bytes))
            {
                network.LoadWeights(stream);
            }
            if (digit != null)
            {
                var predicted = Classify(digit);
                Debug.Log($"{digit.name}: {predicted} (p = {scores[predicted]:F3}) on {Generated.Kernels.KernelOptions.ActivePath}");
            }
        }

        /// <summary>The digit <paramref name="texture"/> shows, 0 to 9; <see cref="Scores"/> holds the probabilities.</summary>
        public int Classify(Texture2D texture)
        {
            TextureInput.Grayscale(texture, 28, 28, input);
            network.Predict(input, scores);
            var best = 0;
            for (var k = 1; k < scores.Length; k++)
            {
                if (scores[k] > scores[best])
                {
                    best = k;
                }
            }
            return best;
        }
    }
}
