using System.Text;
using StorageKit.Rados;

namespace StorageKit.Native.Rados;

/// <summary>
/// <see cref="IRadosIoContext"/> over a librados <c>rados_ioctx_t</c>. Each member checks its arguments
/// (null, negative), then that this io context is not disposed and its client not shut down, then calls
/// the one librados function named in the interface and passes its answer through.
/// </summary>
internal sealed partial class NativeRadosIoContext : IRadosIoContext
{
    private readonly NativeRadosClient _client;
    private readonly RadosIoContextHandle _handle;
    private volatile bool _disposed;
    private string _namespace = RadosNamespace.Default;
    private string _locatorKey = "";

    internal NativeRadosIoContext(NativeRadosClient client, RadosIoContextHandle handle)
    {
        _client = client;
        _handle = handle;
        // Both are fixed for the life of the io context; reading them once keeps the properties free of I/O.
        PoolId = Interop.Rados.rados_ioctx_get_id(handle);
        var (buffer, _) = RadosCall.WithGrowingBuffer(buffer => PoolNameOf(handle, buffer), "rados_ioctx_get_pool_name", null, initialSize: 256);
        PoolName = NativeText.FromNulTerminated(buffer);
    }

    /// <inheritdoc />
    public long PoolId { get; }

    /// <inheritdoc />
    public string PoolName { get; }

    /// <inheritdoc />
    public string Namespace => _namespace;

    /// <inheritdoc />
    public string LocatorKey => _locatorKey;

    /// <inheritdoc />
    public ulong LastVersion
    {
        get
        {
            using var lease = Use("rados_get_last_version", null);
            return Interop.Rados.rados_get_last_version(lease.Handle);
        }
    }

    /// <inheritdoc />
    public void SetNamespace(string name)
    {
        RadosArguments.Name(name, nameof(name));
        using (var lease = Use("rados_ioctx_set_namespace", name))
        {
            Interop.Rados.rados_ioctx_set_namespace(lease.Handle, name);
        }

        _namespace = name;
    }

    /// <inheritdoc />
    public void SetLocatorKey(string key)
    {
        RadosArguments.Name(key, nameof(key));
        using (var lease = Use("rados_ioctx_locator_set_key", key))
        {
            Interop.Rados.rados_ioctx_locator_set_key(lease.Handle, key);
        }

        _locatorKey = key;
    }

