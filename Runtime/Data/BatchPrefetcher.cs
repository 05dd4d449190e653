using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Generated.Data;

/// <summary>Decodes the samples at some indices of a data set into buffers; called from the read-ahead thread.</summary>
internal interface IBatchDecoder
{
    /// <summary>Writes the samples at <paramref name="indices"/> into <paramref name="inputs"/> and their targets into <paramref name="targets"/>.</summary>
    void Decode(ReadOnlySpan<int> indices, Span<float> inputs, Span<float> targets);
}

/// <summary>
/// Reads ahead: a background thread decodes the batches after the one being trained on into a fixed ring of
/// <see cref="Depth"/> slots (tf.data's <c>prefetch(n)</c>), so at most <see cref="Depth"/> decoded batches exist
/// at any time and decoding overlaps training. The thread runs only while an epoch has batches left to decode.
/// </summary>
/// <remarks>
/// Batches are expected in order 0, 1, 2, ...; a request for any other batch drops what was read ahead and
/// continues from there. A decoding error is kept with its batch and thrown when that batch is taken.
/// </remarks>
internal sealed class BatchPrefetcher : IDisposable
{
    private readonly IBatchDecoder decoder;
    private readonly int batchSize;
    private readonly int inputSize;
    private readonly int targetSize;
    private readonly Slot[] slots;
    private readonly object gate = new();
    private int[] order = Array.Empty<int>();
    private int batchCount;
    private int generation;
    private int nextToDecode;
    private bool workerRunning;
    private bool disposed;
    private long decodedBatches;

    /// <summary>Prepares <paramref name="depth"/> slots of <paramref name="batchSize"/> samples each.</summary>
    public BatchPrefetcher(IBatchDecoder decoder, int depth, int batchSize, int inputSize, int targetSize)
    {
        this.decoder = decoder;
        this.batchSize = batchSize;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        slots = new Slot[depth];
        for (int i = 0; i < depth; i++)
        {
            slots[i] = new Slot(batchSize, inputSize, targetSize);
        }
    }

    /// <summary>Batches decoded ahead at most.</summary>
    public int Depth => slots.Length;

    /// <summary>Batches decoded since construction (tests read it to see how far the thread ran ahead).</summary>
    public long DecodedBatches => Interlocked.Read(ref decodedBatches);

    /// <summary>Starts an epoch over <paramref name="epochOrder"/> (copied) and begins decoding its first batches.</summary>
    public void Start(ReadOnlySpan<int> epochOrder)
    {
        lock (gate)
        {
            ThrowIfDisposed();
            if (order.Length != epochOrder.Length)
            {
                order = new int[epochOrder.Length];
            }

            epochOrder.CopyTo(order);
            batchCount = (order.Length + batchSize - 1) / batchSize;
            Restart(0);
        }
    }

    /// <summary>Copies batch <paramref name="batch"/> of the epoch into the caller's buffers; returns its sample count.</summary>
    public int Take(int batch, Span<float> inputs, Span<float> targets)
    {
        Slot slot;
        lock (gate)
        {
            ThrowIfDisposed();
            foreach (Slot other in slots)
            {
                // Batches before the requested one will not be asked for any more: free their slots.
                if (other.State == SlotState.Ready && other.Generation == generation && other.Batch < batch)
                {
                    other.State = SlotState.Empty;
                }
            }

            if (Find(batch) is null && batch != nextToDecode)
            {
                Restart(batch);
            }

            Monitor.PulseAll(gate);
            while (true)
            {
                slot = Find(batch)!;
                if (slot is { State: SlotState.Ready })
                {
                    slot.State = SlotState.Reading;
                    break;
                }

                Monitor.Wait(gate);
                ThrowIfDisposed();
            }
        }

        try
        {
            if (slot.Error is { } error)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }

            slot.Inputs.AsSpan(0, slot.Count * inputSize).CopyTo(inputs);
            slot.Targets.AsSpan(0, slot.Count * targetSize).CopyTo(targets);
            return slot.Count;
        }
        finally
        {
            lock (gate)
            {
                slot.Error = null;
                slot.State = SlotState.Empty;
                Monitor.PulseAll(gate);
            }
        }
    }

    /// <summary>Stops the read-ahead thread (after the batch it is decoding) and waits for it.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            Monitor.PulseAll(gate);
            while (workerRunning)
            {
                Monitor.Wait(gate);
            }
        }
    }

    // Under the lock: forget what was read ahead and decode from batch `first` on.
    private void Restart(int first)
    {
        generation++;
        foreach (Slot slot in slots)
        {
            if (slot.State == SlotState.Ready)
            {
                slot.State = SlotState.Empty;
                slot.Error = null;
            }
        }

        nextToDecode = first;
        if (!workerRunning && nextToDecode < batchCount)
        {
            workerRunning = true;
            var thread = new Thread(Work) { IsBackground = true, Name = "Generated image read-ahead" };
            thread.Start();
        }

        Monitor.PulseAll(gate);
    }

    private Slot? Find(int batch)
    {
        foreach (Slot slot in slots)
        {
            if (slot.Generation == generation && slot.Batch == batch && slot.State is SlotState.Decoding or SlotState.Ready or SlotState.Reading)
            {
                return slot;
            }
        }

        return null;
    }

    private void Work()
    {
        while (true)
        {
            Slot slot;
            int count;
            lock (gate)
            {
                while (true)
                {
                    if (disposed || nextToDecode >= batchCount)
                    {
                        workerRunning = false;
                        Monitor.PulseAll(gate);
                        return;
                    }

                    slot = Array.Find(slots, s => s.State == SlotState.Empty)!;
                    if (slot is not null)
                    {
                        break;
                    }

                    Monitor.Wait(gate);
                }

                int batch = nextToDecode++;
                int start = batch * batchSize;
                count = Math.Min(batchSize, order.Length - start);
                order.AsSpan(start, count).CopyTo(slot.Indices);
                slot.Batch = batch;
                slot.Generation = generation;
                slot.Count = count;
                slot.State = SlotState.Decoding;
            }

            Exception? error = null;
            try
            {
                decoder.Decode(slot.Indices.AsSpan(0, count), slot.Inputs.AsSpan(0, count * inputSize), slot.Targets.AsSpan(0, count * targetSize));
            }
            catch (Exception exception)
            {
                error = exception;
            }

            Interlocked.Increment(ref decodedBatches);
            lock (gate)
            {
                bool current = slot.Generation == generation;
                slot.Error = current ? error : null;
                slot.State = current ? SlotState.Ready : SlotState.Empty;
                Monitor.PulseAll(gate);
            }
        }
    }

    private void ThrowIfDisposed()
    {
        if (disposed)
        {
            throw new ObjectDisposedException(nameof(ImageFolderDataset), "The image folder data set was disposed.");
        }
    }

    private enum SlotState
    {
        Empty,
        Decoding,
        Ready,
        Reading,
    }

    private sealed class Slot
    {
        public Slot(int batchSize, int inputSize, int targetSize)
        {
            Indices = new int[batchSize];
            Inputs = new float[batchSize * inputSize];
            Targets = new float[batchSize * targetSize];
        }

        public int[] Indices { get; }

        public float[] Inputs { get; }

        public float[] Targets { get; }

        public SlotState State { get; set; }

        public int Generation { get; set; }

        public int Batch { get; set; }

        public int Count { get; set; }

        public Exception? Error { get; set; }
    }
}
