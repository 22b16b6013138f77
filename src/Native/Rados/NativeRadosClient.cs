using System.Runtime.InteropServices;
using StorageKit.Rados;

namespace StorageKit.Native.Rados;

/// <summary>
/// <see cref="IRadosClient"/> over librados (<c>librados.so.2</c>). Every call goes to the library as it
/// is and its return code comes back as the kit's typed <see cref="StorageException"/>; only values C
/// cannot express (null strings, negative numbers) are rejected up front.
/// </summary>
public sealed partial class NativeRadosClient : IRadosClient
{
    private readonly RadosClusterHandle _cluster;

    // Native io contexts and listings opened from this client, closed by Shutdown so rados_shutdown
    // runs then rather than when the last of them happens to be disposed.
    private readonly HashSet<SafeHandle> _children = [];
    private readonly Lock _childrenLock = new();

    private volatile bool _connected;
    private volatile bool _shutDown;

    /// <summary>
    /// Creates a configured, unconnected client: <c>rados_create2</c>, then <c>rados_conf_read_file</c> when
    /// <see cref="RadosClientOptions.ConfigFile"/> is set, then <c>mon_host</c>, then each of
    /// <see cref="RadosClientOptions.ConfigOptions"/> with <c>rados_conf_set</c>.
    /// </summary>
    /// <exception cref="NativeLibraryNotFoundException">librados is not installed.</exception>
    public NativeRadosClient(RadosClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RadosArguments.Name(options.ClusterName, nameof(options.ClusterName));
        RadosArguments.Name(options.UserName, nameof(options.UserName));
        Interop.EnsureLoaded(Interop.Libraries.Rados);

        RadosCall.Check(Interop.Rados.rados_create2(out nint cluster, options.ClusterName, options.UserName, 0), "rados_create2", options.UserName);
        _cluster = new RadosClusterHandle(cluster);
        try
        {
            if (options.ConfigFile is not null)
            {
                RadosCall.Check(Interop.Rados.rados_conf_read_file(_cluster, options.ConfigFile), "rados_conf_read_file", options.ConfigFile);
            }

            if (options.MonHost is not null)
            {
                SetConfigOption("mon_host", options.MonHost);
            }

            foreach (var (name, value) in options.ConfigOptions)
            {
                SetConfigOption(name, value);
            }
        }
        catch
        {
            _cluster.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public bool IsConnected => _connected && !_shutDown;

    /// <summary>True once <see cref="Shutdown"/> or <see cref="Dispose"/> ran; io contexts then fail with ENOTCONN.</summary>
    internal bool IsShutDown => _shutDown;

    /// <inheritdoc />
    public void Connect()
    {
        RadosCall.Check(Interop.Rados.rados_connect(Cluster), "rados_connect");
        _connected = true;
    }

    /// <inheritdoc />
    public string GetConfigOption(string name)
    {
        RadosArguments.Name(name, nameof(name));
        var cluster = Cluster;
        // rados_conf_get reports a short buffer as -ENAMETOOLONG, not -ERANGE.
        var (buffer, _) = RadosCall.WithGrowingBuffer(
            buffer => ConfGet(cluster, name, buffer), "rados_conf_get", name, initialSize: 256, Errno.ENAMETOOLONG);
        return NativeText.FromNulTerminated(buffer);
    }

    /// <inheritdoc />
    public void SetConfigOption(string name, string value)
    {
        RadosArguments.Name(name, nameof(name));
        RadosArguments.Name(value, nameof(value));
        RadosCall.Check(Interop.Rados.rados_conf_set(Cluster, name, value), "rados_conf_set", name);
    }

    /// <inheritdoc />
    public string GetFsid()
    {
        var cluster = Cluster;
        var (buffer, _) = RadosCall.WithGrowingBuffer(buffer => ClusterFsid(cluster, buffer), "rados_cluster_fsid", null, initialSize: 37);
        return NativeText.FromNulTerminated(buffer);
    }

    /// <inheritdoc />
    public ulong GetInstanceId() => Interop.Rados.rados_get_instance_id(Cluster);

    /// <inheritdoc />
    public RadosClusterStats GetClusterStats()
    {
        const string operation = "rados_cluster_stat";
        var cluster = Cluster;

        // Measured on Pacific 16.2.15: rados_cluster_stat on a handle that is not connected dereferences
        // the missing objecter and kills the process (SIGSEGV). Answer the ENOTCONN every other
        // cluster call gives before connect instead.
        if (!_connected)
        {
            throw StorageErrors.Create(Errno.ENOTCONN, operation);
        }

        RadosCall.Check(Interop.Rados.rados_cluster_stat(cluster, out var stats), operation);
        return new RadosClusterStats(stats.Kilobytes, stats.KilobytesUsed, stats.KilobytesAvailable, stats.Objects);
    }

    /// <inheritdoc />
    public void CreatePool(string name)
    {
        RadosArguments.Name(name, nameof(name));
        RadosCall.Check(Interop.Rados.rados_pool_create(Cluster, name), "rados_pool_create", name);
    }

    /// <inheritdoc />
    public void DeletePool(string name)
    {
        RadosArguments.Name(name, nameof(name));
        RadosCall.Check(Interop.Rados.rados_pool_delete(Cluster, name), "rados_pool_delete", name);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListPools()
    {
        var cluster = Cluster;
        var (buffer, length) = RadosCall.WithNeededLength(buffer => PoolList(cluster, buffer), "rados_pool_list", null, initialSize: 1024);

        // NUL-terminated names one after another, then one more NUL; the returned length counts that last
        // NUL, so splitting the part before it keeps even an empty pool name.
        var names = new List<string>();
        ReadOnlySpan<byte> remaining = buffer.AsSpan(0, Math.Max(length - 1, 0));
        while (!remaining.IsEmpty)
        {
            int end = remaining.IndexOf((byte)0);
            names.Add(NativeText.FromNulTerminated(remaining));
            remaining = end < 0 ? [] : remaining[(end + 1)..];
        }

        return names;
    }

    /// <inheritdoc />
    public long LookupPool(string name)
    {
        RadosArguments.Name(name, nameof(name));
        return RadosCall.Check(Interop.Rados.rados_pool_lookup(Cluster, name), "rados_pool_lookup", name);
    }

    /// <inheritdoc />
    public string GetPoolName(long poolId)
    {
        var cluster = Cluster;
        var (buffer, _) = RadosCall.WithGrowingBuffer(
            buffer => PoolReverseLookup(cluster, poolId, buffer), "rados_pool_reverse_lookup", poolId.ToString(System.Globalization.CultureInfo.InvariantCulture), initialSize: 256);
        return NativeText.FromNulTerminated(buffer);
    }

    /// <inheritdoc />
    public IRadosIoContext OpenIoContext(string poolName)
    {
        RadosArguments.Name(poolName, nameof(poolName));
        var ioContext = RadosIoContextHandle.Create(Cluster, cluster =>
        {
            RadosCall.Check(Interop.Rados.rados_ioctx_create(cluster, poolName, out nint created), "rados_ioctx_create", poolName);
            return created;
        });
        return Adopt(ioContext);
    }

    /// <inheritdoc />
    public IRadosIoContext OpenIoContext(long poolId)
    {
        var ioContext = RadosIoContextHandle.Create(Cluster, cluster =>
        {
            RadosCall.Check(
                Interop.Rados.rados_ioctx_create2(cluster, poolId, out nint created),
                "rados_ioctx_create2",
                poolId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return created;
        });
        return Adopt(ioContext);
    }

    /// <inheritdoc />
    public void Shutdown() => Dispose();

    /// <summary>Shuts the connection down (<c>rados_shutdown</c>), closing every io context and listing opened from it. Idempotent.</summary>
    public void Dispose()
    {
        SafeHandle[] children;
        lock (_childrenLock)
        {
            if (_shutDown)
            {
                return;
            }

            _shutDown = true;
            children = [.. _children];
            _children.Clear();
        }

        // Calls still running on another thread hold their own handle references, so librados frees
        // nothing under them: each release happens when the last reference goes.
        foreach (var child in children)
        {
            child.Dispose();
        }

        _cluster.Dispose();
    }

    /// <summary>Remembers a native child so <see cref="Shutdown"/> closes it; closes it at once when already shut down.</summary>
    internal void Track(SafeHandle child)
    {
        lock (_childrenLock)
        {
            if (!_shutDown)
            {
                _children.Add(child);
                return;
            }
        }

        child.Dispose();
        throw new ObjectDisposedException(GetType().FullName);
    }

    /// <summary>Forgets a child its owner disposed.</summary>
    internal void Untrack(SafeHandle child)
    {
        lock (_childrenLock)
        {
            _children.Remove(child);
        }
    }

    private RadosClusterHandle Cluster
    {
        get
        {
            ObjectDisposedException.ThrowIf(_shutDown, this);
            return _cluster;
        }
    }

    private NativeRadosIoContext Adopt(RadosIoContextHandle ioContext)
    {
        Track(ioContext);
        try
        {
            return new NativeRadosIoContext(this, ioContext);
        }
        catch
        {
            Untrack(ioContext);
            ioContext.Dispose();
            throw;
        }
    }

    private static unsafe int ConfGet(RadosClusterHandle cluster, string name, Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            return Interop.Rados.rados_conf_get(cluster, name, bytes, (nuint)buffer.Length);
        }
    }

    private static unsafe int ClusterFsid(RadosClusterHandle cluster, Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            return Interop.Rados.rados_cluster_fsid(cluster, bytes, (nuint)buffer.Length);
        }
    }

    private static unsafe int PoolList(RadosClusterHandle cluster, Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            return Interop.Rados.rados_pool_list(cluster, bytes, (nuint)buffer.Length);
        }
    }

    private static unsafe int PoolReverseLookup(RadosClusterHandle cluster, long poolId, Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            return Interop.Rados.rados_pool_reverse_lookup(cluster, poolId, bytes, (nuint)buffer.Length);
        }
    }
}
