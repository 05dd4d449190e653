using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Generated.Kernels;
using MnistSample;

namespace GeneratedMnist.Native;

/// <summary>
/// The C ABI (include/generated_mnist.h). Each export catches every exception and turns it into a
/// <see cref="Status"/> plus a per-thread message: an exception must never unwind into native frames,
/// where NativeAOT would terminate the host process.
/// </summary>
internal static unsafe class Exports
{
    /// <summary>gm_network_create_from_file: loads a safetensors weights file (UTF-8 path) into a new network.</summary>
    [UnmanagedCallersOnly(EntryPoint = "gm_network_create_from_file", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static Status CreateFromFile(byte* path, nint* network)
    {
        try
        {
            if (network is not null)
            {
                *network = 0;
            }

            if (path is null || network is null)
            {
                return LastError.Set(Status.NullArgument, NullMessage("gm_network_create_from_file", path is null ? "path" : "network"));
            }

            var created = new MnistConvNet();
            created.LoadWeights(Marshal.PtrToStringUTF8((nint)path)!);
            *network = NetworkHandles.Add(created);
            return Status.Ok;
        }
        catch (Exception exception)
        {
            return Failures.FromLoad(exception);
        }
    }

    /// <summary>gm_network_create_from_memory: loads safetensors bytes (the caller keeps ownership) into a new network.</summary>
    [UnmanagedCallersOnly(EntryPoint = "gm_network_create_from_memory", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static Status CreateFromMemory(byte* data, nuint length, nint* network)
    {
        try
        {
            if (network is not null)
            {
                *network = 0;
            }

            if (data is null || network is null)
            {
                return LastError.Set(Status.NullArgument, NullMessage("gm_network_create_from_memory", data is null ? "data" : "network"));
            }

            if (length > long.MaxValue)
            {
                return LastError.Set(Status.BadLength, $"gm_network_create_from_memory: length {length} is larger than any weights file.");
            }

            var created = new MnistConvNet();
            using (var stream = new UnmanagedMemoryStream(data, (long)length))
            {
                created.LoadWeights(stream);
            }

            *network = NetworkHandles.Add(created);
            return Status.Ok;
        }
        catch (Exception exception)
        {
            return Failures.FromLoad(exception);
        }
    }

    /// <summary>gm_network_predict: softmax scores of every sample in <paramref name="input"/>, written to <paramref name="output"/>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "gm_network_predict", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static Status Predict(nint network, float* input, nuint inputLength, float* output, nuint outputLength)
    {
        try
        {
            if (network == 0 || input is null || output is null)
            {
                return LastError.Set(Status.NullArgument, NullMessage("gm_network_predict", network == 0 ? "network" : input is null ? "input" : "output"));
            }

            if (!NetworkHandles.TryGet(network, out MnistConvNet model))
            {
                return LastError.Set(Status.InvalidHandle, $"gm_network_predict: 0x{network:x} is not a live network (never created, or already freed).");
            }

            Status lengths = BatchLengths.Check(inputLength, outputLength, out int inputCount, out int outputCount);
            if (lengths != Status.Ok)
            {
                return lengths;
            }

            var inputs = new ReadOnlySpan<float>(input, inputCount);
            Status finite = FiniteInput.Check(inputs);
            if (finite != Status.Ok)
            {
                return finite;
            }

            // A generated network reuses its activation buffers: one prediction at a time per network.
            lock (model)
            {
                model.Predict(inputs, new Span<float>(output, outputCount));
            }

            return Status.Ok;
        }
        catch (Exception exception)
        {
            return LastError.Set(Status.Internal, "gm_network_predict: " + exception.Message);
        }
    }

    /// <summary>gm_network_free: releases a network; freeing null does nothing.</summary>
    [UnmanagedCallersOnly(EntryPoint = "gm_network_free", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static Status Free(nint network)
    {
        try
        {
            if (network == 0 || NetworkHandles.Remove(network))
            {
                return Status.Ok;
            }

            return LastError.Set(Status.InvalidHandle, $"gm_network_free: 0x{network:x} is not a live network (never created, or already freed).");
        }
        catch (Exception exception)
        {
            return LastError.Set(Status.Internal, "gm_network_free: " + exception.Message);
        }
    }

    /// <summary>gm_input_size: floats per input sample (28 * 28 * 1).</summary>
    [UnmanagedCallersOnly(EntryPoint = "gm_input_size", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static nuint InputSize() => MnistConvNet.InputSize;

    /// <summary>gm_output_size: scores per sample (10 classes).</summary>
    [UnmanagedCallersOnly(EntryPoint = "gm_output_size", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static nuint OutputSize() => MnistConvNet.OutputSize;

    /// <summary>gm_input_shape: the input sample's dimensions (height, width, channels).</summary>
    [UnmanagedCallersOnly(EntryPoint = "gm_input_shape", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static Status InputShape(int* shape, nuint capacity, nuint* rank) =>
        Shapes.Write("gm_input_shape", MnistConvNet.InputShape.ToArray(), shape, capacity, rank);

    /// <summary>gm_output_shape: the output sample's dimensions (classes).</summary>
    [UnmanagedCallersOnly(EntryPoint = "gm_output_shape", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static Status OutputShape(int* shape, nuint capacity, nuint* rank) =>
        Shapes.Write("gm_output_shape", MnistConvNet.OutputShape.ToArray(), shape, capacity, rank);

    /// <summary>gm_set_max_threads: most threads one prediction uses (process-wide; 1 keeps it on the calling thread).</summary>
    [UnmanagedCallersOnly(EntryPoint = "gm_set_max_threads", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static Status SetMaxThreads(int threads)
    {
        try
        {
            if (threads < 1)
            {
                return LastError.Set(Status.InvalidArgument, $"gm_set_max_threads: threads is {threads}; it must be at least 1.");
            }

            KernelOptions.MaxThreads = threads;
            return Status.Ok;
        }
        catch (Exception exception)
        {
            return LastError.Set(Status.Internal, "gm_set_max_threads: " + exception.Message);
        }
    }

    /// <summary>gm_last_error: the calling thread's most recent failure message (UTF-8, owned by the library).</summary>
    [UnmanagedCallersOnly(EntryPoint = "gm_last_error", CallConvs = new[] { typeof(CallConvCdecl) })]
    public static byte* LastErrorMessage() => LastError.Message;

    private static string NullMessage(string function, string argument) => $"{function}: {argument} is NULL.";
}
