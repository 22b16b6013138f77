using System.Text;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// An <see cref="IRadosIoContext"/> on an emulated pool. Every member runs its checks in the order the native
/// client does — arguments, then disposal, then a shut-down connection, then the OSD's own checks — so
/// the same error wins when several apply.
/// </summary>
internal sealed partial class EmulatedRadosIoContext : IRadosIoContext
{
    private readonly EmulatedRadosClient _client;
    private readonly EmulatedPool _pool;
    private string _namespace = RadosNamespace.Default;
    private string _locator = "";
    private ulong _lastVersion;
    private bool _disposed;

    public EmulatedRadosIoContext(EmulatedRadosClient client, EmulatedPool pool)
    {
        _client = client;
        _pool = pool;
    }

    public long PoolId => _pool.Id;

    public string PoolName => _pool.Name;

    public string Namespace => _namespace;

    public string LocatorKey => _locator;

    public ulong LastVersion
    {
        get
        {
            Live("rados_get_last_version");
            return _lastVersion;
        }
    }

    public void SetNamespace(string name)
    {
        RadosArguments.Name(name, nameof(name));
        Live("rados_ioctx_set_namespace");
        _namespace = name;
    }

    public void SetLocatorKey(string key)
    {
        RadosArguments.Name(key, nameof(key));
        Live("rados_ioctx_locator_set_key");
        _locator = key;
    }

    public void Write(string objectName, ReadOnlySpan<byte> data, long offset)
    {
        const string op = "rados_write";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Offset(offset);
        RadosOperationArguments.NotAnEmptyWritePastStart(data.Length, offset, nameof(data));
        ObjectKey key = Key(op, objectName);
        CheckExtent(op, objectName, offset, data.Length);
        _pool.Mutate(op, key, WhenMissing.Create, new DataAt(offset, data), static (obj, write) => obj.Write(write.Offset, write.Data), out _lastVersion, data.Length);
    }

    public void WriteFull(string objectName, ReadOnlySpan<byte> data)
    {
        const string op = "rados_write_full";
        RadosArguments.ObjectName(objectName);
        ObjectKey key = Key(op, objectName);
        CheckExtent(op, objectName, 0, data.Length);
        _pool.Mutate(op, key, WhenMissing.Create, data, static (obj, bytes) => obj.Replace(bytes), out _lastVersion, data.Length);
    }

    public void Append(string objectName, ReadOnlySpan<byte> data)
    {
        const string op = "rados_append";
        RadosArguments.ObjectName(objectName);
        ObjectKey key = Key(op, objectName);
        _pool.Mutate(op, key, WhenMissing.Create, data, (obj, bytes) =>
        {
            CheckExtent(op, objectName, obj.Size, bytes.Length);
            obj.Write(obj.Size, bytes);
        }, out _lastVersion, data.Length);
    }

    public int Read(string objectName, Span<byte> buffer, long offset)
    {
        const string op = "rados_read";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Offset(offset);
        return _pool.ReadData(op, Key(op, objectName), offset, buffer, out _lastVersion);
    }

    public void Truncate(string objectName, long size)
    {
        const string op = "rados_trunc";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Offset(size, nameof(size));
        ObjectKey key = Key(op, objectName);
        // Truncating a missing object is a successful no-op for the OSD, even past the size limit.
        _pool.Mutate(op, key, WhenMissing.Ignore, obj =>
        {
            CheckExtent(op, objectName, size, 0);
            obj.Truncate(size);
        }, out _lastVersion);
    }

    public void Remove(string objectName)
    {
        const string op = "rados_remove";
        RadosArguments.ObjectName(objectName);
        _pool.Remove(op, Key(op, objectName), out _lastVersion);
    }

    public void Create(string objectName, bool exclusive)
    {
        const string op = "rados_write_op_create";
        RadosArguments.ObjectName(objectName);
        ObjectKey key = Key(op, objectName);
        _pool.Mutate(op, key, exclusive ? WhenMissing.CreateExclusive : WhenMissing.Create, _ => { }, out _lastVersion);
    }

