namespace StorageKit.Emulator.Rados;

/// <summary>What the emulated RBD layer needs beyond the public RADOS surface.</summary>
internal sealed partial class EmulatedRadosIoContext
{
    /// <summary>The cluster's clock, for layers above RADOS (RBD header timestamps) that record time.</summary>
    internal TimeProvider Time => _client.Cluster.Time;

    /// <summary>The emulated pool itself: io contexts of one pool (of one cluster) share it.</summary>
    internal object PoolIdentity => _pool;

    /// <summary>The client of this io context, for RBD state librbd keeps on the monitors (config-key) and the fsid.</summary>
    internal EmulatedRadosClient RbdClient => _client;
}
