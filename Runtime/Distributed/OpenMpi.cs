using System;
using System.Runtime.InteropServices;

namespace Generated.Distributed;

/// <summary>
/// The few Open MPI C functions data-parallel training needs. Open MPI's handles (<c>MPI_COMM_WORLD</c>, <c>MPI_FLOAT</c>,
/// <c>MPI_SUM</c>) are addresses of exported globals, read with <see cref="NativeLibrary.GetExport"/>. The library is
/// loaded with <c>RTLD_GLOBAL</c> first: Open MPI's plugins (shared objects it opens itself) resolve its symbols globally
/// and fail to load from a library opened the .NET way (<c>RTLD_LOCAL</c>).
/// </summary>
internal static class OpenMpi
{
    private const string Library = "mpi";
    private const int RtldNow = 2;
    private const int RtldGlobal = 0x100;

    /// <summary>The environment variable naming another <c>libmpi</c> (default <c>libmpi.so.40</c>, Open MPI 3 and 4).</summary>
    public const string LibraryVariable = "GENERATED_MPI_LIBRARY";

    private static readonly IntPtr Handle = Load();

    public static readonly IntPtr CommWorld = NativeLibrary.GetExport(Handle, "ompi_mpi_comm_world");
    public static readonly IntPtr Float = NativeLibrary.GetExport(Handle, "ompi_mpi_float");
    public static readonly IntPtr Sum = NativeLibrary.GetExport(Handle, "ompi_mpi_op_sum");

    /// <summary><c>MPI_IN_PLACE</c> in Open MPI's <c>mpi.h</c>: <c>(void *) 1</c>.</summary>
    public static readonly IntPtr InPlace = new(1);

    public const int Success = 0;

    [DllImport("libc", EntryPoint = "dlopen")]
    private static extern IntPtr DlOpen(string file, int mode);

    [DllImport("libc", EntryPoint = "dlerror")]
    private static extern IntPtr DlError();

    private static IntPtr Load()
    {
        var name = Environment.GetEnvironmentVariable(LibraryVariable) is { Length: > 0 } custom ? custom : "libmpi.so.40";
        var handle = OperatingSystem.IsLinux() ? DlOpen(name, RtldNow | RtldGlobal) : IntPtr.Zero;
        if (handle == IntPtr.Zero)
        {
            var reason = OperatingSystem.IsLinux() ? Marshal.PtrToStringAnsi(DlError()) : "this binding supports Open MPI on Linux";
            throw new DllNotFoundException(
                $"Cannot load the Open MPI library '{name}' ({reason}). Install Open MPI (Debian: apt-get install openmpi-bin libopenmpi-dev) " +
                $"or set {LibraryVariable} to the path of libmpi.so.");
        }
        NativeLibrary.SetDllImportResolver(typeof(OpenMpi).Assembly, (library, _, _) => library == Library ? handle : IntPtr.Zero);
        return handle;
    }

    /// <summary>Loads the library (throws a clear <see cref="DllNotFoundException"/> if it cannot).</summary>
    public static void EnsureLoaded() => _ = Handle;

    [DllImport(Library)]
    public static extern int MPI_Initialized(out int flag);

    [DllImport(Library)]
    public static extern int MPI_Finalized(out int flag);

    [DllImport(Library)]
    public static extern int MPI_Init(IntPtr argc, IntPtr argv);

    [DllImport(Library)]
    public static extern int MPI_Finalize();

    [DllImport(Library)]
    public static extern int MPI_Comm_rank(IntPtr comm, out int rank);

    [DllImport(Library)]
    public static extern int MPI_Comm_size(IntPtr comm, out int size);

    [DllImport(Library)]
    public static extern int MPI_Allreduce(IntPtr sendBuffer, ref float receiveBuffer, int count, IntPtr datatype, IntPtr op, IntPtr comm);

    [DllImport(Library)]
    public static extern int MPI_Bcast(ref float buffer, int count, IntPtr datatype, int root, IntPtr comm);

    [DllImport(Library)]
    public static extern int MPI_Barrier(IntPtr comm);

    [DllImport(Library)]
    public static extern int MPI_Abort(IntPtr comm, int errorCode);
}
