namespace GeneratedMnist.Native;

/// <summary>The return codes of every export (<c>gm_status</c> in generated_mnist.h; keep both in step).</summary>
internal enum Status
{
    /// <summary>The call succeeded.</summary>
    Ok = 0,

    /// <summary>A pointer argument that must not be null was null.</summary>
    NullArgument = 1,

    /// <summary>A buffer length does not fit the network's input or output size.</summary>
    BadLength = 2,

    /// <summary>The weights file does not exist or cannot be read.</summary>
    FileNotFound = 3,

    /// <summary>The weights are not a safetensors file of this network (corrupt, truncated, wrong tensors).</summary>
    InvalidWeights = 4,

    /// <summary>An input value is NaN or infinite.</summary>
    NonFiniteInput = 5,

    /// <summary>The network handle is unknown or was already freed.</summary>
    InvalidHandle = 6,

    /// <summary>An argument is out of its documented range (other than a buffer length).</summary>
    InvalidArgument = 7,

    /// <summary>Anything else (out of memory, a bug): the message says what.</summary>
    Internal = 99,
}
