using StorageKit.Conformance.Framework;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>The cluster connection: config, fsid, instance id, stats, pools.</summary>
[ConformanceArea("rados.cluster")]
public static class ClusterCases
{
    /// <summary>the fsid is a UUID and the same for two clients.</summary>
    [ConformanceCase]
    public static void FsidIsStableUuid(RadosCaseContext c)
    {
        string fsid = c.Client.GetFsid();
        Check.True(Guid.TryParse(fsid, out _), $"fsid '{fsid}' is a UUID");
        Check.Equal(fsid, c.NewClient().GetFsid(), "fsid seen by a second client");
    }

    /// <summary>each connection gets its own positive instance id.</summary>
    [ConformanceCase]
    public static void InstanceIdsDiffer(RadosCaseContext c)
    {
        ulong first = c.Client.GetInstanceId();
        ulong second = c.NewClient().GetInstanceId();
        Check.True(first > 0 && second > 0, $"instance ids are positive ({first}, {second})");
        Check.True(first != second, "two connections have different instance ids");
    }

    /// <summary>cluster stats report capacity.</summary>
    [ConformanceCase]
    public static void ClusterStatsReportCapacity(RadosCaseContext c)
    {
        RadosClusterStats stats = c.Client.GetClusterStats();
        Check.True(stats.Kilobytes > 0, $"capacity {stats.Kilobytes} KiB");
        Check.True(stats.KilobytesAvailable <= stats.Kilobytes, "available is at most the capacity");
    }

    /// <summary>a set option reads back.</summary>
    [ConformanceCase]
    public static void ConfigOptionRoundTrips(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient(connect: false);
        client.SetConfigOption("log_file", "/dev/null");
        Check.Equal("/dev/null", client.GetConfigOption("log_file"), "log_file");
    }

    /// <summary>timeouts keep whole seconds as written; bad values are EINVAL and change nothing.</summary>
    [ConformanceCase]
    public static void ConfigTimeoutValues(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient(connect: false);
        client.SetConfigOption("rados_osd_op_timeout", "5");
        Check.Equal("5", client.GetConfigOption("rados_osd_op_timeout"), "after setting 5");
        foreach (string bad in new[] { "abc", "5.5", "-3" })
        {
            Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => client.SetConfigOption("rados_osd_op_timeout", bad), $"setting '{bad}'");
        }

