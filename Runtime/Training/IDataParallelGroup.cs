using System;

namespace Generated.Training;

/// <summary>
/// The processes of a data-parallel job as <see cref="Trainer"/> needs them: its rank, the group's size, a sum over all
/// ranks and a broadcast. <c>Generated.Distributed</c>'s <c>MpiGroup</c> implements it over MPI, keeping native code out of
/// this runtime; tests implement it in memory.
/// </summary>
public interface IDataParallelGroup
{
    /// <summary>This process's index, 0 to <see cref="Size"/> - 1; rank 0's weights are the ones every rank starts from.</summary>
    int Rank { get; }

    /// <summary>Number of processes training together.</summary>
    int Size { get; }

    /// <summary>Replaces <paramref name="values"/> on every rank by their element-wise sum over all ranks (same length everywhere).</summary>
    void AllReduceSum(Span<float> values);

    /// <summary>Replaces <paramref name="values"/> on every rank by rank <paramref name="root"/>'s.</summary>
    void Broadcast(Span<float> values, int root);

    /// <summary>
    /// Ends the whole job because this rank cannot go on (an exception in a training step), so the other ranks do not wait
    /// forever in their next all-reduce. Implementations print <paramref name="error"/> with the rank and do not return
    /// normally (MPI: <c>MPI_Abort</c>).
    /// </summary>
    void Abort(Exception error);
}
