using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// Groups as librbd 16 keeps them (docs/native-probe-results.md, "RBD groups"); layout in <see cref="EmulatedRbdGroups"/>.
/// Every group operation runs under the client gate, like image creation and removal, so an image cannot be removed
/// while it joins a group.
/// </summary>
internal sealed partial class EmulatedRbdClient
{
    /// <inheritdoc />
    public void CreateGroup(string groupName)
    {
        const string op = "rbd_group_create";
        RadosArguments.Name(groupName, nameof(groupName));
        if (groupName.Length == 0)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, groupName);
        }

        lock (_gate)
        {
            if (RbdLayout.OmapValue(io, EmulatedRbdGroups.Directory, RbdLayout.NameKey(groupName)) is not null)
            {
                throw StorageErrors.Create(Errno.EEXIST, op, groupName);
            }

            string groupId = NewId();
            io.Create(EmulatedRbdGroups.Header(groupId), exclusive: true);
            io.SetOmap(EmulatedRbdGroups.Directory, new Dictionary<string, ReadOnlyMemory<byte>>
            {
                [RbdLayout.NameKey(groupName)] = RbdLayout.EncodeString(groupId),
                [RbdLayout.IdKey(groupId)] = RbdLayout.EncodeString(groupName),
            });
        }
    }

    /// <inheritdoc />
    public void RemoveGroup(string groupName)
    {
        const string op = "rbd_group_remove";
        RadosArguments.Name(groupName, nameof(groupName));
        lock (_gate)
        {
            // A missing group is no error (measured).
            if (GroupIdOrNull(groupName) is not { } groupId)
            {
                return;
            }

            // librbd removes the group snapshots first, then takes each image out (EBADF from an image of another group stops it).
            foreach (var snapshot in EmulatedRbdGroups.Snapshots(io, groupId))
            {
                RemoveGroupSnapshotLocked(groupId, snapshot, op);
            }

            foreach (var image in EmulatedRbdGroups.Images(io, groupId))
            {
                RemoveGroupImageLocked(groupId, image.PoolId, image.ImageId, op);
            }

            RemoveIfExists(EmulatedRbdGroups.Header(groupId));
            io.RemoveOmapKeys(EmulatedRbdGroups.Directory, [RbdLayout.NameKey(groupName), RbdLayout.IdKey(groupId)]);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListGroups()
    {
        lock (_gate)
        {
            var names = new List<string>();
            string after = "";
            while (true)
            {
                RadosOmapPage page;
                try
                {
                    page = io.GetOmapValues(EmulatedRbdGroups.Directory, after, "name_");
                }
                catch (StorageNotFoundException)
                {
                    return names;
                }

                foreach (var entry in page.Entries)
                {
                    names.Add(entry.Key["name_".Length..]);
                    after = entry.Key;
                }

                if (!page.More || page.Entries.Count == 0)
                {
                    return names;
                }
            }
        }
    }

    /// <inheritdoc />
    public void RenameGroup(string sourceName, string destinationName)
    {
        const string op = "rbd_group_rename";
        RadosArguments.Name(sourceName, nameof(sourceName));
        RadosArguments.Name(destinationName, nameof(destinationName));
        lock (_gate)
        {
            string groupId = GroupIdOf(sourceName, op);

            // The directory refuses a taken name, the group's own included (measured).
            if (RbdLayout.OmapValue(io, EmulatedRbdGroups.Directory, RbdLayout.NameKey(destinationName)) is not null)
            {
                throw StorageErrors.Create(Errno.EEXIST, op, destinationName);
            }

            io.RemoveOmapKeys(EmulatedRbdGroups.Directory, [RbdLayout.NameKey(sourceName)]);
            io.SetOmap(EmulatedRbdGroups.Directory, new Dictionary<string, ReadOnlyMemory<byte>>
            {
                [RbdLayout.NameKey(destinationName)] = RbdLayout.EncodeString(groupId),
                [RbdLayout.IdKey(groupId)] = RbdLayout.EncodeString(destinationName),
            });
        }
    }

    /// <inheritdoc />
    public void AddGroupImage(string groupName, string imageName, IRadosIoContext? imageIoContext)
    {
        const string op = "rbd_group_image_add";
        RadosArguments.Name(groupName, nameof(groupName));
        RbdArguments.ImageName(imageName, nameof(imageName));
        var imageIo = ImageIo(imageIoContext, nameof(imageIoContext));
        lock (_gate)
        {
            string groupId = GroupIdOf(groupName, op);
            string imageId = new EmulatedRbdClient(imageIo).IdOf(imageName, op);
            EmulatedRbdHeader.Read(imageIo, imageId, op, imageName);

            // Like librbd: the group records the image as incomplete, the image takes the group (EEXIST when it is in
            // another; the group's record is dropped again), then the group marks it attached.
            EmulatedRbdGroups.SetImage(io, groupId, imageIo.PoolId, imageId, RbdGroupImageState.Incomplete);
            if (EmulatedRbdGroups.GroupOf(imageIo, imageId) is { } current && current != (io.PoolId, groupId))
            {
                io.RemoveOmapKeys(EmulatedRbdGroups.Header(groupId), [EmulatedRbdGroups.ImageKey(imageIo.PoolId, imageId)]);
                throw StorageErrors.Create(Errno.EEXIST, op, imageName);
            }

            EmulatedRbdGroups.SetGroupOf(imageIo, imageId, (io.PoolId, groupId));
            EmulatedRbdGroups.SetImage(io, groupId, imageIo.PoolId, imageId, RbdGroupImageState.Attached);
        }
    }

    /// <inheritdoc />
    public void RemoveGroupImage(string groupName, string imageName, IRadosIoContext? imageIoContext)
    {
        const string op = "rbd_group_image_remove";
        RadosArguments.Name(groupName, nameof(groupName));
        RbdArguments.ImageName(imageName, nameof(imageName));
        var imageIo = ImageIo(imageIoContext, nameof(imageIoContext));
        lock (_gate)
        {
            string groupId = GroupIdOf(groupName, op);
            string imageId = new EmulatedRbdClient(imageIo).IdOf(imageName, op);
            RemoveGroupImageLocked(groupId, imageIo.PoolId, imageId, op);
        }
    }

    /// <inheritdoc />
    public void RemoveGroupImageById(string groupName, string imageId, IRadosIoContext? imageIoContext)
    {
        const string op = "rbd_group_image_remove_by_id";
        RadosArguments.Name(groupName, nameof(groupName));
        RadosArguments.Name(imageId, nameof(imageId));
        var imageIo = ImageIo(imageIoContext, nameof(imageIoContext));
        lock (_gate)
        {
            RemoveGroupImageLocked(GroupIdOf(groupName, op), imageIo.PoolId, imageId, op);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<RbdGroupImageInfo> ListGroupImages(string groupName)
    {
        const string op = "rbd_group_image_list";
        RadosArguments.Name(groupName, nameof(groupName));
        lock (_gate)
        {
            // A missing group lists no images (measured).
            if (GroupIdOrNull(groupName) is not { } groupId)
            {
                return [];
            }

            var images = new List<RbdGroupImageInfo>();
            foreach (var image in EmulatedRbdGroups.Images(io, groupId))
            {
                using var pool = EmulatedPoolContext.For(io, image.PoolId, io.Namespace);
                string name = RbdLayout.OmapValue(pool.Io, RbdLayout.Directory, RbdLayout.IdKey(image.ImageId)) is { } value
                    ? RbdLayout.DecodeString(value.Span)
                    : throw StorageErrors.Create(Errno.ENOENT, op, image.ImageId);
                images.Add(new RbdGroupImageInfo(name, image.PoolId, image.State));
            }

            return images;
        }
    }

    /// <inheritdoc />
    public void CreateGroupSnapshot(string groupName, string snapshotName)
    {
        const string op = "rbd_group_snap_create";
        RadosArguments.Name(groupName, nameof(groupName));
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        lock (_gate)
        {
            string groupId = GroupIdOf(groupName, op);
            if (snapshotName.Length == 0)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, snapshotName);
            }

            if (EmulatedRbdGroups.Snapshots(io, groupId).Exists(s => s.Name == snapshotName))
            {
                throw StorageErrors.Create(Errno.EEXIST, op, snapshotName);
            }

            // Every listed image takes part, an incomplete one too (measured: no error).
            var images = EmulatedRbdGroups.Images(io, groupId);

            // Recorded incomplete first, complete once every member image has its snapshot in the group namespace.
            string snapshotId = NewId();
            EmulatedRbdGroups.PutSnapshot(io, groupId, new EmulatedRbdGroups.Snapshot(snapshotId, snapshotName, RbdGroupSnapshotState.Incomplete, []));
            string imageSnapshotName = EmulatedRbdGroups.ImageSnapshotName(io.PoolId, groupId, snapshotId);
            var taken = new List<EmulatedRbdGroups.ImageSnapshot>();
            foreach (var image in images)
            {
                using var pool = EmulatedPoolContext.For(io, image.PoolId, io.Namespace);
                using var member = OpenMember(pool.Io, image.ImageId, op);
                taken.Add(new EmulatedRbdGroups.ImageSnapshot(image.PoolId, image.ImageId, member.CreateGroupSnapshot(imageSnapshotName, op)));
            }

            EmulatedRbdGroups.PutSnapshot(io, groupId, new EmulatedRbdGroups.Snapshot(snapshotId, snapshotName, RbdGroupSnapshotState.Complete, taken));
        }
    }

    /// <inheritdoc />
    public void RemoveGroupSnapshot(string groupName, string snapshotName)
    {
        const string op = "rbd_group_snap_remove";
        RadosArguments.Name(groupName, nameof(groupName));
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        lock (_gate)
        {
            string groupId = GroupIdOf(groupName, op);
            var snapshot = GroupSnapshotOf(groupId, snapshotName, op);
            RemoveGroupSnapshotLocked(groupId, snapshot, op);
        }
    }

    /// <inheritdoc />
    public void RenameGroupSnapshot(string groupName, string sourceName, string destinationName)
    {
        const string op = "rbd_group_snap_rename";
        RadosArguments.Name(groupName, nameof(groupName));
        RadosArguments.Name(sourceName, nameof(sourceName));
        RadosArguments.Name(destinationName, nameof(destinationName));
        lock (_gate)
        {
            string groupId = GroupIdOf(groupName, op);
            var snapshot = GroupSnapshotOf(groupId, sourceName, op);
            if (EmulatedRbdGroups.Snapshots(io, groupId).Exists(s => s.Name == destinationName))
            {
                throw StorageErrors.Create(Errno.EEXIST, op, destinationName);
            }

            // The member images' snapshots keep their names: they are named after the group snapshot's id.
            EmulatedRbdGroups.PutSnapshot(io, groupId, snapshot with { Name = destinationName });
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<RbdGroupSnapshotInfo> ListGroupSnapshots(string groupName)
    {
        RadosArguments.Name(groupName, nameof(groupName));
        lock (_gate)
        {
            // A missing group lists no snapshots (measured).
            return GroupIdOrNull(groupName) is { } groupId
                ? EmulatedRbdGroups.Snapshots(io, groupId).Select(s => new RbdGroupSnapshotInfo(s.Name, s.State)).ToList()
                : [];
        }
    }

    /// <inheritdoc />
    public void RollbackGroupSnapshot(string groupName, string snapshotName, IProgress<RbdProgress>? progress)
    {
        string op = progress is null ? "rbd_group_snap_rollback" : "rbd_group_snap_rollback_with_progress";
        RadosArguments.Name(groupName, nameof(groupName));
        RadosArguments.Name(snapshotName, nameof(snapshotName));
        lock (_gate)
        {
            string groupId = GroupIdOf(groupName, op);
            var snapshot = GroupSnapshotOf(groupId, snapshotName, op);

            // Each image the snapshot recorded rolls back in turn, progress reported per image; images that joined
            // later are left alone, and so are recorded snapshots that are gone (measured: no error).
            foreach (var image in snapshot.Images)
            {
                using var pool = EmulatedPoolContext.For(io, image.PoolId, io.Namespace);
                if (EmulatedRbdSnapshots.Find(pool.Io, image.ImageId, image.SnapshotId) is null)
                {
                    continue;
                }

                using var member = OpenMember(pool.Io, image.ImageId, op);
                member.RollbackToGroupSnapshot(image.SnapshotId, progress, op);
            }
        }
    }

    /// <summary>The id of the group called <paramref name="groupName"/>; ENOENT when there is none.</summary>
    private string GroupIdOf(string groupName, string operation)
        => GroupIdOrNull(groupName) ?? throw StorageErrors.Create(Errno.ENOENT, operation, groupName);

    private string? GroupIdOrNull(string groupName)
        => RbdLayout.OmapValue(io, EmulatedRbdGroups.Directory, RbdLayout.NameKey(groupName)) is { } value ? RbdLayout.DecodeString(value.Span) : null;

    private EmulatedRbdGroups.Snapshot GroupSnapshotOf(string groupId, string snapshotName, string operation)
        => EmulatedRbdGroups.Snapshots(io, groupId).Find(s => s.Name == snapshotName) ?? throw StorageErrors.Create(Errno.ENOENT, operation, snapshotName);

    /// <summary>
    /// librbd's image removal from a group: the group's record turns incomplete, the image drops its group
    /// reference (EBADF when it names another group, leaving the incomplete record; no header or no reference is
    /// fine), then the record goes.
    /// </summary>
    private void RemoveGroupImageLocked(string groupId, long imagePoolId, string imageId, string operation)
    {
        EmulatedRbdGroups.SetImage(io, groupId, imagePoolId, imageId, RbdGroupImageState.Incomplete);
        using (var pool = EmulatedPoolContext.For(io, imagePoolId, io.Namespace))
        {
            if (Exists(pool.Io, RbdLayout.Header(imageId)) && EmulatedRbdGroups.GroupOf(pool.Io, imageId) is { } current)
            {
                if (current != (io.PoolId, groupId))
                {
                    throw StorageErrors.Create(Errno.EBADF, operation, imageId);
                }

                EmulatedRbdGroups.SetGroupOf(pool.Io, imageId, null);
            }
        }

        io.RemoveOmapKeys(EmulatedRbdGroups.Header(groupId), [EmulatedRbdGroups.ImageKey(imagePoolId, imageId)]);
    }

    /// <summary>Removes the member images' snapshots a group snapshot recorded (those still there), then the record.</summary>
    private void RemoveGroupSnapshotLocked(string groupId, EmulatedRbdGroups.Snapshot snapshot, string operation)
    {
        foreach (var image in snapshot.Images)
        {
            using var pool = EmulatedPoolContext.For(io, image.PoolId, io.Namespace);
            if (!Exists(pool.Io, RbdLayout.Header(image.ImageId)) || EmulatedRbdSnapshots.Find(pool.Io, image.ImageId, image.SnapshotId) is null)
            {
                continue;
            }

            using var member = OpenMember(pool.Io, image.ImageId, operation);
            member.RemoveSnapshot(image.SnapshotId);
        }

        io.RemoveOmapKeys(EmulatedRbdGroups.Header(groupId), [EmulatedRbdGroups.SnapshotKeyPrefix + snapshot.Id]);
    }

    /// <summary>Opens a member image by id as librbd does for group operations (a writable handle).</summary>
    private static EmulatedRbdImage OpenMember(IRadosIoContext imageIo, string imageId, string operation)
    {
        string name = RbdLayout.OmapValue(imageIo, RbdLayout.Directory, RbdLayout.IdKey(imageId)) is { } value ? RbdLayout.DecodeString(value.Span) : imageId;
        return new EmulatedRbdClient(imageIo).OpenImage(name, imageId, readOnly: false, operation);
    }

    private static bool Exists(IRadosIoContext objectIo, string objectName)
    {
        try
        {
            objectIo.Stat(objectName);
            return true;
        }
        catch (StorageNotFoundException)
        {
            return false;
        }
    }

    private IRadosIoContext ImageIo(IRadosIoContext? imageIoContext, string paramName)
        => imageIoContext switch
        {
            null => io,
            EmulatedRadosIoContext => imageIoContext,
            _ => throw new ArgumentException("The io context does not come from the emulator.", paramName),
        };

    /// <summary>librbd refuses to remove an image that is still in a group (after the snapshot and watcher checks).</summary>
    private void ThrowIfInGroup(string imageId, string operation, string name)
    {
        if (EmulatedRbdGroups.GroupOf(io, imageId) is not null)
        {
            throw StorageErrors.Create(Errno.EMLINK, operation, name);
        }
    }
}
