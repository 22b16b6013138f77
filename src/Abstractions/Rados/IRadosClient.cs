namespace StorageKit.Rados;

/// <summary>
/// A connection to a Ceph cluster (librados <c>rados_t</c>; go-ceph <c>Conn</c>). Created configured but
/// not connected: set options, then <see cref="Connect"/>. Disposing shuts the connection down; io
/// contexts opened from it then fail with <see cref="StorageNotConnectedException"/>.
/// </summary>
public partial interface IRadosClient : IDisposable
{
    /// <summary>True between a successful <see cref="Connect"/> and <see cref="Shutdown"/>.</summary>
    bool IsConnected { get; }

    /// <summary>Connects to the monitors (<c>rados_connect</c>). Connecting twice fails with EISCONN-like errors from librados.</summary>
    void Connect();

    /// <summary>Reads a configuration option (<c>rados_conf_get</c>); ENOENT for an unknown option.</summary>
    string GetConfigOption(string name);

    /// <summary>Sets a configuration option (<c>rados_conf_set</c>); ENOENT for an unknown option, EINVAL for a bad value.</summary>
    void SetConfigOption(string name, string value);

    /// <summary>The cluster fsid (<c>rados_cluster_fsid</c>), a lower-case UUID string.</summary>
    string GetFsid();

    /// <summary>This client's global instance id (<c>rados_get_instance_id</c>).</summary>
    ulong GetInstanceId();

    /// <summary>Cluster-wide usage (<c>rados_cluster_stat</c>).</summary>
    RadosClusterStats GetClusterStats();

    /// <summary>Creates a pool (<c>rados_pool_create</c>); EEXIST when it exists.</summary>
    void CreatePool(string name);

    /// <summary>Deletes a pool and everything in it (<c>rados_pool_delete</c>); ENOENT when missing.</summary>
    void DeletePool(string name);

    /// <summary>Names of all pools (<c>rados_pool_list</c>).</summary>
    IReadOnlyList<string> ListPools();

    /// <summary>Pool id for a name (<c>rados_pool_lookup</c>); ENOENT when missing.</summary>
    long LookupPool(string name);

    /// <summary>Pool name for an id (<c>rados_pool_reverse_lookup</c>); ENOENT when missing.</summary>
    string GetPoolName(long poolId);

    /// <summary>Opens an io context on a pool by name (<c>rados_ioctx_create</c>); ENOENT when missing.</summary>
    IRadosIoContext OpenIoContext(string poolName);

    /// <summary>Opens an io context on a pool by id (<c>rados_ioctx_create2</c>); ENOENT when missing.</summary>
    IRadosIoContext OpenIoContext(long poolId);

    /// <summary>Closes the connection (<c>rados_shutdown</c>); the same as <see cref="IDisposable.Dispose"/>. Idempotent.</summary>
    void Shutdown();
}
