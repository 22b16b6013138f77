using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

internal sealed partial class EmulatedRbdClient
{
    /// <summary>
    /// The clone format librbd's <c>rbd_default_clone_format</c> "auto" picks on a cluster that requires only
    /// luminous clients (as the micro cluster and a fresh Ceph 16 cluster do): 1.
    /// </summary>
    private const int DefaultCloneFormat = 1;

    /// <inheritdoc />
    public void Clone(string parentName, string parentSnapshotName, string childName, RbdImageOptions? options, IRadosIoContext? childIoContext)
    {
        const string op = "rbd_clone3";
        RbdArguments.ImageName(parentName, nameof(parentName));
        RbdArguments.ImageName(parentSnapshotName, nameof(parentSnapshotName));
        RbdArguments.ImageName(childName, nameof(childName));
        IRadosIoContext childIo = childIoContext ?? io;
        if (childIo is not EmulatedRadosIoContext)
        {
            throw new ArgumentException("The io context does not come from the emulator.", nameof(childIoContext));
        }

        // Lock order as in removal: the client's gate, then the clone bookkeeping's.
        lock (_gate)
        lock (EmulatedRbdParents.Gate)
        {
            string parentId = IdOf(parentName, op);
            var parentHeader = EmulatedRbdHeader.Read(io, parentId, op, parentName);
            var snapshot = EmulatedRbdSnapshots.Find(io, parentId, parentSnapshotName, op, parentName);
            if (snapshot is null || snapshot.NamespaceType != RbdSnapshotNamespaceType.User)
            {
                throw StorageErrors.Create(Errno.ENOENT, op, parentSnapshotName);
            }

            if ((EmulatedRbdParents.ReadUInt64Key(io, parentId, "features") & (ulong)RbdFeatures.Layering) == 0)
            {
                throw StorageErrors.Create(Errno.ENOSYS, op, parentName);
            }

            int format = options?.CloneFormat ?? DefaultCloneFormat;
            if (format == 1 && !snapshot.IsProtected)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, parentSnapshotName);
            }

            // The child takes the features the options name, else the parent's; without layering it cannot be a clone.
            var childFeatures = options?.Features ?? ((RbdFeatures)parentHeader.Features & ~RbdFeatures.Operations);
            if ((childFeatures & RbdFeatures.Layering) == 0)
            {
                throw StorageErrors.Create(Errno.ENOSYS, op, childName);
            }

            var child = new EmulatedRbdClient(childIo);
            if (child.List().Contains(childName))
            {
                throw StorageErrors.Create(Errno.EEXIST, op, childName);
            }

            if (snapshot.Size == 0)
            {
                // Measured (rbd.model): a snapshot of size 0 cannot be a parent, for either clone format.
                throw StorageErrors.Create(Errno.EINVAL, op, parentSnapshotName);
            }