    public RadosObjectStat Stat(string objectName)
    {
        const string op = "rados_stat";
        RadosArguments.ObjectName(objectName);
        return _pool.Read(op, Key(op, objectName), obj => new RadosObjectStat(obj.Size, obj.ModifiedTime), out _lastVersion);
    }

    public byte[] GetXattr(string objectName, string name)
    {
        const string op = "rados_getxattr";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        ObjectKey key = Key(op, objectName);
        return _pool.Read(op, key, obj => obj.Xattrs.TryGetValue(name, out byte[]? value)
            ? (byte[])value.Clone()
            : throw StorageErrors.Create(Errno.ENODATA, op, name), out _lastVersion);
    }

    public void SetXattr(string objectName, string name, ReadOnlySpan<byte> value)
    {
        const string op = "rados_setxattr";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        ObjectKey key = Key(op, objectName);
        if (Encoding.UTF8.GetByteCount(name) > RadosLimits.MaxXattrNameLength)
        {
            throw StorageErrors.Create(Errno.ENAMETOOLONG, op, name);
        }

        byte[] copy = value.ToArray();
        _pool.Mutate(op, key, WhenMissing.Create, obj =>
        {
            // The OSD accepts the empty name but keeps nothing under it.
            if (name.Length > 0)
            {
                obj.Xattrs[name] = copy;
            }
        }, out _lastVersion);
    }

    public void RemoveXattr(string objectName, string name)
    {
        const string op = "rados_rmxattr";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(name, nameof(name));
        ObjectKey key = Key(op, objectName);
        // The OSD answers 0 for an absent attribute of an existing object.
        _pool.Mutate(op, key, WhenMissing.Fail, obj => obj.Xattrs.Remove(name), out _lastVersion);
    }

    public IReadOnlyDictionary<string, byte[]> GetXattrs(string objectName)
    {
        const string op = "rados_getxattrs";
        RadosArguments.ObjectName(objectName);
        return _pool.Read(op, Key(op, objectName), obj => obj.Xattrs.ToDictionary(e => e.Key, e => (byte[])e.Value.Clone(), StringComparer.Ordinal), out _lastVersion);
    }

    public void SetOmap(string objectName, IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> entries)
    {
        const string op = "rados_write_op_omap_set2";
        RadosArguments.ObjectName(objectName);
        var list = RadosArguments.OmapEntries(entries);
        ObjectKey key = Key(op, objectName);
        // Stored values are private copies that are never mutated, so reads can hand them out as read-only memory.
        var copies = list.ConvertAll(e => KeyValuePair.Create(e.Key, e.Value.ToArray()));
        _pool.Mutate(op, key, WhenMissing.Create, obj =>
        {
            foreach (var (k, v) in copies)
            {
                obj.Omap[k] = v;
            }
        }, out _lastVersion);
    }

    public RadosOmapPage GetOmapValues(string objectName, string startAfter = "", string filterPrefix = "", int maxReturn = RadosLimits.DefaultOmapPageSize)
    {
        const string op = "rados_read_op_omap_get_vals2";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(startAfter, nameof(startAfter));
        RadosArguments.Name(filterPrefix, nameof(filterPrefix));
        RadosArguments.MaxReturn(maxReturn);
        ObjectKey key = Key(op, objectName);
        return _pool.Read(op, key, obj => OmapPaging.Values(obj.Omap, startAfter, filterPrefix, maxReturn), out _lastVersion);
    }

