using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using Generated.Arm64Check;
using Generated.Kernels;
using Generated.MonoCheck;

// Prints, one fact a line: the runtime, the kernel path and Vector<float>'s lanes, the kernel self-checks (matrix product
// and every convolution path against double-precision loops), then MnistCheck's numbers as round-trip floats. Exit code 0
// only when the self-checks pass and the predictions match the stored net8.0 scores within 1e-5.
// Arguments: the weights file and the reference digits file (Samples/MnistWeights).
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Generated.MonoCheck.exe <mnist_convnet.safetensors> <mnist_digits.safetensors>");
    return 2;
}
var invariant = CultureInfo.InvariantCulture;
var failures = 0;
var mono = Type.GetType("Mono.Runtime") != null;
Console.WriteLine($"runtime {RuntimeInformation.FrameworkDescription} mono={mono}");
Console.WriteLine($"path {KernelOptions.ActivePath}");
Console.WriteLine($"vector accelerated={Vector.IsHardwareAccelerated} lanes={Vector<float>.Count}");

var dense = DenseSelfCheck.LargestError();
failures += dense <= 1e-5 ? 0 : 1;
Console.WriteLine(string.Format(invariant, "selfcheck dense {0} max-error {1:E2}", dense <= 1e-5 ? "ok" : "FAILED", dense));
foreach (var (what, error) in ConvolutionSelfCheck.Errors())
{
    failures += error <= 1e-5 ? 0 : 1;
    Console.WriteLine(string.Format(invariant, "selfcheck conv {0} max-error {1:E2} {2}", error <= 1e-5 ? "ok" : "FAILED", error, what));
}

var result = MnistCheck.Run(args[0], args[1]);
var worst = result.Predictions.Zip(result.Reference, (a, b) => Math.Abs(a - b)).Max();
failures += worst <= 1e-5 ? 0 : 1;
Console.WriteLine(string.Format(invariant, "reference {0} max-difference {1:E2}", worst <= 1e-5 ? "ok" : "FAILED", worst));
Console.WriteLine("predictions " + Format(result.Predictions));
Console.WriteLine("losses " + Format(result.Losses));
Console.WriteLine("trained " + Format(result.TrainedPredictions));
Console.WriteLine(failures == 0 ? "done ok" : $"done {failures} FAILED");
return failures == 0 ? 0 : 1;

static string Format(float[] values) => string.Join(" ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
