using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>An <see cref="IRadosClient"/> connected to an <see cref="EmulatedRadosCluster"/>.</summary>
public sealed partial class EmulatedRadosClient : IRadosClient
{
    private readonly EmulatedRadosCluster _cluster;
    private readonly EmulatedRadosConfig _config;
    private ulong _instanceId;
    private bool _connected;
    private bool _disposed;

    /// <summary>Creates a client of <paramref name="cluster"/>; call <see cref="Connect"/> before I/O.</summary>
    public EmulatedRadosClient(EmulatedRadosCluster cluster, RadosClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        _cluster = cluster;
        _config = new EmulatedRadosConfig(cluster.Fsid);
        if (options.MonHost is not null)
        {
            _config.Set("mon_host", options.MonHost);
        }

        foreach (var (name, value) in options.ConfigOptions)
        {
            _config.Set(name, value);
        }
    }

    /// <inheritdoc />
    public bool IsConnected => _connected && !_disposed;

    internal bool IsShutDown => _disposed;

    internal EmulatedRadosCluster Cluster => _cluster;

    /// <inheritdoc />
    public void Connect()
    {
        ThrowIfDisposed();
        if (_connected)
        {
            throw StorageErrors.Create(Errno.EISCONN, "rados_connect");
        }

        _connected = true;
        _instanceId = _cluster.NextInstanceId();
    }

    /// <inheritdoc />
    public string GetConfigOption(string name)
    {
        RadosArguments.Name(name, nameof(name));
        ThrowIfDisposed();
        return _config.Get(name);
    }

    /// <inheritdoc />
    public void SetConfigOption(string name, string value)
    {
        RadosArguments.Name(name, nameof(name));
        RadosArguments.Name(value, nameof(value));
        ThrowIfDisposed();
        _config.Set(name, value);
    }

    /// <inheritdoc />
    public string GetFsid()
    {
        ThrowIfDisposed();
        // librados answers the all-zero UUID until the monitors told it the real one.
        return (_connected ? _cluster.Fsid : Guid.Empty).ToString("D");
    }

    /// <inheritdoc />
    public ulong GetInstanceId()
    {
        ThrowIfDisposed();
        return _connected ? _instanceId : 0;
    }

    /// <inheritdoc />
    public RadosClusterStats GetClusterStats()
    {
        RequireConnected("rados_cluster_stat");
        return _cluster.Stats();
    }

    /// <inheritdoc />
    public void CreatePool(string name)
    {
        RadosArguments.Name(name, nameof(name));
        RequireConnected("rados_pool_create", name);
        if (name.Length == 0)
        {
            throw StorageErrors.Create(Errno.EINVAL, "rados_pool_create", name);
        }

        _cluster.CreatePool(name);
    }

    /// <inheritdoc />
    public void DeletePool(string name)
    {
        RadosArguments.Name(name, nameof(name));
        RequireConnected("rados_pool_delete", name);
        _cluster.DeletePool(name);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListPools()
    {
        RequireConnected("rados_pool_list");
        return _cluster.ListPools();
    }

    /// <inheritdoc />
    public long LookupPool(string name)
    {
        RadosArguments.Name(name, nameof(name));
        RequireConnected("rados_pool_lookup", name);
        return _cluster.FindPool(name)?.Id ?? throw StorageErrors.Create(Errno.ENOENT, "rados_pool_lookup", name);
    }

    /// <inheritdoc />
    public string GetPoolName(long poolId)
    {
        RequireConnected("rados_pool_reverse_lookup", poolId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return _cluster.FindPool(poolId)?.Name
            ?? throw StorageErrors.Create(Errno.ENOENT, "rados_pool_reverse_lookup", poolId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public IRadosIoContext OpenIoContext(string poolName)
    {
        RadosArguments.Name(poolName, nameof(poolName));
        RequireConnected("rados_ioctx_create", poolName);
        EmulatedPool pool = _cluster.FindPool(poolName) ?? throw StorageErrors.Create(Errno.ENOENT, "rados_ioctx_create", poolName);
        return new EmulatedRadosIoContext(this, pool);
    }

    /// <inheritdoc />
    public IRadosIoContext OpenIoContext(long poolId)
    {
        string target = poolId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        RequireConnected("rados_ioctx_create2", target);
        EmulatedPool pool = _cluster.FindPool(poolId) ?? throw StorageErrors.Create(Errno.ENOENT, "rados_ioctx_create2", target);
        return new EmulatedRadosIoContext(this, pool);
    }

    /// <inheritdoc />
    public void Shutdown() => Dispose();

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        OnShutDown();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void RequireConnected(string operation, string? target = null)
    {
        ThrowIfDisposed();
        if (!_connected)
        {
            throw StorageErrors.Create(Errno.ENOTCONN, operation, target);
        }

        _cluster.Faults.Intercept(this, target, objectName: null, operation);
    }
}
