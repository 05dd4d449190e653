using System.ComponentModel;
namespace Generated.CompilerServices;

/// <summary>
/// Where one named parameter tensor of a network lives: generated code declares one per tensor
/// (<c>conv2d.kernel</c>, shape HWIO) with its offset into the trainable or the state buffer.
/// </summary>
/// <param name="Name">Key in the weight file: <c>{layer}.{kernel|bias|gamma|beta|moving_mean|moving_variance}</c>.</param>
/// <param name="Shape">Dimensions, outermost first.</param>
/// <param name="Trainable">True: the tensor is in the trainable buffer; false: in the state buffer (moving statistics).</param>
/// <param name="Offset">First float of the tensor in its buffer.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct TensorSpec(string Name, int[] Shape, bool Trainable, int Offset)
{
    /// <summary>Number of floats (product of <see cref="Shape"/>).</summary>
    public int Length
    {
        get
        {
            var length = 1;
            foreach (var dimension in Shape)
            {
                length *= dimension;
            }
            return length;
        }
    }
}
