using StorageKit.Emulator.Rados;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// An io context on another pool or namespace for a parent or child image, or the one at hand when it already is
/// that pool and namespace; disposing closes only what it opened.
/// </summary>
internal readonly struct EmulatedPoolContext : IDisposable
{
    private readonly bool _owned;

    private EmulatedPoolContext(IRadosIoContext io, bool owned)
    {
        Io = io;
        _owned = owned;
    }

    public IRadosIoContext Io { get; }

    public static EmulatedPoolContext For(IRadosIoContext io, long poolId, string nameSpace)
        => io.PoolId == poolId && io.Namespace == nameSpace
            ? new EmulatedPoolContext(io, owned: false)
            : new EmulatedPoolContext(((EmulatedRadosIoContext)io).OpenPool(poolId, nameSpace), owned: true);

    /// <summary>
    /// Format 1 children of (pool, image, snapshot), found like librbd in the <c>rbd_children</c> object of every
    /// pool (default namespace): (pool id, child id) pairs.
    /// </summary>
    public static List<(long PoolId, string ImageId)> V1ChildrenEverywhere(IRadosIoContext io, long parentPoolId, string parentId, ulong snapshotId)
    {
        var children = new List<(long, string)>();
        foreach (long poolId in ((EmulatedRadosIoContext)io).PoolIds())
        {
            using var pool = For(io, poolId, "");
            foreach (string childId in EmulatedRbdParents.V1Children(pool.Io, parentPoolId, parentId, snapshotId))
            {
                children.Add((poolId, childId));
            }
        }

        return children;
    }

    public void Dispose()
    {
        if (_owned)
        {
            Io.Dispose();
        }
    }
}
