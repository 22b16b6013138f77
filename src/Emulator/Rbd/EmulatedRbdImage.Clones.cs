using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// Clones as librbd 16 makes them (docs/native-probe-results.md, "RBD clones and diff"): the child's header holds
/// the parent link and overlap; a data object the child lacks reads through to the parent's object at the parent
/// snapshot (within the overlap); the first write, tail discard or truncate of such an object copies the parent's
/// object up first, with an empty snapshot context so the child's own snapshots see the parent data too.
/// </summary>
internal sealed partial class EmulatedRbdImage
{
    /// <inheritdoc />
    public RbdParentInfo? GetParent()
    {
        const string op = "rbd_get_parent";
        Header(op);
        if (EmulatedRbdParents.Read(io, id) is not { } link)
        {
            return null;
        }

        string parentName = RbdLayout.OmapValue(io, RbdLayout.Directory, RbdLayout.IdKey(link.ImageId)) is { } value ? RbdLayout.DecodeString(value.Span) : "";
        var snapshot = EmulatedRbdSnapshots.Find(io, link.ImageId, link.SnapshotId);
        string poolName = link.PoolId == io.PoolId ? io.PoolName : "";
        return new RbdParentInfo(link.PoolId, poolName, link.PoolNamespace, link.ImageId, parentName, false, link.SnapshotId, snapshot?.Name ?? "", snapshot?.NamespaceType ?? RbdSnapshotNamespaceType.User);
    }

    /// <inheritdoc />
    public long Overlap
    {
        get
        {
            var header = Header("rbd_get_overlap");
            return OverlapAt(header);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<RbdChildInfo> ListChildren()
    {
        const string op = "rbd_list_children3";
        Header(op);
        ulong? at = CurrentSnapshotId;
        var snapshots = at is ulong snapshotId ? [snapshotId] : EmulatedRbdSnapshots.List(io, id, op, Name).Select(s => s.Id).ToList();
        var children = new List<RbdChildInfo>();
        foreach (ulong snapshot in snapshots)
        {
            foreach (string childId in EmulatedRbdParents.V1Children(io, io.PoolId, id, snapshot))
            {
                children.Add(Child(io.PoolId, "", childId));
            }

            foreach (var (poolId, nameSpace, childId) in EmulatedRbdParents.V2Children(io, id, snapshot))
            {
                children.Add(Child(poolId, nameSpace, childId));
            }
        }

        return [.. children.OrderBy(c => c.PoolId).ThenBy(c => c.PoolNamespace, StringComparer.Ordinal).ThenBy(c => c.ImageName, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public void Flatten(IProgress<RbdProgress>? progress)
    {
        const string op = "rbd_flatten_with_progress";
        {
            var header = Header(op);
            EnsureWritable(op);
            if (EmulatedRbdParents.Read(io, id) is not { } link)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, Name);
            }

            long objects = (Math.Min(link.Overlap, header.Size) + header.ObjectSize - 1) / header.ObjectSize;
            for (long objectNumber = 0; objectNumber < objects; objectNumber++)
            {
                progress?.Report(new RbdProgress(objectNumber, objects));
                CopyUp(objectNumber, header);
            }

            lock (EmulatedRbdParents.Gate)
            {
                EmulatedRbdClient.Detach(io, id);
            }
        }
    }

    /// <inheritdoc />
    public void Copy(IRadosIoContext destinationIoContext, string destinationName, RbdImageOptions? options, IProgress<RbdProgress>? progress)
    {
        const string op = "rbd_copy_with_progress3";
        IRadosIoContext destinationIo = EmulatedIoContext(destinationIoContext, nameof(destinationIoContext));
        RbdArguments.ImageName(destinationName, nameof(destinationName));
        var header = Header(op);
        if (options?.CloneFormat is not null)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, destinationName);
        }

        var destination = new EmulatedRbdClient(destinationIo);
        CreateCopyTarget(destination, destinationName, header, options, op);
        string destinationId = RbdLayout.OmapValue(destinationIo, RbdLayout.Directory, RbdLayout.NameKey(destinationName)) is { } value ? RbdLayout.DecodeString(value.Span) : throw StorageErrors.Create(Errno.ENOENT, op, destinationName);
        using var target = new EmulatedRbdImage(destinationIo, destinationName, destinationId);
        var buffer = new byte[header.ObjectSize];
        for (long offset = 0; offset < header.Size; offset += header.ObjectSize)
        {
            progress?.Report(new RbdProgress(offset, header.Size));
            int length = (int)Math.Min(header.ObjectSize, header.Size - offset);
            Span<byte> chunk = buffer.AsSpan(0, length);
            Read(chunk, offset);
            // librbd's copy leaves all-zero chunks out, so the copy stays sparse.
            if (chunk.ContainsAnyExcept((byte)0))
            {
                target.Write(chunk, offset);
            }
        }

        progress?.Report(new RbdProgress(header.Size, header.Size));
    }

    /// <inheritdoc />
    public void DeepCopy(IRadosIoContext destinationIoContext, string destinationName, RbdImageOptions? options, IProgress<RbdProgress>? progress)
    {
        const string op = "rbd_deep_copy_with_progress";
        IRadosIoContext destinationIo = EmulatedIoContext(destinationIoContext, nameof(destinationIoContext));
        RbdArguments.ImageName(destinationName, nameof(destinationName));
        var header = Header(op);
        if (options?.CloneFormat is not null)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, destinationName);
        }

