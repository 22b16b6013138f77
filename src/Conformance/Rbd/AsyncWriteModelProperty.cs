using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using StorageKit.Conformance.Framework;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>The kinds of async step of the aio model property.</summary>
internal enum AioOpKind
{
    Write,
    WriteZeroes,
    DiscardObjects,
}

/// <summary>
/// One async step of a batch: a write of <see cref="Length"/> bytes at <see cref="Offset"/> (all bytes the step's
/// own fill, so the bytes read back name the step that wrote them), write-zeroes, or a discard of whole objects
/// (whose only effect is zeros, so it is modelled as write-zeroes). <see cref="Lane"/> picks the thread issuing it.
/// </summary>
internal sealed record AioOp(AioOpKind Kind, long Offset, long Length, int Lane)
{
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Kind}(at {Offset}, {Length} bytes, lane {Lane})");
}

/// <summary>
/// The aio model property: a batch of up to 16 async writes (some write-zeroes and whole-object discards), on
/// disjoint, overlapping and object-crossing extents, is issued from two threads without waiting in between,
/// then awaited together and flushed; the image read back must be explainable by a serialisation librbd allows.
/// librbd applies each request to each RADOS object atomically but gives no order between concurrent requests,
/// and the order may differ from object to object; so an object's bytes must equal a sequential replay, in some
/// order, of the requests touching that object, starting from zeros. Writes carry distinct fill bytes, so the
/// check is exact.
/// </summary>
[ConformanceArea("rbd.aiomodel")]
public static class AsyncWriteModelProperty
{
    private const int Order = 12;
    private const int ObjectSize = 1 << Order;
    private const int Objects = 16;
    private const int ImageSize = Objects * ObjectSize;
    private const int MaxBatch = 16;

    /// <summary>Concurrent async writes, write-zeroes and whole-object discards read back as some per-object serialisation of them.</summary>
    [ConformanceCase]
    public static void ConcurrentWritesMatchSomeSerialisation(RadosCaseContext c)
    {
        using var scope = new RbdImageScope(c);
        SequenceProperty.CheckRuns(c, "rbd aio model property", Step(), MaxBatch, (run, steps) => RunBatch(scope, steps));
    }

    /// <summary>Runs one batch on a fresh image; null when the result is a serialisation of it, else why not.</summary>
    private static string? RunBatch(RbdImageScope scope, IReadOnlyList<AioOp> steps)
    {
        string name = scope.NewImage(ImageSize, Order);
        try
        {
            byte[] observed;
            using (IRbdImage image = scope.Rbd.Open(name))
            {
                if (Issue(image, steps) is string failure)
                {
                    return failure;
                }

                observed = new byte[ImageSize];
                int read = CheckTasks.Result(image.ReadAsync(observed, 0), "read of the whole image");
                if (read != ImageSize)
                {
                    return $"the read of the whole image returned {read}, not {ImageSize}";
                }
            }

            return Explain(steps, observed);
        }
        finally
        {
            scope.Rbd.Remove(name);
        }
    }

    /// <summary>Issues the batch from two threads (by lane), each without awaiting, then awaits all and flushes.</summary>
    private static string? Issue(IRbdImage image, IReadOnlyList<AioOp> steps)
    {
        Task<Task[]> Lane(int lane) => Task.Run(() => Enumerable.Range(0, steps.Count)
            .Where(i => steps[i].Lane == lane)
            .Select(i => Start(image, steps[i], Fill(i)))
            .ToArray());

        try
        {
            Task<Task[]>[] lanes = [Lane(0), Lane(1)];
            Task[] all = [.. CheckTasks.Result(Task.WhenAll(lanes), "issuing the batch").SelectMany(t => t)];
            CheckTasks.Completes(Task.WhenAll(all), "the batch");
            CheckTasks.Completes(image.FlushAsync(), "flush");
            return null;
        }
        catch (StorageException e)
        {
            return $"a request of the batch failed with {e.Errno}: {e.Message}";
        }
    }

    private static Task Start(IRbdImage image, AioOp step, byte fill) => step.Kind switch
    {
        AioOpKind.Write => image.WriteAsync(Enumerable.Repeat(fill, (int)step.Length).ToArray(), step.Offset),
        AioOpKind.WriteZeroes => image.WriteZeroesAsync(step.Offset, step.Length),
        AioOpKind.DiscardObjects => image.DiscardAsync(step.Offset, step.Length),
        _ => throw new InvalidOperationException(step.Kind.ToString()),
    };

    /// <summary>The byte step <paramref name="index"/> leaves: its own non-zero fill for a write, zero otherwise.</summary>
    private static byte Fill(int index) => (byte)(index + 1);

