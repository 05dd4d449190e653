using Generated;

namespace MnistSample
{
    /// <summary>
    /// The convnet of Keras' "Simple MNIST convnet" example, as Samples/Mnist/MnistConvNet.cs declares it, written in
    /// C# 9 for Unity's compiler (block namespace, class body). Its trained weights are mnist_convnet.bytes.
    /// </summary>
    [Network(28, 28, 1)]
    [Conv2D(32, 3, Activation = Activation.Relu)]
    [MaxPooling2D(2)]
    [Conv2D(64, 3, Activation = Activation.Relu)]
    [MaxPooling2D(2)]
    [Flatten]
    [Dropout(0.5)]
    [Dense(10, Activation = Activation.Softmax)]
    public partial class MnistConvNet
    {
    }
}