        Check.Equal("5", client.GetConfigOption("rados_osd_op_timeout"), "after the failed sets");
        client.SetConfigOption("rados_osd_op_timeout", "");
        Check.Equal("0", client.GetConfigOption("rados_osd_op_timeout"), "after setting the empty string");
    }

    /// <summary>option names accept spaces for underscores; the empty name is EINVAL.</summary>
    [ConformanceCase]
    public static void ConfigOptionNames(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient(connect: false);
        client.SetConfigOption("mon host", "127.0.0.1:1234");
        Check.Equal("127.0.0.1:1234", client.GetConfigOption("mon_host"), "mon_host set as 'mon host'");
        Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => client.GetConfigOption(""), "get of the empty name");
    }

    /// <summary>options can still be set on a connected client.</summary>
    [ConformanceCase]
    public static void ConfigSetWhileConnected(RadosCaseContext c)
    {
        c.Client.SetConfigOption("rados_osd_op_timeout", "7");
        Check.Equal("7", c.Client.GetConfigOption("rados_osd_op_timeout"), "rados_osd_op_timeout");
    }

    /// <summary>unknown options are ENOENT for get and set.</summary>
    [ConformanceCase]
    public static void UnknownConfigOptionIsNotFound(RadosCaseContext c)
    {
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Client.GetConfigOption("no_such_option_sk"), "conf get");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Client.SetConfigOption("no_such_option_sk", "1"), "conf set");
    }

    /// <summary>the mon host option holds the monitor address the client was configured with.</summary>
    [ConformanceCase]
    public static void MonHostIsReadable(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient(connect: false);
        client.SetConfigOption("mon_host", "127.0.0.1:6789");
        Check.Equal("127.0.0.1:6789", client.GetConfigOption("mon_host"), "mon_host");
    }

    /// <summary>a client is not connected until Connect.</summary>
    [ConformanceCase]
    public static void ClientConnectsExplicitly(RadosCaseContext c)
    {
        IRadosClient client = c.NewClient(connect: false);
        Check.Equal(false, client.IsConnected, "connected before Connect");
        client.Connect();
        Check.Equal(true, client.IsConnected, "connected after Connect");
        client.Shutdown();
        Check.Equal(false, client.IsConnected, "connected after Shutdown");
    }

    /// <summary>pool lookup of the shared pool and its reverse agree.</summary>
    [ConformanceCase]
    public static void PoolLookupAndReverseAgree(RadosCaseContext c)
    {
        long id = c.Client.LookupPool(c.Target.SharedPool);
        Check.Equal(c.Target.SharedPool, c.Client.GetPoolName(id), "reverse lookup");
        Check.Equal(id, c.Io.PoolId, "io context pool id");
        Check.Equal(c.Target.SharedPool, c.Io.PoolName, "io context pool name");
        Check.True(c.Client.ListPools().Contains(c.Target.SharedPool), "pool list contains the shared pool");
    }

    /// <summary>looking up a missing pool is ENOENT, by name and by id.</summary>
    [ConformanceCase]
    public static void MissingPoolIsNotFound(RadosCaseContext c)
    {
        string name = c.NewPoolName();
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Client.LookupPool(name), "lookup");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Client.GetPoolName(987654), "reverse lookup");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Client.OpenIoContext(name), "open io context by name");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Client.OpenIoContext(987654L), "open io context by id");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Client.DeletePool(name), "delete");
    }

    /// <summary>create, use, list and delete a pool.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void PoolLifecycle(RadosCaseContext c)
    {
        string pool = c.CreatePool();
        Check.True(c.Client.ListPools().Contains(pool), "new pool is listed");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Client.CreatePool(pool), "create again");
        long id = c.Client.LookupPool(pool);
        using (IRadosIoContext io = c.Client.OpenIoContext(id))
        {
            io.WriteFull("o", Bytes.Of("in new pool"));
            Check.Bytes(Bytes.Of("in new pool"), io.ReadAll("o"), "content");
            Check.Equal(pool, io.PoolName, "pool name of io context");
        }

        c.Client.DeletePool(pool);
        Check.True(!c.Client.ListPools().Contains(pool), "deleted pool is not listed");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Client.LookupPool(pool), "lookup after delete");
    }

    /// <summary>a pool named "" is EINVAL.</summary>
    [ConformanceCase]
    public static void EmptyPoolNameIsInvalid(RadosCaseContext c)
        => Check.Throws<StorageInvalidArgumentException>(Errno.EINVAL, () => c.Client.CreatePool(""), "create pool ''");

    /// <summary>an io context of a deleted pool answers ENOENT but still knows its pool's name.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void IoContextOfDeletedPool(RadosCaseContext c)
    {
        string pool = c.CreatePool();
        using IRadosIoContext io = c.Client.OpenIoContext(pool);
        io.WriteFull("o", Bytes.Of("x"));
        c.Client.DeletePool(pool);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.Stat("o"), "stat in a deleted pool");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => io.WriteFull("p", Bytes.Of("y")), "write in a deleted pool");
        Check.Equal(pool, io.PoolName, "pool name");
    }

    /// <summary>a fresh pool reports no objects.</summary>
    [ConformanceCase(CreatesPools = true)]
    public static void FreshPoolStatsAreEmpty(RadosCaseContext c)
    {
        string pool = c.CreatePool();
        using IRadosIoContext io = c.Client.OpenIoContext(pool);
        RadosPoolStats stats = io.GetPoolStats();
        Check.Equal(0UL, stats.Objects, "objects");
        Check.Equal(0UL, stats.Bytes, "bytes");
    }
}
