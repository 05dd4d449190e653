using System;
using System.Runtime.InteropServices;

namespace Generated.Training;

public sealed partial class Trainer
{
    private float[] _reduceBuffer = Array.Empty<float>();
    private float[] _stateBuffer = Array.Empty<float>();

    /// <summary>
    /// The data-parallel group this trainer is one rank of, or null (one process). Set by <see cref="UseDataParallel"/>.
    /// Each step then trains on this rank's shard of the batch (rank r of s takes samples <c>r*n/s</c> to <c>(r+1)*n/s</c>),
    /// sums the gradients over the ranks with one all-reduce (each shard weighted by its share of the batch, so the sum is
    /// the whole batch's mean gradient) and applies the same optimizer step everywhere: the weights stay identical on every
    /// rank and equal, within float rounding, to one process training on whole batches.
    /// </summary>
    public IDataParallelGroup? DataParallel { get; private set; }

    /// <summary>
    /// Makes this trainer one rank of <paramref name="group"/>: broadcasts every parameter tensor (moving statistics too) from
    /// rank 0, so all ranks start from the same weights. Call it on every rank, with the same network and data, before
    /// <c>Fit</c>/<see cref="TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float})"/>; pass the same (whole) batches and seed to
    /// every rank. Batch normalization's moving statistics, which each rank updates from its shard, are averaged over the
    /// ranks at the end of every epoch of <c>Fit</c>.
    /// </summary>
    public void UseDataParallel(IDataParallelGroup group)
    {
        if (group is null)
        {
            throw new ArgumentNullException(nameof(group));
        }
        if (group.Size < 1 || group.Rank < 0 || group.Rank >= group.Size)
        {
            throw new ArgumentException($"Rank {group.Rank} of a group of {group.Size} is not a valid rank.", nameof(group));
        }
        // Every rank must hold the same network: compare the parameter counts before anything relies on it.
        Span<float> count = stackalloc float[] { Network.TrainableParameters.Length, 1f };
        group.AllReduceSum(count);
        if (count[0] != (float)Network.TrainableParameters.Length * group.Size || count[1] != group.Size)
        {
            throw new InvalidOperationException(
                $"The ranks' networks differ: this one (rank {group.Rank}) has {Network.TrainableParameters.Length} trainable parameters, but the {group.Size} ranks have {count[0]} together.");
        }
        group.Broadcast(Network.TrainableParameters, 0);
        var state = StateBuffer();
        CopyState(state, toNetwork: false);
        group.Broadcast(state, 0);
        CopyState(state, toNetwork: true);
        Network.MarkWeightsChanged();
        DataParallel = group;
    }

    /// <summary>Rank <paramref name="rank"/>'s samples of a batch of <paramref name="batch"/>: (first, count), contiguous, sizes differing by at most one.</summary>
    internal static (int First, int Count) Shard(int batch, int rank, int size)
    {
        var first = (int)((long)batch * rank / size);
        var end = (int)((long)batch * (rank + 1) / size);
        return (first, end - first);
    }

    /// <summary>
    /// Weights this rank's gradients by its share of the batch, sums them and the loss over the ranks in one all-reduce, and
    /// returns false when any rank skipped its part for a non-finite value.
    /// </summary>
    private bool ReduceStep(IDataParallelGroup group, Span<float> gradients, int count, int batch, bool ok, ref float loss)
    {
        var length = gradients.Length;
        if (_reduceBuffer.Length < length + 2)
        {
            _reduceBuffer = new float[length + 2];
        }
        var buffer = _reduceBuffer.AsSpan(0, length + 2);
        var share = (float)count / batch; // the loss is this shard's mean; the batch mean weights it by the shard's size
        if (ok && count > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(gradients, share, buffer.Slice(0, length));
        }
        else
        {
            buffer.Slice(0, length).Clear();
        }
        buffer[length] = ok && count > 0 ? loss * share : 0f;
        buffer[length + 1] = ok ? 0f : 1f;
        group.AllReduceSum(buffer);
        buffer.Slice(0, length).CopyTo(gradients);
        loss = buffer[length];
        return buffer[length + 1] == 0f;
    }

    /// <summary>Averages batch normalization's moving statistics (each rank updated them from its own shards) over the ranks.</summary>
    private void AverageState(IDataParallelGroup group)
    {
        var state = StateBuffer();
        if (state.IsEmpty)
        {
            return;
        }
        CopyState(state, toNetwork: false);
        group.AllReduceSum(state);
        System.Numerics.Tensors.TensorPrimitives.Multiply(state, 1f / group.Size, state);
        CopyState(state, toNetwork: true);
        Network.MarkWeightsChanged();
    }

    /// <summary>A reused buffer as long as the network's non-trainable tensors together.</summary>
    private Span<float> StateBuffer()
    {
        var total = 0;
        foreach (var tensor in Network.ParameterTensors)
        {
            total += tensor.Trainable ? 0 : tensor.Length;
        }
        if (_stateBuffer.Length != total)
        {
            _stateBuffer = new float[total];
        }
        return _stateBuffer;
    }

    /// <summary>
    /// Copies the non-trainable tensors into <paramref name="state"/> or back. They are reachable only as read-only views, which
    /// alias the network's own buffer by contract (as <see cref="WeightSnapshot"/> restores them).
    /// </summary>
    private void CopyState(Span<float> state, bool toNetwork)
    {
        var offset = 0;
        foreach (var tensor in Network.ParameterTensors)
        {
            if (tensor.Trainable)
            {
                continue;
            }
            var memory = tensor.WritableSpan;
            if (toNetwork)
            {
                state.Slice(offset, tensor.Length).CopyTo(memory);
            }
            else
            {
                memory.CopyTo(state.Slice(offset, tensor.Length));
            }
            offset += tensor.Length;
        }
    }
}