        var destination = new EmulatedRbdClient(destinationIo);
        CreateCopyTarget(destination, destinationName, header, options, op);
        string destinationId = RbdLayout.OmapValue(destinationIo, RbdLayout.Directory, RbdLayout.NameKey(destinationName)) is { } value ? RbdLayout.DecodeString(value.Span) : throw StorageErrors.Create(Errno.ENOENT, op, destinationName);
        if (EmulatedRbdParents.Read(io, id) is { } link)
        {
            lock (EmulatedRbdParents.Gate)
            {
                bool v1 = EmulatedRbdParents.V1Children(io, link.PoolId, link.ImageId, link.SnapshotId).Contains(id);
                EmulatedRbdParents.Write(destinationIo, destinationId, link with { Overlap = Math.Min(link.Overlap, header.Size) });
                EmulatedRbdClient.Attach(io, link.ImageId, link.SnapshotId, destinationIo, destinationId, v1 ? 1 : 2);
            }
        }

        using var target = new EmulatedRbdImage(destinationIo, destinationName, destinationId);
        var snapshots = EmulatedRbdSnapshots.List(io, id, op, Name).Where(s => s.NamespaceType == RbdSnapshotNamespaceType.User).ToList();
        ulong from = 0;
        long largest = header.Size;
        foreach (var snapshot in snapshots)
        {
            largest = Math.Max(largest, snapshot.Size);
            target.Resize(snapshot.Size);
            CopyObjectsInto(target, from, snapshot.Id, snapshot.Size);
            target.CreateSnapshot(snapshot.Name);
            from = snapshot.Id;
        }

