using StorageKit.Conformance.Framework;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Conformance.Rbd;

/// <summary>
/// Async image I/O, cache invalidation, sparsify and object-map rebuild, measured on a real Ceph 16 cluster
/// (docs/native-probe-results.md, "RBD locks, watchers, async I/O").
/// </summary>
[ConformanceArea("rbd.aio")]
public static class AsyncCases
{
    /// <summary>an async write lands; an async read returns the length and the data; a read crossing the end is cut there.</summary>
    [ConformanceCase]
    public static void WriteThenRead(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(16384));
        byte[] data = [1, 2, 3, 4, 5];
        CheckTasks.Completes(image.WriteAsync(data, 4094), "write");
        var buffer = new byte[5];
        Check.Equal(5, CheckTasks.Result(image.ReadAsync(buffer, 4094), "read"), "read");
        Check.Bytes(data, buffer, "data");
        var tail = new byte[8];
        Check.Equal(4, CheckTasks.Result(image.ReadAsync(tail, 16380), "read at the end"), "cut at the end");
        CheckTasks.Completes(image.FlushAsync(), "flush");
    }

    /// <summary>I/O starting past the end fails with EINVAL through the task; empty I/O there is fine.</summary>
    [ConformanceCase]
    public static void PastTheEnd(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(16384));
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => CheckTasks.Result(image.ReadAsync(new byte[1], 16384), "read"), "read");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => CheckTasks.Completes(image.WriteAsync(new byte[1], 20000), "write"), "write");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => CheckTasks.Completes(image.DiscardAsync(16384, 10), "discard"), "discard");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => CheckTasks.Completes(image.WriteZeroesAsync(16384, 10), "zeroes"), "zeroes");
        Check.Equal(0, CheckTasks.Result(image.ReadAsync(Memory<byte>.Empty, 20000), "empty read"), "empty read");
        CheckTasks.Completes(image.WriteAsync(ReadOnlyMemory<byte>.Empty, 20000), "empty write");
    }

    /// <summary>async discard and zeroing (crossing the end too) complete; zeroed ranges read as zeros, a discarded whole object too.</summary>
    [ConformanceCase]
    public static void DiscardAndZeroes(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(16384));
        var ones = Enumerable.Repeat((byte)1, 16384).ToArray();
        image.Write(ones, 0);
        CheckTasks.Completes(image.WriteZeroesAsync(10, 100), "zeroes");
        CheckTasks.Completes(image.DiscardAsync(12288, 8192), "discard crossing the end");
        var buffer = new byte[16384];
        image.Read(buffer, 0);
        Check.Equal(0, buffer.Skip(10).Take(100).Count(b => b != 0), "zeroed range");
        Check.Equal((byte)1, buffer[9], "before");
        Check.Equal((byte)1, buffer[110], "after");
        Check.Equal(0, buffer.Skip(12288).Count(b => b != 0), "discarded object");
    }

    /// <summary>writes through a read-only handle fail with EROFS through the task; reads work.</summary>
    [ConformanceCase]
    public static void ReadOnlyHandle(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var image = s.Rbd.Open(name, null, readOnly: true);
        Check.Throws<StorageException>(Errno.EROFS, () => CheckTasks.Completes(image.WriteAsync(new byte[1], 0), "write"), "write");
        Check.Throws<StorageException>(Errno.EROFS, () => CheckTasks.Completes(image.DiscardAsync(0, 4096), "discard"), "discard");
        Check.Throws<StorageException>(Errno.EROFS, () => CheckTasks.Completes(image.WriteZeroesAsync(0, 1), "zeroes"), "zeroes");
        Check.Equal(1, CheckTasks.Result(image.ReadAsync(new byte[1], 0), "read"), "read");
        CheckTasks.Completes(image.FlushAsync(), "flush");
    }

    /// <summary>a token cancelled before the call cancels the task and writes nothing.</summary>
    [ConformanceCase]
    public static void CancelledBeforeTheCall(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(16384));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var write = image.WriteAsync(new byte[] { 9 }, 0, cancelled.Token);
        Check.Equal(true, write.IsCanceled, "write cancelled");
        Check.Equal(true, image.FlushAsync(cancelled.Token).IsCanceled, "flush cancelled");
        Check.Equal(true, image.DiscardAsync(0, 1, cancelled.Token).IsCanceled, "discard cancelled");
        var buffer = new byte[1];
        image.Read(buffer, 0);
        Check.Equal((byte)0, buffer[0], "nothing written");
    }

    /// <summary>negative offsets and lengths throw at once; a closed handle faults the task with ObjectDisposedException.</summary>
    [ConformanceCase]
    public static void ArgumentsAndDisposed(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        var image = s.Rbd.Open(s.NewImage(16384));
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => image.ReadAsync(new byte[1], -1), "negative offset");
        Check.ThrowsExactly<ArgumentOutOfRangeException>(() => image.DiscardAsync(0, -1), "negative length");
        image.Dispose();
        var read = image.ReadAsync(new byte[1], 0);
        Check.ThrowsExactly<ObjectDisposedException>(() => CheckTasks.Result(read, "read"), "disposed");
        Check.ThrowsExactly<ObjectDisposedException>(() => image.InvalidateCache(), "invalidate");
    }

    /// <summary>many writes in flight at once all land.</summary>
    [ConformanceCase]
    public static void ConcurrentWrites(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(16384));
        var writes = Enumerable.Range(0, 16).Select(i => image.WriteAsync(new[] { (byte)(i + 1) }, i * 1024L)).ToArray();
        CheckTasks.Completes(Task.WhenAll(writes), "writes");
        var buffer = new byte[16384];
        image.Read(buffer, 0);
        Check.Sequence(Enumerable.Range(1, 16).Select(i => (byte)i), Enumerable.Range(0, 16).Select(i => buffer[i * 1024]), "data");
    }

    /// <summary>rbd_invalidate_cache succeeds, also on a read-only handle, and data stays.</summary>
    [ConformanceCase]
    public static void InvalidateCache(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var image = s.Rbd.Open(name);
        image.Write(new byte[] { 3 }, 0);
        image.InvalidateCache();
        using var readOnly = s.Rbd.Open(name, null, readOnly: true);
        readOnly.InvalidateCache();
        var buffer = new byte[1];
        image.Read(buffer, 0);
        Check.Equal((byte)3, buffer[0], "data");
    }

    /// <summary>rbd_sparsify removes objects that are all zeros and keeps the others; sizes under 4096 or not powers of two are EINVAL; read-only EROFS.</summary>
    [ConformanceCase]
    public static void Sparsify(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(16384);
        using var image = s.Rbd.Open(name);
        image.Write(new byte[4096], 0);
        image.Write(new byte[] { 5 }, 4096);
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Sparsify(1024), "small");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => image.Sparsify(5000), "not a power of two");
        image.Sparsify(4096);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => s.Io.Stat(DataObject(image, 0)), "zero object removed");
        Check.Equal(1L, s.Io.Stat(DataObject(image, 1)).Size, "data object kept");
        using var readOnly = s.Rbd.Open(name, null, readOnly: true);
        Check.Throws<StorageException>(Errno.EROFS, () => readOnly.Sparsify(4096), "read-only");
    }

    /// <summary>rbd_sparsify cuts zeros at an object's end from a sparse-size boundary on.</summary>
    [ConformanceCase]
    public static void SparsifyCutsTrailingZeros(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = s.NewImage(32768, order: 14);
        using var image = s.Rbd.Open(name);
        var data = new byte[16384];
        data[0] = 5;
        image.Write(data, 0);
        data[0] = 0;
        data[5000] = 6;
        image.Write(data, 16384);
        image.Sparsify(4096);
        Check.Equal(4096L, s.Io.Stat(DataObject(image, 0)).Size, "cut after the first block");
        Check.Equal(8192L, s.Io.Stat(DataObject(image, 1)).Size, "cut after the second block");
        var buffer = new byte[32768];
        image.Read(buffer, 0);
        Check.Equal(2, buffer.Count(b => b != 0), "data kept");
    }

    /// <summary>rbd_rebuild_object_map without object-map is EINVAL; with it, progress is reported and the map is valid.</summary>
    [ConformanceCase]
    public static void RebuildObjectMap(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var plain = s.Rbd.Open(s.NewImage(16384));
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => plain.RebuildObjectMap(), "no object map");
        string name = s.NewName();
        s.Rbd.Create(name, 16384, new RbdImageOptions { Features = RbdFeatures.Layering | RbdFeatures.ExclusiveLock | RbdFeatures.ObjectMap, Order = 12 });
        using var image = s.Rbd.Open(name);
        image.Write(new byte[] { 1 }, 4096);
        var reports = new List<RbdProgress>();
        image.RebuildObjectMap(new SynchronousProgress(reports.Add));
        Check.True(reports.Count > 0, "progress reported");
        Check.Equal(RbdImageFlags.None, image.Flags, "map valid");
    }

    /// <summary>object-map enabled on a written image is flagged invalid until rbd_rebuild_object_map; then the flags are clear and reads still work.</summary>
    [ConformanceCase]
    public static void RebuildClearsInvalidFlags(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        string name = LockCases.NewLockedImage(s);
        using var image = s.Rbd.Open(name);
        image.Write(new byte[] { 1 }, 8192);
        image.UpdateFeatures(RbdFeatures.ObjectMap, true);
        Check.Equal(RbdImageFlags.ObjectMapInvalid | RbdImageFlags.FastDiffInvalid, image.Flags, "invalid after enabling");
        image.RebuildObjectMap();
        Check.Equal(RbdImageFlags.None, image.Flags, "valid after rebuild");
        Check.Throws<StorageException>(Errno.EROFS, () => s.Rbd.Open(name, null, readOnly: true).RebuildObjectMap(), "read-only");
    }

    /// <summary>at a snapshot, async reads return the snapshot's data and async writes fail with EROFS.</summary>
    [ConformanceCase]
    public static void AtSnapshot(RadosCaseContext c)
    {
        using var s = new RbdImageScope(c);
        using var image = s.Rbd.Open(s.NewImage(16384));
        image.Write(new byte[] { 1 }, 0);
        image.CreateSnapshot("s1");
        image.Write(new byte[] { 2 }, 0);
        image.SetSnapshot("s1");
        var buffer = new byte[1];
        Check.Equal(1, CheckTasks.Result(image.ReadAsync(buffer, 0), "read"), "read");
        Check.Equal((byte)1, buffer[0], "snapshot data");
        Check.Throws<StorageException>(Errno.EROFS, () => CheckTasks.Completes(image.WriteAsync(new byte[1], 0), "write"), "write");
        image.SetSnapshot((string?)null);
        image.RemoveSnapshot("s1");
    }

    private static string DataObject(IRbdImage image, long number) => $"rbd_data.{image.Id}.{number:x16}";

    private sealed class SynchronousProgress(Action<RbdProgress> report) : IProgress<RbdProgress>
    {
        public void Report(RbdProgress value) => report(value);
    }
}