    /// <inheritdoc />
    public unsafe void Write(string objectName, ReadOnlySpan<byte> data, long offset)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Offset(offset);
        RadosOperationArguments.NotAnEmptyWritePastStart(data.Length, offset, nameof(data));
        const string operation = "rados_write";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;
        fixed (byte* bytes = data)
        {
            RadosCall.Check(Interop.Rados.rados_write(ioContext, objectName, bytes, (nuint)data.Length, (ulong)offset), operation, objectName);
        }
    }

    /// <inheritdoc />
    public unsafe void WriteFull(string objectName, ReadOnlySpan<byte> data)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_write_full";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;
        fixed (byte* bytes = data)
        {
            RadosCall.Check(Interop.Rados.rados_write_full(ioContext, objectName, bytes, (nuint)data.Length), operation, objectName);
        }
    }

    /// <inheritdoc />
    public unsafe void Append(string objectName, ReadOnlySpan<byte> data)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_append";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;
        fixed (byte* bytes = data)
        {
            RadosCall.Check(Interop.Rados.rados_append(ioContext, objectName, bytes, (nuint)data.Length), operation, objectName);
        }
    }

    /// <inheritdoc />
    public unsafe int Read(string objectName, Span<byte> buffer, long offset)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Offset(offset);
        const string operation = "rados_read";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;
        fixed (byte* bytes = buffer)
        {
            return RadosCall.Check(Interop.Rados.rados_read(ioContext, objectName, bytes, (nuint)buffer.Length, (ulong)offset), operation, objectName);
        }
    }

    /// <inheritdoc />
    public void Truncate(string objectName, long size)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Offset(size, nameof(size));
        const string operation = "rados_trunc";
        using var lease = Use(operation, objectName);
        RadosCall.Check(Interop.Rados.rados_trunc(lease.Handle, objectName, (ulong)size), operation, objectName);
    }

    /// <inheritdoc />
    public void Remove(string objectName)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_remove";
        using var lease = Use(operation, objectName);
        RadosCall.Check(Interop.Rados.rados_remove(lease.Handle, objectName), operation, objectName);
    }

    /// <inheritdoc />
    public void Create(string objectName, bool exclusive)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_write_op_create";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;
        using var writeOp = RadosWriteOperation.Create();
        Interop.Rados.rados_write_op_create(writeOp.Pointer, exclusive ? Interop.Rados.CreateExclusive : Interop.Rados.CreateIdempotent, category: null);
        OperateWrite(writeOp, ioContext, objectName, operation);
    }

    /// <inheritdoc />
    public RadosObjectStat Stat(string objectName)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_stat";
        using var lease = Use(operation, objectName);
        RadosCall.Check(Interop.Rados.rados_stat(lease.Handle, objectName, out ulong size, out long modifiedSeconds), operation, objectName);
        return new RadosObjectStat(checked((long)size), DateTimeOffset.FromUnixTimeSeconds(modifiedSeconds));
    }

    /// <inheritdoc />
    public byte[] GetXattr(string objectName, string name)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        const string operation = "rados_getxattr";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;
        var (buffer, length) = RadosCall.WithGrowingBuffer(
            buffer => GetXattrInto(ioContext, objectName, name, buffer), operation, objectName, initialSize: 4096);
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <inheritdoc />
    public unsafe void SetXattr(string objectName, string name, ReadOnlySpan<byte> value)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        const string operation = "rados_setxattr";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;
        fixed (byte* bytes = value)
        {
            RadosCall.Check(Interop.Rados.rados_setxattr(ioContext, objectName, name, bytes, (nuint)value.Length), operation, objectName);
        }
    }

    /// <inheritdoc />
    public void RemoveXattr(string objectName, string name)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        const string operation = "rados_rmxattr";
        using var lease = Use(operation, objectName);
        RadosCall.Check(Interop.Rados.rados_rmxattr(lease.Handle, objectName, name), operation, objectName);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, byte[]> GetXattrs(string objectName)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_getxattrs";
        using var lease = Use(operation, objectName);
        RadosCall.Check(Interop.Rados.rados_getxattrs(lease.Handle, objectName, out nint iterator), operation, objectName);
        using var attributes = new RadosXattrIterator(iterator);
        return attributes.ReadAll(objectName);
    }

    /// <inheritdoc />
    public unsafe void SetOmap(string objectName, IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> entries)
    {
        RadosArguments.ObjectName(objectName);
        var list = RadosArguments.OmapEntries(entries);
        const string operation = "rados_write_op_omap_set2";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;

        var keys = new CountedStrings(list.Select(entry => entry.Key));
        var values = new CountedStrings(list.Select(entry => entry.Value));
        fixed (byte* keyBytes = keys.Bytes, valueBytes = values.Bytes)
        fixed (nuint* keyLengths = keys.Lengths, valueLengths = values.Lengths)
        fixed (byte** keyList = keys.PointersInto(keyBytes), valueList = values.PointersInto(valueBytes))
        {
            using var writeOp = RadosWriteOperation.Create();
            Interop.Rados.rados_write_op_omap_set2(writeOp.Pointer, keyList, valueList, keyLengths, valueLengths, (nuint)list.Count);
            OperateWrite(writeOp, ioContext, objectName, operation);
        }
    }

    /// <inheritdoc />
    public unsafe RadosOmapPage GetOmapValues(
        string objectName, string startAfter = "", string filterPrefix = "", int maxReturn = RadosLimits.DefaultOmapPageSize)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(startAfter, nameof(startAfter));
        RadosArguments.Name(filterPrefix, nameof(filterPrefix));
        RadosArguments.MaxReturn(maxReturn);
        const string operation = "rados_read_op_omap_get_vals2";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;

        // librados writes iterator, more and result when the op runs, so they live in this frame until then.
        nint iterator = 0;
        byte more = 0;
        int result = 0;
        using var readOp = RadosReadOperation.Create();
        Interop.Rados.rados_read_op_omap_get_vals2(readOp.Pointer, startAfter, filterPrefix, (ulong)maxReturn, &iterator, &more, &result);
        using var entries = new RadosOmapIterator(iterator);
        OperateRead(readOp, ioContext, objectName, operation, result: &result);
        return new RadosOmapPage(entries.ReadEntries(operation, objectName), more != 0);
    }

    /// <inheritdoc />
    public unsafe RadosOmapKeysPage GetOmapKeys(string objectName, string startAfter = "", int maxReturn = RadosLimits.DefaultOmapPageSize)
    {
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(startAfter, nameof(startAfter));
        RadosArguments.MaxReturn(maxReturn);
        const string operation = "rados_read_op_omap_get_keys2";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;

        nint iterator = 0;
        byte more = 0;
        int result = 0;
        using var readOp = RadosReadOperation.Create();
        Interop.Rados.rados_read_op_omap_get_keys2(readOp.Pointer, startAfter, (ulong)maxReturn, &iterator, &more, &result);
        using var entries = new RadosOmapIterator(iterator);
        OperateRead(readOp, ioContext, objectName, operation, result: &result);
        return new RadosOmapKeysPage(entries.ReadEntries(operation, objectName).ConvertAll(entry => entry.Key), more != 0);
    }

    /// <inheritdoc />
    public unsafe IReadOnlyDictionary<string, ReadOnlyMemory<byte>> GetOmapValuesByKeys(string objectName, IEnumerable<string> keys)
    {
        RadosArguments.ObjectName(objectName);
        var list = RadosArguments.Keys(keys);
        const string operation = "rados_read_op_omap_get_vals_by_keys2";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;

        var counted = new CountedStrings(list);
        nint iterator = 0;
        int result = 0;
        fixed (byte* keyBytes = counted.Bytes)
        fixed (nuint* keyLengths = counted.Lengths)
        fixed (byte** keyList = counted.PointersInto(keyBytes))
        {
            using var readOp = RadosReadOperation.Create();
            Interop.Rados.rados_read_op_omap_get_vals_by_keys2(readOp.Pointer, keyList, (nuint)list.Count, keyLengths, &iterator, &result);
            using var entries = new RadosOmapIterator(iterator);
            OperateRead(readOp, ioContext, objectName, operation, result: &result);
            var found = new SortedDictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
            foreach (var (key, value) in entries.ReadEntries(operation, objectName))
            {
                found[key] = value;
            }

            return found;
        }
    }

    /// <inheritdoc />
    public unsafe void RemoveOmapKeys(string objectName, IEnumerable<string> keys)
    {
        RadosArguments.ObjectName(objectName);
        var list = RadosArguments.Keys(keys);
        const string operation = "rados_write_op_omap_rm_keys2";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;

        var counted = new CountedStrings(list);
        fixed (byte* keyBytes = counted.Bytes)
        fixed (nuint* keyLengths = counted.Lengths)
        fixed (byte** keyList = counted.PointersInto(keyBytes))
        {
            using var writeOp = RadosWriteOperation.Create();
            Interop.Rados.rados_write_op_omap_rm_keys2(writeOp.Pointer, keyList, keyLengths, (nuint)list.Count);
            OperateWrite(writeOp, ioContext, objectName, operation);
        }
    }

    /// <inheritdoc />
    public void ClearOmap(string objectName)
    {
        RadosArguments.ObjectName(objectName);
        const string operation = "rados_write_op_omap_clear";
        using var lease = Use(operation, objectName);
        var ioContext = lease.Handle;
        using var writeOp = RadosWriteOperation.Create();
        Interop.Rados.rados_write_op_omap_clear(writeOp.Pointer);
        OperateWrite(writeOp, ioContext, objectName, operation);
    }

    /// <inheritdoc />
    public IRadosObjectIterator OpenObjectIterator()
    {
        const string operation = "rados_nobjects_list_open";
        using var lease = Use(operation, null);
        var listContext = RadosListContextHandle.Open(lease.Handle, ioContext =>
        {
            RadosCall.Check(Interop.Rados.rados_nobjects_list_open(ioContext, out nint opened), operation);
            return opened;
        });
        _client.Track(listContext);
        return new NativeRadosObjectIterator(this, listContext);
    }

    /// <inheritdoc />
    public RadosPoolStats GetPoolStats()
    {
        const string operation = "rados_ioctx_pool_stat";
        using var lease = Use(operation, PoolName);
        RadosCall.Check(Interop.Rados.rados_ioctx_pool_stat(lease.Handle, out var stats), operation, PoolName);
        return new RadosPoolStats
        {
            Bytes = stats.NumBytes,
            Kilobytes = stats.NumKilobytes,
            Objects = stats.NumObjects,
            ObjectClones = stats.NumObjectClones,
            ObjectCopies = stats.NumObjectCopies,
            ObjectsMissingOnPrimary = stats.NumObjectsMissingOnPrimary,
            ObjectsUnfound = stats.NumObjectsUnfound,
            ObjectsDegraded = stats.NumObjectsDegraded,
            Reads = stats.NumReads,
            ReadKilobytes = stats.NumReadKilobytes,
            Writes = stats.NumWrites,
            WriteKilobytes = stats.NumWriteKilobytes,
        };
    }

    /// <summary>Closes the io context (<c>rados_ioctx_destroy</c>, once no listing uses it any more). Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _client.Untrack(_handle);
        _handle.Dispose();
    }

    /// <summary>
    /// Leases the native handle for one call of <paramref name="operation"/>:
    /// <see cref="ObjectDisposedException"/> when this io context was disposed, ENOTCONN when its client was
    /// shut down (the native io context is gone then).
    /// </summary>
    internal HandleLease<RadosIoContextHandle> Use(string operation, string? target)
    {
        ThrowIfUnusable(operation, target);
        if (HandleLease<RadosIoContextHandle>.TryAcquire(_handle, out var lease))
        {
            return lease;
        }

        // Closed between the check and the lease, by Dispose or Shutdown on another thread.
        ThrowIfUnusable(operation, target);
        throw new ObjectDisposedException(GetType().FullName);
    }

    /// <summary>Throws what <see cref="Use"/> throws, without leasing anything.</summary>
    internal void ThrowIfUnusable(string operation, string? target)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_client.IsShutDown)
        {
            throw StorageErrors.ConnectionShutDown(operation, target);
        }
    }

    internal void Forget(RadosListContextHandle listContext) => _client.Untrack(listContext);

    // A compound op fails with the name of its step (rados_write_op_create, rados_write_op_omap_set2, ...),
    // whether the operate call or the step's own result carries the errno.
    private static unsafe void OperateWrite(RadosWriteOperation writeOp, RadosIoContextHandle ioContext, string objectName, string operation)
        => RadosCall.Check(Interop.Rados.rados_write_op_operate2(writeOp.Pointer, ioContext, objectName, modifiedTime: null, flags: 0), operation, objectName);

    private static unsafe void OperateRead(RadosReadOperation readOp, RadosIoContextHandle ioContext, string objectName, string operation, int* result)
    {
        RadosCall.Check(Interop.Rados.rados_read_op_operate(readOp.Pointer, ioContext, objectName, flags: 0), operation, objectName);
        RadosCall.Check(*result, operation, objectName);
    }

    private static unsafe int PoolNameOf(RadosIoContextHandle ioContext, Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            return Interop.Rados.rados_ioctx_get_pool_name(ioContext, bytes, (uint)buffer.Length);
        }
    }

    private static unsafe int GetXattrInto(RadosIoContextHandle ioContext, string objectName, string name, Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            return Interop.Rados.rados_getxattr(ioContext, objectName, name, bytes, (nuint)buffer.Length);
        }
    }

    /// <summary>
    /// Strings or byte arrays laid out for the counted-array C calls (<c>*_omap_*2</c>): one contiguous
    /// buffer plus a length per item, so keys may contain NUL.
    /// </summary>
    private sealed class CountedStrings
    {
        private readonly int[] _offsets;

        public CountedStrings(IEnumerable<string> items)
            : this(items.Select(item => new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(item))))
        {
        }

        public CountedStrings(IEnumerable<ReadOnlyMemory<byte>> items)
        {
            var list = items.ToList();
            _offsets = new int[list.Count];
            Lengths = new nuint[list.Count];
            int total = 0;
            for (int i = 0; i < list.Count; i++)
            {
                _offsets[i] = total;
                Lengths[i] = (nuint)list[i].Length;
                total += list[i].Length;
            }

            // Never empty, so the fixed pointer is never null even when every item is.
            Bytes = new byte[Math.Max(total, 1)];
            for (int i = 0; i < list.Count; i++)
            {
                list[i].Span.CopyTo(Bytes.AsSpan(_offsets[i]));
            }
        }

        public byte[] Bytes { get; }

        public nuint[] Lengths { get; }

        /// <summary>Item pointers into <paramref name="pinnedBytes"/>, which must be <see cref="Bytes"/> pinned.</summary>
        public unsafe byte*[] PointersInto(byte* pinnedBytes)
        {
            var pointers = new byte*[_offsets.Length];
            for (int i = 0; i < pointers.Length; i++)
            {
                pointers[i] = pinnedBytes + _offsets[i];
            }

            return pointers;
        }
    }
}
