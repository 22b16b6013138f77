using System.Globalization;
using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>
/// Asynchronous I/O (<c>rados_aio_*</c>): results and errors as the synchronous calls give them (named after the aio
/// function), submission order, cancellation before and after submission, lifetime errors through the task.
/// </summary>
[ConformanceArea("rados.async")]
public static class AsyncCases
{
    /// <summary>WriteAsync then ReadAsync round-trips; a short read at the end, 0 past it.</summary>
    [ConformanceCase]
    public static async Task WriteThenReadRoundTrips(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        await c.Io.WriteAsync(oid, Bytes.Of("hello world"), 0).ConfigureAwait(false);
        var buffer = new byte[16];
        int read = await c.Io.ReadAsync(oid, buffer, 0).ConfigureAwait(false);
        Check.Equal(11, read, "bytes read");
        Check.Bytes(Bytes.Of("hello world"), buffer.AsSpan(0, read), "data");
        Check.Equal(5, await c.Io.ReadAsync(oid, buffer.AsMemory(0, 8), 6).ConfigureAwait(false), "short read at the end");
        Check.Equal(0, await c.Io.ReadAsync(oid, buffer, 11).ConfigureAwait(false), "read at the end");
        Check.Equal(0, await c.Io.ReadAsync(oid, buffer, 100).ConfigureAwait(false), "read past the end");
        await c.Io.WriteAsync(oid, Bytes.Of("W"), 20).ConfigureAwait(false);
        Check.Equal(21L, c.Io.Stat(oid).Size, "size after a write past the end");
    }

    /// <summary>WriteFullAsync replaces the object; AppendAsync extends it and creates a missing one.</summary>
    [ConformanceCase]
    public static async Task WriteFullAndAppend(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        await c.Io.WriteFullAsync(oid, Bytes.Of("a long first version")).ConfigureAwait(false);
        await c.Io.WriteFullAsync(oid, Bytes.Of("v2")).ConfigureAwait(false);
        await c.Io.AppendAsync(oid, Bytes.Of("+")).ConfigureAwait(false);
        Check.Bytes(Bytes.Of("v2+"), c.Io.ReadAll(oid), "data");
        string appended = c.NewObjectName();
        await c.Io.AppendAsync(appended, Bytes.Of("ab")).ConfigureAwait(false);
        await c.Io.AppendAsync(appended, ReadOnlyMemory<byte>.Empty).ConfigureAwait(false);
        Check.Bytes(Bytes.Of("ab"), c.Io.ReadAll(appended), "appended to a missing object");
        string empty = c.NewObjectName();
        await c.Io.WriteFullAsync(empty, ReadOnlyMemory<byte>.Empty).ConfigureAwait(false);
        Check.Equal(0L, c.Io.Stat(empty).Size, "write_full of nothing creates an empty object");
    }

    /// <summary>ReadAsync of a missing object is ENOENT, named rados_aio_read.</summary>
    [ConformanceCase]
    public static async Task ReadOfMissingObjectIsNotFound(RadosCaseContext c)
    {
        var ex = await Check.ThrowsAsync<StorageNotFoundException>(Errno.ENOENT, () => c.Io.ReadAsync(c.NewObjectName(), new byte[4], 0), "read of a missing object").ConfigureAwait(false);
        Check.Equal("rados_aio_read", ex.Operation, "operation");
    }