        target.Resize(header.Size);
        CopyObjectsInto(target, from, RadosSnapshot.Head, header.Size);
        long objects = (largest + header.ObjectSize - 1) / header.ObjectSize;
        for (long objectNumber = 1; objectNumber <= objects; objectNumber++)
        {
            progress?.Report(new RbdProgress(objectNumber, objects));
        }
    }

    /// <summary>How much of the image reads through to the parent at <paramref name="readSnapshot"/>: 0 for no parent.</summary>
    private long OverlapAt(EmulatedRbdHeader header)
        => EmulatedRbdParents.Read(io, id) is { } link ? Math.Min(link.Overlap, header.Size) : 0;

    /// <summary>Fills <paramref name="target"/> from the parent for an object the image lacks; returns the bytes that hold parent data.</summary>
    private int ReadFromParent(long objectNumber, long inObject, Span<byte> target, EmulatedRbdHeader header)
    {
        if (EmulatedRbdParents.Read(io, id) is not { } link)
        {
            return 0;
        }

        long overlap = Math.Min(link.Overlap, header.Size);
        long start = (objectNumber * header.ObjectSize) + inObject;
        if (start >= overlap)
        {
            return 0;
        }

        int length = (int)Math.Min(target.Length, overlap - start);
        return ReadImageObject(io, link.ImageId, link.SnapshotId, objectNumber, inObject, target[..length]);
    }

    /// <summary>
    /// Reads one data object of image <paramref name="imageId"/> at <paramref name="snapshotId"/>, through to its own
    /// parent when the object is missing; returns how many leading bytes hold data (the rest reads as zeros).
    /// </summary>
    private static int ReadImageObject(IRadosIoContext io, string imageId, ulong snapshotId, long objectNumber, long inObject, Span<byte> target)
    {
        using var data = ((EmulatedRadosIoContext)io).Duplicate();
        data.SetReadSnapshot(snapshotId);
        try
        {
            return data.Read(RbdLayout.DataObject(imageId, objectNumber), target, inObject);
        }
        catch (StorageNotFoundException)
        {
            // Not in this image: read through, within its overlap at that snapshot.
        }

        if (EmulatedRbdParents.Read(io, imageId) is not { } link)
        {
            return 0;
        }

        var header = EmulatedRbdHeader.Read(io, imageId, "rbd_read", imageId);
        long size = snapshotId == RadosSnapshot.Head ? header.Size : EmulatedRbdSnapshots.Find(io, imageId, snapshotId)?.Size ?? 0;
        long overlap = Math.Min(link.Overlap, size);
        long start = (objectNumber * header.ObjectSize) + inObject;
        if (start >= overlap)
        {
            return 0;
        }

        int length = (int)Math.Min(target.Length, overlap - start);
        return ReadImageObject(io, link.ImageId, link.SnapshotId, objectNumber, inObject, target[..length]);
    }

    /// <summary>
    /// librbd's copy-up: before the first change to an object the clone lacks, the parent's object (within the
    /// overlap) is written to it under an empty snapshot context, then the image's context is set back.
    /// </summary>
    private void CopyUp(long objectNumber, EmulatedRbdHeader header)
    {
        if (EmulatedRbdParents.Read(io, id) is not { } link)
        {
            return;
        }

        long start = objectNumber * header.ObjectSize;
        long overlap = Math.Min(link.Overlap, header.Size);
        if (start >= overlap)
        {
            return;
        }

        string objectName = RbdLayout.DataObject(id, objectNumber);
        if (ObjectExists(objectName))
        {
            return;
        }

        var buffer = new byte[Math.Min(header.ObjectSize, overlap - start)];
        int length = ReadImageObject(io, link.ImageId, link.SnapshotId, objectNumber, 0, buffer);
        if (length == 0)
        {
            return;
        }

        var (sequence, snapshots) = EmulatedRbdSnapshots.WriteContext(io, id, "rbd_write", Name);
        Data.SetSelfManagedSnapshotWriteContext(0, []);
        try
        {
            Data.Write(objectName, buffer.AsSpan(0, length), 0);
        }
        finally
        {
            Data.SetSelfManagedSnapshotWriteContext(sequence, snapshots);
        }
    }

    /// <summary>
    /// A whole-object discard in a clone: where the parent would show through, librbd keeps an empty object
    /// (truncated to 0) so the object reads as zeros; returns false when the object can simply be removed.
    /// </summary>
    private bool DiscardWholeInClone(long objectNumber, EmulatedRbdHeader header)
    {
        if (EmulatedRbdParents.Read(io, id) is not { } link || objectNumber * header.ObjectSize >= Math.Min(link.Overlap, header.Size))
        {
            return false;
        }

        // RADOS truncate leaves a missing object missing; an empty write creates it (librbd sends create + truncate).
        string objectName = RbdLayout.DataObject(id, objectNumber);
        Data.Write(objectName, ReadOnlySpan<byte>.Empty, 0);
        Data.Truncate(objectName, 0);
        return true;
    }

    /// <summary>A shrink below the overlap makes the overlap the new size (it never grows back).</summary>
    private void ShrinkOverlap(long size)
    {
        if (EmulatedRbdParents.Read(io, id) is { } link && size < link.Overlap)
        {
            EmulatedRbdParents.Write(io, id, link with { Overlap = size });
        }
    }

    /// <summary>Whether format 1 clones depend on snapshot <paramref name="snapshotId"/>: only those keep a snapshot protected (measured).</summary>
    private bool HasV1Children(ulong snapshotId) => EmulatedRbdParents.V1Children(io, io.PoolId, id, snapshotId).Count > 0;

    /// <summary>
    /// librbd 16 removes a snapshot that format 2 clones still use by moving it to the trash namespace under a
    /// UUID name (the image gains the snap-trash op feature); it goes for good when its last child does.
    /// </summary>
    private bool MoveToTrashIfCloned(RbdSnapshotInfo snapshot)
    {
        lock (EmulatedRbdParents.Gate)
        {
            if (EmulatedRbdParents.V2Children(io, id, snapshot.Id).Count == 0)
            {
                return false;
            }

            EmulatedRbdSnapshots.Put(io, id, snapshot with { Name = Guid.NewGuid().ToString(), NamespaceType = RbdSnapshotNamespaceType.Trash });
            EmulatedRbdParents.WriteUInt64Key(io, id, EmulatedRbdParents.OpFeaturesKey, EmulatedRbdParents.ReadUInt64Key(io, id, EmulatedRbdParents.OpFeaturesKey) | EmulatedRbdParents.OpSnapshotTrash);
            return true;
        }
    }

    private bool ObjectExists(string objectName)
    {
        try
        {
            Data.SetReadSnapshot(RadosSnapshot.Head);
            Data.Stat(objectName);
            return true;
        }
        catch (StorageNotFoundException)
        {
            return false;
        }
    }

    private RbdChildInfo Child(long poolId, string nameSpace, string childId)
    {
        string childName = RbdLayout.OmapValue(io, RbdLayout.Directory, RbdLayout.IdKey(childId)) is { } value ? RbdLayout.DecodeString(value.Span) : "";
        return new RbdChildInfo(poolId, poolId == io.PoolId ? io.PoolName : "", nameSpace, childId, childName, false);
    }

    private static EmulatedRadosIoContext EmulatedIoContext(IRadosIoContext ioContext, string paramName)
    {
        ArgumentNullException.ThrowIfNull(ioContext, paramName);
        return ioContext as EmulatedRadosIoContext ?? throw new ArgumentException("The io context does not come from the emulator.", paramName);
    }

    private static void CreateCopyTarget(EmulatedRbdClient destination, string name, EmulatedRbdHeader header, RbdImageOptions? options, string operation)
    {
        if (destination.List().Contains(name))
        {
            throw StorageErrors.Create(Errno.EEXIST, operation, name);
        }

        destination.Create(name, header.Size, options?.Order is int order and not 0 ? order : header.Order);
    }
}
