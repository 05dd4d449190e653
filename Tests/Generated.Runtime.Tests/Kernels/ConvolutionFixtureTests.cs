using System.Text.Json;
using Generated.IO;
using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Conv2D, Conv2DTranspose and Dense, fast and reference, against PyTorch (Tests/Fixtures/conv, made by
/// Tests/Fixtures/scripts/make_conv_fixtures.py with Keras' padding and cropping).
/// </summary>
public class ConvolutionFixtureTests
{
    // The fixtures hold float64 results rounded to float32; the kernels sum in float32 (fast) or double (reference).
    private const double Tolerance = 1e-5;

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "conv");

    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(Folder, "*.safetensors").Select(Path.GetFileNameWithoutExtension).Order().Select(name => new object[] { name! });

    [Fact]
    public void Every_kind_has_fixtures()
    {
        var kinds = Files().Select(file => Load((string)file[0]).Metadata["kind"]).ToHashSet();
        Assert.Equal(new HashSet<string> { "Conv2D", "Conv2DTranspose", "Dense" }, kinds);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Fast_kernel_matches_pytorch(string name) => Check(Load(name), fast: true);

    [Theory]
    [MemberData(nameof(Files))]
    public void Reference_kernel_matches_pytorch(string name) => Check(Load(name), fast: false);

    private static SafeTensorsContent Load(string name) => SafeTensors.Read(Path.Combine(Folder, name + ".safetensors"));

    private static void Check(SafeTensorsContent fixture, bool fast)
    {
        var kind = fixture.Metadata["kind"];
        var batch = int.Parse(fixture.Metadata["batch"]);
        var shape = JsonSerializer.Deserialize<Dictionary<string, int>>(fixture.Metadata["geometry"])!;
        var (input, kernel, bias) = (fixture.Get("input"), fixture.Get("kernel"), fixture.Get("bias"));
        var gradOutput = fixture.Get("grad_output");
        var output = new float[fixture.Get("output").Length];
        var gradInput = new float[input.Length];
        var gradKernel = new float[kernel.Length];
        var gradBias = new float[bias.Length];
        switch (kind)
        {
            case "Dense":
                var (rows, inputs, units) = (shape["rows"], shape["inputs"], shape["units"]);
                if (fast)
                {
                    Dense.Forward(rows, inputs, units, input, kernel, bias, Activation.Linear, output);
                    Dense.Backward(rows, inputs, units, input, kernel, gradOutput, gradInput, gradKernel, gradBias);
                }
                else
                {
                    Reference.Dense.Forward(rows, inputs, units, input, kernel, bias, Activation.Linear, output);
                    Reference.Dense.Backward(rows, inputs, units, input, kernel, gradOutput, gradInput, gradKernel, gradBias);
                }
                break;
            case "Conv2D" or "Conv2DTranspose":
                var g = new Conv2DGeometry(
                    shape["InputHeight"], shape["InputWidth"], shape["InputChannels"],
                    shape["OutputHeight"], shape["OutputWidth"], shape["OutputChannels"],
                    shape["KernelHeight"], shape["KernelWidth"], shape["StrideHeight"], shape["StrideWidth"],
                    shape["DilationHeight"], shape["DilationWidth"], shape["PadTop"], shape["PadLeft"]);
                RunConvolution(kind == "Conv2DTranspose", fast, g, batch, input, kernel, bias, output, gradOutput, gradInput, gradKernel, gradBias);
                break;
            default:
                Assert.Fail($"Unknown fixture kind '{kind}'.");
                break;
        }
        NumericAssert.Close(fixture.Get("output"), output, Tolerance, "output");
        NumericAssert.Close(fixture.Get("grad_input"), gradInput, Tolerance, "grad_input");
        NumericAssert.Close(fixture.Get("grad_kernel"), gradKernel, Tolerance, "grad_kernel");
        NumericAssert.Close(fixture.Get("grad_bias"), gradBias, Tolerance, "grad_bias");
    }

    private static void RunConvolution(bool transposed, bool fast, Conv2DGeometry g, int batch, float[] input, float[] kernel, float[] bias,
        float[] output, float[] gradOutput, float[] gradInput, float[] gradKernel, float[] gradBias)
    {
        switch (transposed, fast)
        {
            case (false, true):
                Conv2D.Forward(g, batch, input, kernel, bias, Activation.Linear, output);
                Conv2D.Backward(g, batch, input, kernel, gradOutput, gradInput, gradKernel, gradBias);
                break;
            case (false, false):
                Reference.Conv2D.Forward(g, batch, input, kernel, bias, Activation.Linear, output);
                Reference.Conv2D.Backward(g, batch, input, kernel, gradOutput, gradInput, gradKernel, gradBias);
                break;
            case (true, true):
                Conv2DTranspose.Forward(g, batch, input, kernel, bias, Activation.Linear, output);
                Conv2DTranspose.Backward(g, batch, input, kernel, gradOutput, gradInput, gradKernel, gradBias);
                break;
            case (true, false):
                Reference.Conv2DTranspose.Forward(g, batch, input, kernel, bias, Activation.Linear, output);
                Reference.Conv2DTranspose.Backward(g, batch, input, kernel, gradOutput, gradInput, gradKernel, gradBias);
                break;
        }
    }
}