    /// <summary>
    /// ReadAsync into an empty buffer answers as Read does: ERANGE with data at the offset, 0 at or past the end,
    /// ENOENT on a missing object (the kit never hands librados a zero-length aio read, which overruns the buffer).
    /// </summary>
    [ConformanceCase]
    public static async Task ReadIntoEmptyBuffer(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("abc"));
        var ex = await Check.ThrowsAsync<StorageRangeException>(Errno.ERANGE, () => c.Io.ReadAsync(oid, Memory<byte>.Empty, 0), "empty buffer at 0").ConfigureAwait(false);
        Check.Equal("rados_aio_read", ex.Operation, "operation");
        Check.Equal(0, await c.Io.ReadAsync(oid, Memory<byte>.Empty, 3).ConfigureAwait(false), "empty buffer at the end");
        Check.Equal(0, await c.Io.ReadAsync(oid, Memory<byte>.Empty, 100).ConfigureAwait(false), "empty buffer past the end");
        await Check.ThrowsAsync<StorageNotFoundException>(Errno.ENOENT, () => c.Io.ReadAsync(c.NewObjectName(), Memory<byte>.Empty, 0), "empty buffer, missing object").ConfigureAwait(false);
    }

    /// <summary>StatAsync returns what Stat returns; ENOENT on a missing object.</summary>
    [ConformanceCase]
    public static async Task StatMatchesStat(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("12345"));
        RadosObjectStat stat = await c.Io.StatAsync(oid).ConfigureAwait(false);
        Check.Equal(c.Io.Stat(oid), stat, "stat");
        Check.Equal(5L, stat.Size, "size");
        var ex = await Check.ThrowsAsync<StorageNotFoundException>(Errno.ENOENT, () => c.Io.StatAsync(c.NewObjectName()), "stat of a missing object").ConfigureAwait(false);
        Check.Equal("rados_aio_stat", ex.Operation, "operation");
    }

    /// <summary>RemoveAsync removes; a second one is ENOENT, named rados_aio_remove.</summary>
    [ConformanceCase]
    public static async Task RemoveAndRemoveAgain(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("x"));
        await c.Io.RemoveAsync(oid).ConfigureAwait(false);
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "object after remove");
        var ex = await Check.ThrowsAsync<StorageNotFoundException>(Errno.ENOENT, () => c.Io.RemoveAsync(oid), "second remove").ConfigureAwait(false);
        Check.Equal("rados_aio_remove", ex.Operation, "operation");
    }

    /// <summary>The cluster's errors arrive through the task, named after the aio call: EFBIG, EINVAL, ENAMETOOLONG.</summary>
    [ConformanceCase]
    public static async Task ClusterErrorsArriveThroughTheTask(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var tooBig = await Check.ThrowsAsync<StorageException>(Errno.EFBIG, () => c.Io.WriteAsync(oid, Bytes.Of("x"), 1L << 40), "write at 2^40").ConfigureAwait(false);
        Check.Equal("rados_aio_write", tooBig.Operation, "operation");
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "object created");
        var empty = await Check.ThrowsAsync<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.WriteFullAsync("", Bytes.Of("x")), "object name \"\"").ConfigureAwait(false);
        Check.Equal("rados_aio_write_full", empty.Operation, "operation");
        await Check.ThrowsAsync<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => c.Io.RemoveAsync(new string('n', 2049)), "2049-char name").ConfigureAwait(false);
        await Check.ThrowsAsync<StorageNameTooLongException>(Errno.ENAMETOOLONG, () => c.Io.AppendAsync(new string('n', 2049), Bytes.Of("x")), "append to a 2049-char name").ConfigureAwait(false);
    }

    /// <summary>Argument errors are thrown by the call itself, before any task exists.</summary>
    [ConformanceCase]
    public static void ArgumentErrorsAreThrownAtOnce(RadosCaseContext c)
    {
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.WriteAsync(null!, Bytes.Of("x"), 0), "null name");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => c.Io.ReadAsync("o", new byte[1], -1), "negative offset");
        Check.ThrowsExactly<ArgumentException>(() => c.Io.StatAsync("a\0b"), "NUL in the name");
        Check.ThrowsExactly<ArgumentNullException>(() => c.Io.OperateAsync("o", (RadosWriteOperation)null!), "null operation");
        Check.ThrowsExactly<ArgumentException>(() => c.Io.WriteAsync("o", ReadOnlyMemory<byte>.Empty, 5), "write of nothing past offset 0");
    }

    /// <summary>A disposed io context or a shut-down client fails the returned task (ObjectDisposedException, ENOTCONN), not the call.</summary>
    [ConformanceCase]
    public static async Task LifetimeErrorsArriveThroughTheTask(RadosCaseContext c)
    {
        IRadosIoContext disposed = c.OpenIoContext();
        disposed.Dispose();
        Task write = disposed.WriteFullAsync(c.NewObjectName(), Bytes.Of("x"));
        await Check.ThrowsExactlyAsync<ObjectDisposedException>(() => write, "disposed io context").ConfigureAwait(false);

        IRadosClient client = c.NewClient();
        IRadosIoContext io = client.OpenIoContext(c.Target.SharedPool);
        io.SetNamespace(c.Namespace);
        client.Shutdown();
        Task<RadosObjectStat> stat = io.StatAsync(c.NewObjectName());
        var ex = await Check.ThrowsAsync<StorageNotConnectedException>(Errno.ENOTCONN, () => stat, "shut-down client").ConfigureAwait(false);
        Check.Equal("rados_aio_stat", ex.Operation, "operation");
        io.Dispose();
    }

    /// <summary>A token cancelled before the call submits nothing: the task is cancelled and the object untouched; an operation stays unused.</summary>
    [ConformanceCase]
    public static async Task CancelledTokenSubmitsNothing(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);
        Task write = c.Io.WriteFullAsync(oid, Bytes.Of("x"), cancelled.Token);
        Check.Equal(true, write.IsCanceled, "write task cancelled");
        Check.Equal(true, c.Io.ReadAsync(oid, new byte[1], 0, cancelled.Token).IsCanceled, "read task cancelled");
        var op = new RadosWriteOperation();
        op.WriteFull(Bytes.Of("y"));
        Check.Equal(true, c.Io.OperateAsync(oid, op, cancelled.Token).IsCanceled, "operate task cancelled");
        Check.Equal(false, op.IsComplete, "operation consumed");
        Check.Equal(false, ObjectSnapshot.Of(c.Io, oid).Exists, "object created");
        await c.Io.OperateAsync(oid, op).ConfigureAwait(false);
        Check.Bytes(Bytes.Of("y"), c.Io.ReadAll(oid), "data after running the operation");
    }

    /// <summary>
    /// Cancelling after submission ends the task (cancelled, or completed if it won the race) without disturbing
    /// anything; the write itself may or may not have been applied, and later calls work.
    /// </summary>
    [ConformanceCase]
    public static async Task CancellationAfterSubmissionEndsTheTask(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var data = Bytes.Pattern(1 << 20);
        for (int round = 0; round < 5; round++)
        {
            using var cancellation = new CancellationTokenSource();
            Task write = c.Io.WriteFullAsync(oid, data, cancellation.Token);
            var buffer = new byte[1 << 20];
            Task<int> read = c.Io.ReadAsync(oid, buffer, 0, cancellation.Token);
            await cancellation.CancelAsync().ConfigureAwait(false);
            foreach (Task task in new[] { write, read })
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Cancelled before librados answered: fine.
                }
                catch (StorageNotFoundException) when (ReferenceEquals(task, read))
                {
                    // The read reached the OSD before the (cancelled) write: fine.
                }
            }
        }

        await c.Io.WriteFullAsync(oid, Bytes.Of("after")).ConfigureAwait(false);
        Check.Bytes(Bytes.Of("after"), c.Io.ReadAll(oid), "data after the cancelled rounds");
    }

    /// <summary>Operations submitted to one object without awaiting are applied in submission order.</summary>
    [ConformanceCase]
    public static async Task SubmissionsApplyInOrder(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var tasks = new List<Task> { c.Io.WriteFullAsync(oid, Bytes.Of("start:")) };
        for (int i = 0; i < 30; i++)
        {
            tasks.Add(c.Io.AppendAsync(oid, Bytes.Of(i.ToString("D2", CultureInfo.InvariantCulture))));
        }

        tasks.Add(c.Io.WriteAsync(oid, Bytes.Of("START"), 0));
        await Task.WhenAll(tasks).ConfigureAwait(false);
        string expected = "START:" + string.Concat(Enumerable.Range(0, 30).Select(i => i.ToString("D2", CultureInfo.InvariantCulture)));
        Check.Bytes(Bytes.Of(expected), c.Io.ReadAll(oid), "data");
    }

    /// <summary>Many operations in flight on many objects all complete, with a garbage collection while they run (buffers stay pinned).</summary>
    [ConformanceCase]
    public static async Task ManyOperationsInFlight(RadosCaseContext c)
    {
        var names = Enumerable.Range(0, 40).Select(_ => c.NewObjectName("many")).ToList();
        await Task.WhenAll(names.Select((name, i) => c.Io.WriteFullAsync(name, Bytes.Pattern(4096, i)))).ConfigureAwait(false);
        var buffers = names.Select(_ => new byte[4096]).ToList();
        var reads = names.Select((name, i) => c.Io.ReadAsync(name, buffers[i], 0)).ToList();
        var stats = names.Select(name => c.Io.StatAsync(name)).ToList();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        int[] counts = await Task.WhenAll(reads).ConfigureAwait(false);
        RadosObjectStat[] sizes = await Task.WhenAll(stats).ConfigureAwait(false);
        for (int i = 0; i < names.Count; i++)
        {
            Check.Equal(4096, counts[i], $"bytes read from {names[i]}");
            Check.Bytes(Bytes.Pattern(4096, i), buffers[i], $"data of {names[i]}");
            Check.Equal(4096L, sizes[i].Size, $"size of {names[i]}");
        }

        await Task.WhenAll(names.Select(name => c.Io.RemoveAsync(name))).ConfigureAwait(false);
    }

    /// <summary>
    /// Operations in flight when their io context is disposed or their client shut down still complete: the
    /// completion keeps what it needs alive until librados answers (native: the io context and cluster handles).
    /// </summary>
    [ConformanceCase]
    public static async Task OperationsInFlightOutliveDisposeAndShutdown(RadosCaseContext c)
    {
        var data = Bytes.Pattern(1 << 20);
        IRadosIoContext disposed = c.OpenIoContext();
        var beforeDispose = Enumerable.Range(0, 10).Select(i => disposed.WriteFullAsync($"d{i}", data)).ToList();
        disposed.Dispose();
        await Task.WhenAll(beforeDispose).ConfigureAwait(false);

        IRadosClient client = c.NewClient();
        IRadosIoContext io = client.OpenIoContext(c.Target.SharedPool);
        io.SetNamespace(c.Namespace);
        var beforeShutdown = Enumerable.Range(0, 10).Select(i => io.WriteFullAsync($"s{i}", data)).ToList();
        client.Shutdown();
        await Task.WhenAll(beforeShutdown).ConfigureAwait(false);
        io.Dispose();
        for (int i = 0; i < 10; i++)
        {
            Check.Equal((long)data.Length, c.Io.Stat($"d{i}").Size, $"d{i} written");
            Check.Equal((long)data.Length, c.Io.Stat($"s{i}").Size, $"s{i} written");
        }
    }

    /// <summary>OperateAsync with a write operation: the steps apply; a failing one fails the task with its typed exception and leaves the object as it was.</summary>
    [ConformanceCase]
    public static async Task OperateWriteOperation(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var op = new RadosWriteOperation { ModifiedTime = DateTimeOffset.FromUnixTimeSeconds(1_500_000_000) };
        op.Create(exclusive: true);
        op.WriteFull(Bytes.Of("data"));
        op.SetXattr("x", Bytes.Of("1"));
        op.SetOmap([KeyValuePair.Create("k", new ReadOnlyMemory<byte>(Bytes.Of("v")))]);
        await c.Io.OperateAsync(oid, op).ConfigureAwait(false);
        Check.Equal<int?>(0, op.ReturnCode, "operation code");
        Check.Equal(DateTimeOffset.FromUnixTimeSeconds(1_500_000_000), c.Io.Stat(oid).ModifiedTime, "mtime");
        var before = ObjectSnapshot.Of(c.Io, oid);

        var failing = new RadosWriteOperation();
        failing.Append(Bytes.Of("more"));
        RadosOperationStep compare = failing.CompareXattr("x", RadosComparison.Equal, Bytes.Of("2"));
        var ex = await Check.ThrowsAsync<StorageComparisonException>(Errno.ECANCELED, () => c.Io.OperateAsync(oid, failing), "cmpxattr x == 2").ConfigureAwait(false);
        Check.Equal("rados_write_op_cmpxattr", ex.Operation, "failing step");
        Check.Equal<int?>(-125, compare.ReturnCode, "compare code");
        Check.Equal(before, ObjectSnapshot.Of(c.Io, oid), "object");

        var compareOnly = new RadosWriteOperation();
        compareOnly.CompareXattr("x", RadosComparison.Equal, Bytes.Of("1"));
        await c.Io.OperateAsync(oid, compareOnly).ConfigureAwait(false);
        Check.Equal<int?>(1, compareOnly.ReturnCode, "compare-only operation code");
    }

    /// <summary>OperateAsync with a read operation fills its buffers and results; steps before a failure keep theirs.</summary>
    [ConformanceCase]
    public static async Task OperateReadOperation(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("0123456789"));
        c.Io.SetOmap(oid, "k", Bytes.Of("v"));
        var op = new RadosReadOperation();
        var buffer = new byte[4];
        RadosReadStep read = op.Read(3, buffer);
        RadosStatStep stat = op.Stat();
        RadosOmapValuesStep omap = op.GetOmapValues();
        await c.Io.OperateAsync(oid, op).ConfigureAwait(false);
        Check.Bytes(Bytes.Of("3456"), buffer, "buffer");
        Check.Equal(4, read.BytesRead, "bytes read");
        Check.Equal(10L, stat.Stat.Size, "size");
        Check.Sequence(["k"], omap.Page.Entries.Select(e => e.Key), "omap");

        var failing = new RadosReadOperation();
        RadosReadStep before = failing.Read(0, 2);
        failing.CompareExtent(Bytes.Of("X"), 0);
        RadosReadStep after = failing.Read(2, 2);
        var ex = await Check.ThrowsAsync<StorageComparisonException>(Errno.MAX_ERRNO, () => c.Io.OperateAsync(oid, failing), "compare-extent mismatch").ConfigureAwait(false);
        Check.Equal("rados_read_op_cmpext", ex.Operation, "failing step");
        Check.Bytes(Bytes.Of("01"), before.Data.Span, "read before the failure");
        Check.Equal(0, after.BytesRead, "read after the failure");
    }

    /// <summary>Measured: the aio calls answer an empty operation with EINVAL (the synchronous ones with 0).</summary>
    [ConformanceCase]
    public static async Task EmptyOperationIsInvalid(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        c.Io.WriteFull(oid, Bytes.Of("x"));
        var write = new RadosWriteOperation();
        var ex = await Check.ThrowsAsync<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.OperateAsync(oid, write), "empty write operation").ConfigureAwait(false);
        Check.Equal("rados_aio_write_op_operate", ex.Operation, "operation");
        Check.Equal<int?>(-22, write.ReturnCode, "operation code");
        var read = new RadosReadOperation();
        var readEx = await Check.ThrowsAsync<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Io.OperateAsync(c.NewObjectName(), read), "empty read operation on a missing object").ConfigureAwait(false);
        Check.Equal("rados_aio_read_op_operate", readEx.Operation, "operation");
    }

    /// <summary>An operation runs once, asynchronously too.</summary>
    [ConformanceCase]
    public static async Task OperationRunsOnceAsynchronously(RadosCaseContext c)
    {
        string oid = c.NewObjectName();
        var op = new RadosWriteOperation();
        op.Append(Bytes.Of("a"));
        await c.Io.OperateAsync(oid, op).ConfigureAwait(false);
        Check.ThrowsExactly<InvalidOperationException>(() => c.Io.OperateAsync(oid, op), "second run");
        Check.Bytes(Bytes.Of("a"), c.Io.ReadAll(oid), "data");
    }
}