            // A clone keeps the parent's striping (measured: even when the options ask for other features); the order may change.
            child.CreateLike(childName, snapshot.Size, options?.Order is int order and not 0 ? order : parentHeader.Order, parentHeader with { Features = (ulong)childFeatures }, op);
            string childId = child.IdOf(childName, op);
            EmulatedRbdParents.Write(childIo, childId, new EmulatedParentLink(io.PoolId, io.Namespace, parentId, snapshot.Id, snapshot.Size));
            Attach(io, parentId, snapshot.Id, childIo, childId, format);
        }
    }

    /// <summary>Creates an image with <paramref name="layout"/>'s features and striping (none when it has none) and the given order.</summary>
    internal void CreateLike(string name, long size, int order, EmulatedRbdHeader layout, string operation)
    {
        ulong stripeUnit = layout.IsStriped ? (ulong)layout.StripeUnit : 0;
        ulong stripeCount = layout.IsStriped ? (ulong)layout.StripeCount : 0;
        // The source's features come along (measured for copies and clones); operations is the clone bookkeeping's.
        var features = ((RbdFeatures)layout.Features | RbdFeatures.Layering) & ~RbdFeatures.Operations;
        CreateImage(name, size, (ulong)order, 2, features, stripeUnit, stripeCount, operation);
    }

    /// <summary>Records a child with its parent snapshot, the way its clone format does.</summary>
    internal static void Attach(IRadosIoContext parentIo, string parentId, ulong snapshotId, IRadosIoContext childIo, string childId, int format)
    {
        if (format == 1)
        {
            // librbd records format 1 children in the child's pool, keyed by the parent's pool, image and snapshot.
            using var childPool = EmulatedPoolContext.For(childIo, childIo.PoolId, "");
            var children = EmulatedRbdParents.V1Children(childPool.Io, parentIo.PoolId, parentId, snapshotId);
            children.Add(childId);
            EmulatedRbdParents.SetV1Children(childPool.Io, parentIo.PoolId, parentId, snapshotId, children);
            return;
        }

        var v2 = EmulatedRbdParents.V2Children(parentIo, parentId, snapshotId);
        v2.Add((childIo.PoolId, childIo.Namespace, childId));
        EmulatedRbdParents.SetV2Children(parentIo, parentId, snapshotId, v2);
        EmulatedRbdParents.WriteUInt64Key(parentIo, parentId, EmulatedRbdParents.OpFeaturesKey, EmulatedRbdParents.ReadUInt64Key(parentIo, parentId, EmulatedRbdParents.OpFeaturesKey) | EmulatedRbdParents.OpCloneParent);
        EmulatedRbdParents.WriteUInt64Key(parentIo, parentId, "features", EmulatedRbdParents.ReadUInt64Key(parentIo, parentId, "features") | EmulatedRbdParents.FeatureOperations);
        EmulatedRbdParents.WriteUInt64Key(childIo, childId, "features", EmulatedRbdParents.ReadUInt64Key(childIo, childId, "features") | EmulatedRbdParents.FeatureOperations);
        EmulatedRbdParents.WriteUInt64Key(childIo, childId, EmulatedRbdParents.OpFeaturesKey, EmulatedRbdParents.ReadUInt64Key(childIo, childId, EmulatedRbdParents.OpFeaturesKey) | EmulatedRbdParents.OpCloneChild);
    }

    /// <summary>
    /// After a snapshot's last format 2 child left: a trashed snapshot goes for good, and the parent drops the
    /// clone-parent and snap-trash op features (and the operations feature) it no longer needs, as measured.
    /// </summary>
    private static void ReleaseParent(IRadosIoContext parentIo, string parentId, ulong snapshotId)
    {
        if (EmulatedRbdSnapshots.Find(parentIo, parentId, snapshotId) is { NamespaceType: RbdSnapshotNamespaceType.Trash })
        {
            using var data = ((EmulatedRadosIoContext)parentIo).Duplicate();
            data.RemoveSelfManagedSnapshot(snapshotId);
            parentIo.RemoveOmapKeys(RbdLayout.Header(parentId), [EmulatedRbdSnapshots.Key(snapshotId)]);
        }

        var snapshots = EmulatedRbdSnapshots.List(parentIo, parentId, "rbd_remove", parentId);
        ulong opFeatures = EmulatedRbdParents.ReadUInt64Key(parentIo, parentId, EmulatedRbdParents.OpFeaturesKey);
        if (!snapshots.Exists(s => EmulatedRbdParents.V2Children(parentIo, parentId, s.Id).Count > 0))
        {
            opFeatures &= ~EmulatedRbdParents.OpCloneParent;
        }

        if (!snapshots.Exists(s => s.NamespaceType == RbdSnapshotNamespaceType.Trash))
        {
            opFeatures &= ~EmulatedRbdParents.OpSnapshotTrash;
        }

        EmulatedRbdParents.WriteUInt64Key(parentIo, parentId, EmulatedRbdParents.OpFeaturesKey, opFeatures);
        if (opFeatures == 0)
        {
            EmulatedRbdParents.WriteUInt64Key(parentIo, parentId, "features", EmulatedRbdParents.ReadUInt64Key(parentIo, parentId, "features") & ~EmulatedRbdParents.FeatureOperations);
        }
    }

    /// <summary>Drops a child's record with its parent (flatten, removal) and its own parent link and clone op features.</summary>
    internal static void Detach(IRadosIoContext childIo, string childId)
    {
        if (EmulatedRbdParents.Read(childIo, childId) is not { } link)
        {
            return;
        }

        using var childPool = EmulatedPoolContext.For(childIo, childIo.PoolId, "");
        var v1 = EmulatedRbdParents.V1Children(childPool.Io, link.PoolId, link.ImageId, link.SnapshotId);
        if (v1.Remove(childId))
        {
            EmulatedRbdParents.SetV1Children(childPool.Io, link.PoolId, link.ImageId, link.SnapshotId, v1);
        }

        using var parentPool = EmulatedPoolContext.For(childIo, link.PoolId, link.PoolNamespace);
        IRadosIoContext parentIo = parentPool.Io;

        var v2 = EmulatedRbdParents.V2Children(parentIo, link.ImageId, link.SnapshotId);
        if (v2.RemoveAll(c => c.ImageId == childId && c.PoolId == childIo.PoolId) > 0)
        {
            EmulatedRbdParents.SetV2Children(parentIo, link.ImageId, link.SnapshotId, v2);
            if (v2.Count == 0)
            {
                ReleaseParent(parentIo, link.ImageId, link.SnapshotId);
            }
        }

        childIo.RemoveOmapKeys(RbdLayout.Header(childId), [EmulatedRbdParents.ParentKey]);
        ulong opFeatures = EmulatedRbdParents.ReadUInt64Key(childIo, childId, EmulatedRbdParents.OpFeaturesKey) & ~EmulatedRbdParents.OpCloneChild;
        EmulatedRbdParents.WriteUInt64Key(childIo, childId, EmulatedRbdParents.OpFeaturesKey, opFeatures);
        if (opFeatures == 0)
        {
            EmulatedRbdParents.WriteUInt64Key(childIo, childId, "features", EmulatedRbdParents.ReadUInt64Key(childIo, childId, "features") & ~EmulatedRbdParents.FeatureOperations);
        }
    }
}
