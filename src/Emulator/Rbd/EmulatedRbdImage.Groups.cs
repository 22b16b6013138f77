using System.Globalization;
using StorageKit.Emulator.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

internal sealed partial class EmulatedRbdImage
{
    /// <inheritdoc />
    public RbdGroupInfo? GetGroup()
    {
        const string op = "rbd_get_group";
        ObjectDisposedException.ThrowIf(_disposed, this);
        EmulatedRbdHeader.Read(io, id, op, Name);
        if (EmulatedRbdGroups.GroupOf(io, id) is not { } group)
        {
            return null;
        }

        using var pool = EmulatedPoolContext.For(io, group.PoolId, io.Namespace);
        string name = RbdLayout.OmapValue(pool.Io, EmulatedRbdGroups.Directory, RbdLayout.IdKey(group.GroupId)) is { } value ? RbdLayout.DecodeString(value.Span) : "";
        return new RbdGroupInfo(name, group.PoolId);
    }

    /// <inheritdoc />
    public RbdSnapshotGroupNamespace GetSnapshotGroupNamespace(ulong snapshotId)
    {
        const string op = "rbd_snap_get_group_namespace";
        ObjectDisposedException.ThrowIf(_disposed, this);
        var snapshot = Snapshot(snapshotId, op);

        // A snapshot of another namespace is EINVAL (measured).
        if (snapshot.NamespaceType != RbdSnapshotNamespaceType.Group || EmulatedRbdGroups.ParseImageSnapshotName(snapshot.Name) is not { } parts)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, snapshotId.ToString(CultureInfo.InvariantCulture));
        }

        using var pool = EmulatedPoolContext.For(io, parts.PoolId, io.Namespace);
        string groupName = RbdLayout.OmapValue(pool.Io, EmulatedRbdGroups.Directory, RbdLayout.IdKey(parts.GroupId)) is { } value ? RbdLayout.DecodeString(value.Span) : "";
        string groupSnapshotName = EmulatedRbdGroups.Snapshots(pool.Io, parts.GroupId).Find(s => s.Id == parts.GroupSnapshotId)?.Name ?? "";
        return new RbdSnapshotGroupNamespace(parts.PoolId, groupName, groupSnapshotName);
    }

    /// <summary>Takes this image's part of a group snapshot: a snapshot in the group namespace; returns its id.</summary>
    internal ulong CreateGroupSnapshot(string snapshotName, string operation) => CreateSnapshotIn(RbdSnapshotNamespaceType.Group, snapshotName, operation);

    /// <summary>Rolls this image back to its part of a group snapshot.</summary>
    internal void RollbackToGroupSnapshot(ulong snapshotId, IProgress<RbdProgress>? progress, string operation)
        => RollbackTo(Snapshot(snapshotId, operation), progress, operation);
}
