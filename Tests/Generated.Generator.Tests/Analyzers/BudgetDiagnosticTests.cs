using Generated.Generator.Tests.Infrastructure;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>
/// The <c>[Network]</c> budgets and the training-memory warning: each message names the layer that crosses the limit and
/// the totals (hand-counted here), and the budget that is met exactly is not reported (the limit is inclusive).
/// </summary>
public class BudgetDiagnosticTests
{
    private static string Message(string markup) => Assert.Single(AnalyzerVerifier.Verify(markup)).GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Parameter_budget_names_the_crossing_layer_and_the_totals()
    {
        // conv2d: 3*3*1*32 + 32 = 320; dense: 13*13*32*10 + 10 = 54,090; together 54,410.
        var message = Message("""
            [Network(28, 28, 1, {|NNG0060:MaxParameters = 20000|})]
            [Conv2D(32, 3, Activation = Activation.Relu)]
            [MaxPooling2D(2)]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """);
        Assert.Equal("Network 'Net' has 54,410 parameters, over its budget MaxParameters = 20,000; layer dense crosses it (54,090 of its own, 54,410 up to and including it)", message);
    }

    [Fact]
    public void Multiply_add_budget_names_the_first_layer_past_it()
    {
        // conv2d: 26*26*32 outputs x 9 taps = 194,688; conv2d_1: 24*24*8 outputs x 3*3*32 = 1,327,104.
        var message = Message("""
            [Network(28, 28, 1, {|NNG0061:MaxMultiplyAdds = 1000000|})]
            [Conv2D(32, 3, Activation = Activation.Relu)]
            [Conv2D(8, 3, Activation = Activation.Relu)]
            [GlobalAveragePooling2D]
            public partial class Net;
            """);
        Assert.Equal("Network 'Net' needs 1,521,792 multiply-adds per sample, over its budget MaxMultiplyAdds = 1,000,000; layer conv2d_1 crosses it (1,327,104 of its own, 1,521,792 up to and including it)", message);
    }

    [Fact]
    public void Activation_budget_counts_four_bytes_per_float_and_not_the_free_flatten()
    {
        // conv2d 26*26*32 = 21,632 floats, max_pooling2d 5,408, flatten 0 (an alias), dense 10: 27,050 floats = 108,200 bytes.
        var message = Message("""
            [Network(28, 28, 1, {|NNG0062:MaxActivationBytes = 100000|})]
            [Conv2D(32, 3, Activation = Activation.Relu)]
            [MaxPooling2D(2)]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """);
        Assert.Equal("Network 'Net' writes 108,200 bytes of activations per sample, over its budget MaxActivationBytes = 100,000; layer max_pooling2d crosses it (21,632 bytes of its own, 108,160 up to and including it)", message);
    }

    [Fact]
    public void Training_memory_warning_gives_the_estimate_and_the_largest_layer()
    {
        // Per sample: input 1080*1920*3 = 6,220,800 floats; activations 2 * 66,355,200 + 32 + 10 = 132,710,442 floats, kept
        // with their gradients: 6,220,800 + 2 * 132,710,442 = 271,641,684 floats = 1,086,566,736 bytes.
        var message = Message("""
            [{|NNG0108:Network(1080, 1920, 3)|}]
            [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.Relu)]
            [Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.Relu)]
            [GlobalAveragePooling2D]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Net;
            """);
        // Parameters: 3*3*3*32 + 32 = 896, 3*3*32*32 + 32 = 9,248, 32*10 + 10 = 330: 10,474, times 16 bytes = 167,584.
        // Total: 32 * 1,086,566,736 + 167,584 = 34,770,303,136 bytes = 32.4 GiB.
        Assert.Equal("Training network 'Net' at batch 32 (Keras' default) needs an estimated 34,770,303,136 bytes (32.4 GiB) " +
            "(1,086,566,736 bytes (1.0 GiB) per sample for the input, 132,710,442 activation floats and their gradients, plus the parameters with their gradients and Adam's moments), " +
            "over the 17,179,869,184 bytes (16.0 GiB) this warning allows; layer conv2d alone writes 265,420,800 bytes (253.1 MiB) per sample (Conv2D output 1080x1920x32); " +
            "downscale the input, stride or pool earlier, or use fewer filters (a smaller batch lowers it proportionally)", message);
    }
}
