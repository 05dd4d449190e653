using System;
using System.Runtime.InteropServices;
using Generated.Training;

namespace Generated.Distributed;

/// <summary>
/// The processes of an <c>mpirun</c> job (<c>MPI_COMM_WORLD</c>) as a <see cref="IDataParallelGroup"/>: give it to
/// <see cref="Trainer.UseDataParallel"/> on every rank and <c>Fit</c> trains data-parallel. See docs/DISTRIBUTED.md.
/// </summary>
/// <example>
/// <code>
/// using var mpi = MpiGroup.Initialize();                 // MPI_Init; one per process
/// var trainer = model.Compile(new Adam(), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
/// trainer.UseDataParallel(mpi);                          // rank 0's weights everywhere
/// trainer.Fit(x, y, epochs: 5, batchSize: 128, verbose: mpi.Rank == 0 ? 1 : 0);
/// if (mpi.Rank == 0) model.SaveWeights("model.safetensors");
/// </code>
/// </example>
public sealed class MpiGroup : IDataParallelGroup, IDisposable
{
    private static MpiGroup? s_current;
    private bool _disposed;

    private MpiGroup(int rank, int size)
    {
        Rank = rank;
        Size = size;
    }

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size { get; }

    /// <summary>
    /// True when this process was started by <c>mpirun</c>/<c>mpiexec</c> (Open MPI sets <c>OMPI_COMM_WORLD_SIZE</c>), so a
    /// program can train alone when started directly.
    /// </summary>
    public static bool IsMpiJob => Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is { Length: > 0 };

    /// <summary>Initializes MPI once per process (later calls return the same group) and returns the world communicator.</summary>
    /// <exception cref="DllNotFoundException">Open MPI's library is not installed.</exception>
    public static MpiGroup Initialize()
    {
        if (s_current is { _disposed: false } current)
        {
            return current;
        }
        OpenMpi.EnsureLoaded();
        Check(OpenMpi.MPI_Finalized(out var finalized), "MPI_Finalized");
        if (finalized != 0)
        {
            throw new InvalidOperationException("MPI was finalized in this process; MPI cannot be initialized twice.");
        }
        Check(OpenMpi.MPI_Initialized(out var initialized), "MPI_Initialized");
        if (initialized == 0)
        {
            Check(OpenMpi.MPI_Init(IntPtr.Zero, IntPtr.Zero), "MPI_Init");
        }
        Check(OpenMpi.MPI_Comm_rank(OpenMpi.CommWorld, out var rank), "MPI_Comm_rank");
        Check(OpenMpi.MPI_Comm_size(OpenMpi.CommWorld, out var size), "MPI_Comm_size");
        s_current = new MpiGroup(rank, size);
        return s_current;
    }

    /// <inheritdoc/>
    public void AllReduceSum(Span<float> values)
    {
        ThrowIfDisposed();
        if (!values.IsEmpty)
        {
            Check(OpenMpi.MPI_Allreduce(OpenMpi.InPlace, ref MemoryMarshal.GetReference(values), values.Length, OpenMpi.Float, OpenMpi.Sum, OpenMpi.CommWorld), "MPI_Allreduce");
        }
    }

    /// <inheritdoc/>
    public void Broadcast(Span<float> values, int root)
    {
        ThrowIfDisposed();
        if (root < 0 || root >= Size)
        {
            throw new ArgumentOutOfRangeException(nameof(root), root, $"The root must be a rank of the group, 0 to {Size - 1}.");
        }
        if (!values.IsEmpty)
        {
            Check(OpenMpi.MPI_Bcast(ref MemoryMarshal.GetReference(values), values.Length, OpenMpi.Float, root, OpenMpi.CommWorld), "MPI_Bcast");
        }
    }

    /// <summary>Waits until every rank reached this call.</summary>
    public void Barrier()
    {
        ThrowIfDisposed();
        Check(OpenMpi.MPI_Barrier(OpenMpi.CommWorld), "MPI_Barrier");
    }

    /// <summary>Prints the error with this rank and ends the whole job with <c>MPI_Abort</c> (exit code 1); does not return.</summary>
    public void Abort(Exception error)
    {
        Console.Out.Flush();
        Console.Error.WriteLine($"Rank {Rank} of {Size} failed and aborts the MPI job: {error}");
        Console.Error.Flush();
        OpenMpi.MPI_Abort(OpenMpi.CommWorld, 1);
        Environment.Exit(1); // MPI_Abort does not return; should it, the job must still end
    }

    /// <summary>Finalizes MPI (every rank must call it, after its last collective call).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        Check(OpenMpi.MPI_Finalize(), "MPI_Finalize");
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(MpiGroup), "MPI was finalized (the group was disposed).");
        }
    }

    private static void Check(int code, string function)
    {
        if (code != OpenMpi.Success)
        {
            throw new MpiException(function, code);
        }
    }
}