    public RadosOmapKeysPage GetOmapKeys(string objectName, string startAfter = "", int maxReturn = RadosLimits.DefaultOmapPageSize)
    {
        const string op = "rados_read_op_omap_get_keys2";
        RadosArguments.ObjectName(objectName);
        RadosArguments.Name(startAfter, nameof(startAfter));
        RadosArguments.MaxReturn(maxReturn);
        ObjectKey key = Key(op, objectName);
        return _pool.Read(op, key, obj => OmapPaging.Keys(obj.Omap, startAfter, maxReturn), out _lastVersion);
    }

    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> GetOmapValuesByKeys(string objectName, IEnumerable<string> keys)
    {
        const string op = "rados_read_op_omap_get_vals_by_keys2";
        RadosArguments.ObjectName(objectName);
        var wanted = RadosArguments.Keys(keys);
        ObjectKey key = Key(op, objectName);
        return _pool.Read(op, key, obj =>
        {
            var found = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
            foreach (string k in wanted)
            {
                if (obj.Omap.TryGetValue(k, out byte[]? v))
                {
                    found[k] = v;
                }
            }

            return found;
        }, out _lastVersion);
    }

    public void RemoveOmapKeys(string objectName, IEnumerable<string> keys)
    {
        const string op = "rados_write_op_omap_rm_keys2";
        RadosArguments.ObjectName(objectName);
        var list = RadosArguments.Keys(keys);
        ObjectKey key = Key(op, objectName);
        _pool.Mutate(op, key, WhenMissing.Fail, obj =>
        {
            foreach (string k in list)
            {
                obj.Omap.Remove(k);
            }
        }, out _lastVersion);
    }

    public void ClearOmap(string objectName)
    {
        const string op = "rados_write_op_omap_clear";
        RadosArguments.ObjectName(objectName);
        _pool.Mutate(op, Key(op, objectName), WhenMissing.Fail, obj => obj.Omap.Clear(), out _lastVersion);
    }

    public IRadosObjectIterator OpenObjectIterator()
    {
        const string op = "rados_nobjects_list_open";
        Live(op);
        return new EmulatedObjectIterator(this, _pool.ListObjects(op, _namespace));
    }

    public RadosPoolStats GetPoolStats()
    {
        Live("rados_ioctx_pool_stat");
        return _pool.Stats();
    }

    public void Dispose() => _disposed = true;

    /// <summary>
    /// A new io context on the same client, pool, namespace and locator key with default snapshot state, like
    /// librados' <c>IoCtx::dup</c> as librbd uses it for an image's <c>data_ctx</c>: a layer may set its own read
    /// snapshot and write context on it without changing this one. Disposing either leaves the other open.
    /// </summary>
    internal EmulatedRadosIoContext Duplicate()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new EmulatedRadosIoContext(_client, _pool) { _namespace = _namespace, _locator = _locator };
    }

    /// <summary>list-snaps of one object (librados <c>list_snaps</c>), for librbd's diff; null when the object has neither head nor clone.</summary>
    internal ObjectSnapListing? ListSnaps(string objectName)
    {
        const string op = "rados_list_snaps";
        return _pool.ListSnaps(op, Key(op, objectName));
    }

    internal void Live(string operation, string? objectName = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_client.IsShutDown)
        {
            throw StorageErrors.ConnectionShutDown(operation, _pool.Name);
        }

        CheckWritable(operation, objectName);
        _client.Cluster.Faults.Intercept(_client, _pool.Name, objectName, operation);
    }

    /// <summary>Checks the io context is usable and the object identity passes the OSD's checks; returns that identity.</summary>
    private ObjectKey Key(string operation, string objectName)
    {
        Live(operation, objectName);
        RadosNameRules.CheckObject(operation, objectName, _namespace, _locator);
        return new ObjectKey(_namespace, _locator, objectName) { Snapshots = _snapshots };
    }

    private static void CheckExtent(string operation, string objectName, long offset, long length)
    {
        if (offset + length > RadosLimits.MaxObjectSize)
        {
            throw StorageErrors.Create(Errno.EFBIG, operation, objectName);
        }
    }

    /// <summary>The bytes of a data write and where they go, handed to the pool without a copy.</summary>
    private readonly ref struct DataAt(long offset, ReadOnlySpan<byte> data)
    {
        public long Offset { get; } = offset;

        public ReadOnlySpan<byte> Data { get; } = data;
    }
}
