using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using Generated.Arm64Check;
using Generated.Kernels;

// Prints, one fact a line: the process architecture, the kernel path and instruction sets, self-checks of the matrix
// product and of convolutions (every rearranging path) against double-precision loops, then each model's predictions (round-trip floats) and its distance to the
// PyTorch outputs. Exit code 0 only when the self-check and every model pass. Argument: the fixtures folder (default:
// Fixtures/models next to the program).
var fixtures = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "Fixtures", "models");
var invariant = CultureInfo.InvariantCulture;
var failures = 0;

Console.WriteLine($"arch {RuntimeInformation.ProcessArchitecture}");
Console.WriteLine($"path {KernelOptions.ActivePath}");
Console.WriteLine($"isa AdvSimd={AdvSimd.IsSupported} AdvSimd.Arm64={AdvSimd.Arm64.IsSupported} Vector128={Vector128.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} Vector512={Vector512.IsHardwareAccelerated}");

var selfCheck = DenseSelfCheck.LargestError();
var selfCheckPassed = selfCheck <= 1e-5;
failures += selfCheckPassed ? 0 : 1;
Console.WriteLine(string.Create(invariant, $"selfcheck dense {(selfCheckPassed ? "ok" : "FAILED")} max-error {selfCheck:E2}"));
foreach (var (what, error) in ConvolutionSelfCheck.Errors())
{
    var passed = error <= 1e-5;
    failures += passed ? 0 : 1;
    Console.WriteLine(string.Create(invariant, $"selfcheck conv {(passed ? "ok" : "FAILED")} max-error {error:E2} {what}"));
}

foreach (var name in CheckedModels.Names)
{
    var (output, pyTorch) = CheckedModels.Predict(name, fixtures);
    Console.WriteLine($"output {name} {string.Join(' ', output.Select(v => v.ToString("R", invariant)))}");
    var worst = 0.0;
    var passed = true;
    for (var i = 0; i < output.Length; i++)
    {
        var error = Math.Abs(output[i] - pyTorch[i]);
        worst = Math.Max(worst, error);
        // The tolerance of the x64 fixture tests: float32 sums against PyTorch's float64 values.
        passed &= error <= 1e-4 + 1e-3 * Math.Abs(pyTorch[i]);
    }
    failures += passed ? 0 : 1;
    Console.WriteLine(string.Create(invariant, $"pytorch {name} {(passed ? "ok" : "FAILED")} max-error {worst:E2}"));
}
Console.WriteLine(failures == 0 ? "done ok" : $"done {failures} FAILED");
return failures == 0 ? 0 : 1;
