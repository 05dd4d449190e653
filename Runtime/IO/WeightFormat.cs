namespace Generated.IO;

/// <summary>The naming and layout convention of a weight file (see <see cref="WeightLoadOptions.Format"/>).</summary>
public enum WeightFormat
{
    /// <summary>This product's and Keras' own: <c>{layer}.kernel</c> HWIO, Dense <c>[in, out]</c>, <c>gamma</c>/<c>beta</c>/<c>moving_mean</c>/<c>moving_variance</c>.</summary>
    Keras,

    /// <summary>
    /// A PyTorch <c>state_dict</c> saved as safetensors: <c>{module}.weight</c> OIHW for <c>Conv2d</c>, <c>[in, out, kh, kw]</c> for
    /// <c>ConvTranspose2d</c>, <c>[out, in]</c> for <c>Linear</c>, BatchNorm's <c>weight</c>/<c>bias</c>/<c>running_mean</c>/<c>running_var</c>
    /// (<c>num_batches_tracked</c> is ignored), LayerNorm's <c>weight</c>/<c>bias</c>. Layouts are converted on load, and the
    /// first Dense after a Flatten of a feature map gets its columns reordered from PyTorch's NCHW flattening to NHWC.
    /// </summary>
    PyTorch,
}
