using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Generated.Kernels.Threading;

/// <summary>A kernel's work split into numbered chunks that may run on any worker in any order.</summary>
internal abstract class ParallelWork
{
    /// <summary>Runs chunk <paramref name="chunk"/>; <paramref name="slot"/> (0 = calling thread) is unique among concurrent runners.</summary>
    public abstract void Execute(int chunk, int slot);

    /// <summary>
    /// Grows the current thread's <see cref="Scratch"/> buffers to what any chunk of this run needs.
    /// The pool calls it on every thread that takes part, before it takes a chunk, so what a thread
    /// allocates does not depend on which chunks it happened to get: once a run of some shape has been
    /// seen, every later run of that shape allocates nothing, however the chunks were shared out.
    /// </summary>
    public virtual void ReserveScratch()
    {
    }

    /// <summary>
    /// True when chunks add into per-slot partial sums (kernel gradients): the pool then gives each slot a fixed run of
    /// chunks, the same whichever thread takes the slot and whether or not helpers join, so the sums, and training,
    /// come out bit for bit the same at a given thread count. False: chunks go to whichever thread asks first.
    /// </summary>
    public virtual bool SumsPerSlot => false;
}

/// <summary>
/// A fixed set of background threads that help the calling thread through one <see cref="ParallelWork"/>
/// at a time. Nothing is allocated per run: work objects are reused by their kernels, chunks are
/// handed out by an interlocked counter, and the threads sleep on a semaphore between runs. A call that
/// finds the pool busy (another thread's kernel) simply runs all its chunks itself, and so does a call made
/// from inside a chunk of a run (a kernel called by a sample-parallel Predict chunk): every thread of that run
/// is already busy, and the calling thread would otherwise re-enter the gate it holds (Monitor is re-entrant).
/// </summary>
internal static class WorkerPool
{
    private static readonly object Gate = new();
    private static readonly SemaphoreSlim Start = new(0);
    private static readonly ManualResetEventSlim Finished = new(false);
    private static int _threadCount;
    private static ParallelWork? _work;
    private static int _chunkCount;
    private static int _slotCount;
    private static int _nextChunk;
    private static int _nextSlot;
    private static int _helpersRunning;
    private static ExceptionDispatchInfo? _failure;

    /// <summary>The current run hands each slot a fixed run of chunks (<see cref="ParallelWork.SumsPerSlot"/>).</summary>
    private static bool _staticSchedule;

    /// <summary>
    /// Measurement switch: true hands out even per-slot-sum chunks first come, first served, as before the static
    /// schedule (sums then depend on timing). Only the cost measurement of docs/RELIABILITY.md sets it.
    /// </summary>
    internal static bool DynamicReductions { get; set; }

    /// <summary>True on a thread while it runs chunks of a pool run (always on the pool's own threads).</summary>
    [ThreadStatic]
    private static bool t_insideRun;

    /// <summary>Whether the calling thread is running chunks of a pool run (where a nested run would stay on it).</summary>
    public static bool IsInsideRun => t_insideRun;

    /// <summary>How many slots a run of <paramref name="chunkCount"/> chunks would use (at most <see cref="KernelOptions.MaxThreads"/>).</summary>
    public static int SlotsFor(int chunkCount) => Math.Max(1, Math.Min(chunkCount, KernelOptions.MaxThreads));

    /// <summary>Runs every chunk of <paramref name="work"/> on up to <paramref name="slots"/> threads and returns when all are done.</summary>
    public static void Run(ParallelWork work, int chunkCount, int slots)
    {
        slots = Math.Min(slots, chunkCount);
        work.ReserveScratch();
        var staticSchedule = work.SumsPerSlot && !DynamicReductions;
        if (slots <= 1 || t_insideRun || !Monitor.TryEnter(Gate))
        {
            if (staticSchedule && slots > 1)
            {
                // Alone, but each chunk still goes into its own slot's sums, so the result is the one helpers would give.
                for (var slot = 0; slot < slots; slot++)
                {
                    RunStaticChunks(work, slot, slots, chunkCount);
                }
                return;
            }
            for (var chunk = 0; chunk < chunkCount; chunk++)
            {
                work.Execute(chunk, 0);
            }
            return;
        }
        try
        {
            EnsureThreads(slots - 1);
            _work = work;
            _chunkCount = chunkCount;
            _slotCount = slots;
            _staticSchedule = staticSchedule;
            _nextChunk = 0;
            _nextSlot = 1;
            _failure = null;
            _helpersRunning = slots - 1;
            Finished.Reset();
            Start.Release(slots - 1);
            t_insideRun = true;
            try
            {
                RunChunks(work, 0);
            }
            finally
            {
                t_insideRun = false;
            }
            Finished.Wait();
            _work = null;
            _failure?.Throw();
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static void RunChunks(ParallelWork work, int slot, bool reserve = false)
    {
        try
        {
            if (reserve)
            {
                work.ReserveScratch();
            }
            if (_staticSchedule)
            {
                RunStaticChunks(work, slot, _slotCount, _chunkCount);
                return;
            }
            int chunk;
            while ((chunk = Interlocked.Increment(ref _nextChunk) - 1) < _chunkCount)
            {
                work.Execute(chunk, slot);
            }
        }
        catch (Exception exception)
        {
            // Stop handing out chunks and let the caller rethrow once every helper has returned.
            Interlocked.Exchange(ref _nextChunk, int.MaxValue / 2);
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(exception), null);
        }
    }

    /// <summary>Slot <paramref name="slot"/>'s fixed run of chunks: the <paramref name="slot"/>-th of <paramref name="slots"/> equal contiguous parts, in order.</summary>
    private static void RunStaticChunks(ParallelWork work, int slot, int slots, int chunkCount)
    {
        var end = (int)((long)chunkCount * (slot + 1) / slots);
        for (var chunk = (int)((long)chunkCount * slot / slots); chunk < end; chunk++)
        {
            work.Execute(chunk, slot);
        }
    }

    private static void EnsureThreads(int count)
    {
        for (; _threadCount < count; _threadCount++)
        {
            var thread = new Thread(HelperLoop) { IsBackground = true, Name = $"Generated kernel worker {_threadCount + 1}" };
            thread.Start();
        }
    }

    private static void HelperLoop()
    {
        t_insideRun = true;
        while (true)
        {
            Start.Wait();
            var slot = Interlocked.Increment(ref _nextSlot) - 1;
            var work = _work!;
            RunChunks(work, slot, reserve: true);
            if (Interlocked.Decrement(ref _helpersRunning) == 0)
            {
                Finished.Set();
            }
        }
    }
}