    private static byte Value(IReadOnlyList<AioOp> steps, int index) => steps[index].Kind == AioOpKind.Write ? Fill(index) : (byte)0;

    /// <summary>
    /// Null when every object's bytes are a sequential replay of the steps touching it in some order, else the
    /// first object that is not. The order is found backwards by peeling: the step applied last must own every
    /// byte it covers that no later step covers; a step that can be peeled stays peelable when others are peeled
    /// first (that only frees bytes), so peeling any candidate is as good as any other and no backtracking is
    /// needed. Bytes no step covers must still be zero.
    /// </summary>
    private static string? Explain(IReadOnlyList<AioOp> steps, byte[] observed)
    {
        for (int obj = 0; obj < Objects; obj++)
        {
            int start = obj * ObjectSize;
            int end = start + ObjectSize;
            List<int> touching = [.. Enumerable.Range(0, steps.Count).Where(i => steps[i].Offset < end && steps[i].Offset + steps[i].Length > start)];
            bool[] free = new bool[ObjectSize];
            var peeled = new List<int>();
            for (int at; (at = touching.FindIndex(i => Owns(steps, i, observed, free, start, end))) >= 0;)
            {
                int last = touching[at];
                for (long b = Math.Max(start, steps[last].Offset); b < Math.Min(end, steps[last].Offset + steps[last].Length); b++)
                {
                    free[b - start] = true;
                }

                touching.RemoveAt(at);
                peeled.Insert(0, last);
            }

            if (touching.Count > 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"object {obj}: no order of steps [{string.Join(", ", touching.Concat(peeled).Order())}] explains its bytes (steps [{string.Join(", ", touching)}] cannot come last among the rest; {Describe(observed, start, end)})");
            }

            for (int b = 0; b < ObjectSize; b++)
            {
                if (!free[b] && observed[start + b] != 0)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"byte {start + b} (object {obj}) reads {observed[start + b]} but no step wrote it");
                }
            }
        }

        return null;
    }

    /// <summary>Whether step <paramref name="index"/> left every byte of the object it covers and no later step covers.</summary>
    private static bool Owns(IReadOnlyList<AioOp> steps, int index, byte[] observed, bool[] free, int start, int end)
    {
        byte value = Value(steps, index);
        long from = Math.Max(start, steps[index].Offset);
        long to = Math.Min(end, steps[index].Offset + steps[index].Length);
        for (long b = from; b < to; b++)
        {
            if (!free[b - start] && observed[b] != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The object's bytes as runs of equal values, for the failure message.</summary>
    private static string Describe(byte[] observed, int start, int end)
    {
        var runs = new List<string>();
        for (int b = start; b < end;)
        {
            int runEnd = b;
            while (runEnd < end && observed[runEnd] == observed[b])
            {
                runEnd++;
            }

            runs.Add(string.Create(CultureInfo.InvariantCulture, $"{b}..{runEnd - 1}={observed[b]}"));
            b = runEnd;
        }

        return "bytes " + string.Join(" ", runs);
    }

    private static Gen<AioOp> Step()
    {
        // Offsets near object boundaries and in a hot region half of the time, so extents overlap and cross objects.
        Gen<long> offset = Gen.OneOf(
            Gen.Choose(0, ImageSize - 1).Select(n => (long)n),
            Gen.Choose(0, 3 * ObjectSize).Select(n => (long)n),
            from o in Gen.Choose(1, Objects - 1)
            from d in Gen.Choose(-64, 64)
            select (long)((o * ObjectSize) + d));
        Gen<long> length = Gen.OneOf(
            Gen.Choose(1, 256).Select(n => (long)n),
            Gen.Choose(1, 3 * ObjectSize).Select(n => (long)n));
        Gen<AioOp> write =
            from k in Gen.Frequency((6, Gen.Constant(AioOpKind.Write)), (1, Gen.Constant(AioOpKind.WriteZeroes)))
            from o in offset
            from l in length
            from lane in Gen.Choose(0, 1)
            select new AioOp(k, o, Math.Min(l, ImageSize - o), lane);
        // A discard only modelled where it is simple: whole objects, which then read as zeros.
        Gen<AioOp> discard =
            from o in Gen.Choose(0, Objects - 1)
            from n in Gen.Choose(1, 2)
            from lane in Gen.Choose(0, 1)
            select new AioOp(AioOpKind.DiscardObjects, (long)o * ObjectSize, (long)Math.Min(n, Objects - o) * ObjectSize, lane);
        return Gen.Frequency((8, write), (1, discard));
    }
}
