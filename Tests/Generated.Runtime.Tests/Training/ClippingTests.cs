using Generated.Training;

namespace Generated.Runtime.Tests.Training;

public class ClippingTests
{
    [Fact]
    public void Only_one_clipping_option_like_keras() =>
        Assert.Contains("Only one", Assert.Throws<ArgumentException>(() => new SGD { ClipNorm = 1f, ClipValue = 1f }).Message);

    [Fact]
    public void Clip_norm_is_per_tensor_and_global_norm_over_everything()
    {
        // Two tensors: [3, 4] (norm 5) and [0.3, 0.4] (norm 0.5). ClipNorm 1 scales only the first;
        // GlobalClipNorm 1 scales both by 1 / sqrt(25.25).
        float[] gradient = [3f, 4f, 0.3f, 0.4f];
        var perTensor = new SGD(1f) { ClipNorm = 1f };
        perTensor.Build([2, 2]);
        var p = new float[4];
        perTensor.Step(p, gradient);
        Assert.Equal([-0.6f, -0.8f, -0.3f, -0.4f], p, new FloatTolerance(1e-6f));

        var global = new SGD(1f) { GlobalClipNorm = 1f };
        global.Build([2, 2]);
        p = new float[4];
        global.Step(p, gradient);
        var scale = 1 / MathF.Sqrt(25.25f);
        Assert.Equal(gradient.Select(g => -g * scale).ToArray(), p, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Unbuilt_clip_norm_treats_the_buffer_as_one_tensor()
    {
        float[] gradient = [3f, 4f, 0.3f, 0.4f];
        var a = new float[4];
        var b = new float[4];
        new SGD(1f) { ClipNorm = 1f }.Step(a, gradient);
        new SGD(1f) { GlobalClipNorm = 1f }.Step(b, gradient);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Clip_value_clamps_each_value_and_leaves_the_callers_gradient_alone()
    {
        float[] gradient = [3f, -4f, 0.3f];
        var p = new float[3];
        new SGD(1f) { ClipValue = 0.5f }.Step(p, gradient);
        Assert.Equal([-0.5f, 0.5f, -0.3f], p);
        Assert.Equal([3f, -4f, 0.3f], gradient);
    }

    [Fact]
    public void One_optimizer_cannot_serve_two_buffers()
    {
        var optimizer = new Adam();
        optimizer.Step(new float[4], new float[4]);
        Assert.Contains("one optimizer per network", Assert.Throws<ArgumentException>(() => optimizer.Step(new float[5], new float[5])).Message);
        Assert.Contains("holds 3", Assert.Throws<ArgumentException>(() => optimizer.Step(new float[4], new float[3])).Message);
    }
}
