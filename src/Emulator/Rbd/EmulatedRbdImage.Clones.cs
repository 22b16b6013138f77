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

        using var parent = EmulatedPoolContext.For(io, link.PoolId, link.PoolNamespace);
        var (parentName, parentInTrash) = EmulatedRbdClient.NameById(parent.Io, link.ImageId);
        var snapshot = EmulatedRbdSnapshots.Find(parent.Io, link.ImageId, link.SnapshotId);
        string poolName = parent.Io.PoolName;
        return new RbdParentInfo(link.PoolId, poolName, link.PoolNamespace, link.ImageId, parentName, parentInTrash, link.SnapshotId, snapshot?.Name ?? "", snapshot?.NamespaceType ?? RbdSnapshotNamespaceType.User);
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
            foreach (var (poolId, childId) in EmulatedPoolContext.V1ChildrenEverywhere(io, io.PoolId, id, snapshot))
            {
                children.Add(Child(poolId, "", childId));
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

            AcquireExclusiveLock(header, op);

            long objects = RbdStriper.ObjectCount(header, Math.Min(link.Overlap, header.Size));
            for (long objectNumber = 0; objectNumber < objects; objectNumber++)
            {
                progress?.Report(new RbdProgress(objectNumber, objects));
                CopyUp(objectNumber, header);
            }

            UpdateObjectMap(header, 0, Math.Min(link.Overlap, header.Size));

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
        // librbd copies a stripe period (object set) at a time and reports progress in bytes per period.
        long period = header.ObjectSize * header.StripeCount;
        var buffer = new byte[period];
        for (long offset = 0; offset < header.Size; offset += period)
        {
            progress?.Report(new RbdProgress(offset, header.Size));
            int length = (int)Math.Min(period, header.Size - offset);
            Read(buffer.AsSpan(0, length), offset);
            // All-zero stripe units are left out, so the copy stays sparse.
            for (int unit = 0; unit < length; unit += (int)header.StripeUnit)
            {
                Span<byte> chunk = buffer.AsSpan(unit, (int)Math.Min(header.StripeUnit, length - unit));
                if (chunk.ContainsAnyExcept((byte)0))
                {
                    target.Write(chunk, offset + unit);
                }
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

        var parentLink = EmulatedRbdParents.Read(io, id);
        using var parentPool = parentLink is null ? default : EmulatedPoolContext.For(io, parentLink.PoolId, parentLink.PoolNamespace);
        if (parentLink is not null && EmulatedRbdSnapshots.Find(parentPool.Io, parentLink.ImageId, parentLink.SnapshotId) is not { IsProtected: true })
        {
            // The copy is cloned from the same parent snapshot with the default clone format, 1 here (measured EINVAL).
            throw StorageErrors.Create(Errno.EINVAL, op, destinationName);
        }

        var destination = new EmulatedRbdClient(destinationIo);
        CreateCopyTarget(destination, destinationName, header, options, op);
        string destinationId = RbdLayout.OmapValue(destinationIo, RbdLayout.Directory, RbdLayout.NameKey(destinationName)) is { } value ? RbdLayout.DecodeString(value.Span) : throw StorageErrors.Create(Errno.ENOENT, op, destinationName);
        if (parentLink is not null)
        {
            lock (EmulatedRbdParents.Gate)
            {
                EmulatedRbdParents.Write(destinationIo, destinationId, parentLink with { Overlap = OverlapAt(header) });
                EmulatedRbdClient.Attach(parentPool.Io, parentLink.ImageId, parentLink.SnapshotId, destinationIo, destinationId, 1);
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
            if (snapshot.IsProtected)
            {
                // librbd's snapshot copy protects what was protected (measured).
                target.ProtectSnapshot(snapshot.Name);
            }

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

    /// <summary>How much of the image reads through to the parent at the handle's snapshot or head: 0 for no parent.</summary>
    private long OverlapAt(EmulatedRbdHeader header) => OverlapOf(io, id, CurrentSnapshotId ?? RadosSnapshot.Head, header.Size);

    /// <summary>
    /// The parent overlap of image <paramref name="imageId"/> at <paramref name="snapshotId"/>: librbd keeps one per
    /// snapshot (a later shrink of the head does not lower it), the emulator under <c>parent_overlap_&lt;%016x id&gt;</c>.
    /// </summary>
    private static long OverlapOf(IRadosIoContext io, string imageId, ulong snapshotId, long size)
    {
        if (EmulatedRbdParents.Read(io, imageId) is not { } link)
        {
            return 0;
        }

        long overlap = link.Overlap;
        if (snapshotId != RadosSnapshot.Head && RbdLayout.OmapValue(io, RbdLayout.Header(imageId), SnapshotOverlapKey(snapshotId)) is { Length: >= 8 } value)
        {
            overlap = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(value.Span);
        }

        return Math.Min(overlap, size);
    }

    private static string SnapshotOverlapKey(ulong snapshotId) => "parent_overlap_" + snapshotId.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A removed snapshot's overlap record goes with it.</summary>
    private void ForgetSnapshotOverlap(ulong snapshotId)
    {
        if (RbdLayout.OmapValue(io, RbdLayout.Header(id), SnapshotOverlapKey(snapshotId)) is not null)
        {
            io.RemoveOmapKeys(RbdLayout.Header(id), [SnapshotOverlapKey(snapshotId)]);
        }
    }

    /// <summary>A new snapshot of a clone remembers the overlap of the moment.</summary>
    private void RecordSnapshotOverlap(ulong snapshotId, long size)
    {
        if (EmulatedRbdParents.Read(io, id) is { } link)
        {
            io.SetOmap(RbdLayout.Header(id), new Dictionary<string, ReadOnlyMemory<byte>> { [SnapshotOverlapKey(snapshotId)] = RbdLayout.EncodeUInt64((ulong)Math.Min(link.Overlap, size)) });
        }
    }

    /// <summary>
    /// Before librbd removes or empties an object of a clone that has snapshots, it copies the parent's data up, so
    /// the snapshots keep reading it (measured: a shrink after a snapshot leaves the objects past the end in it).
    /// </summary>
    private void CopyUpForSnapshots(long objectNumber, EmulatedRbdHeader header)
    {
        if (EmulatedRbdSnapshots.List(io, id, "rbd_discard", Name).Count > 0)
        {
            CopyUp(objectNumber, header);
        }
    }

    /// <summary>Fills <paramref name="target"/> from the parent for an object the image lacks; returns the bytes that read through (up to the overlap).</summary>
    private int ReadFromParent(long objectNumber, long inObject, Span<byte> target, EmulatedRbdHeader header)
    {
        if (EmulatedRbdParents.Read(io, id) is not { } link)
        {
            return 0;
        }

        long overlap = OverlapAt(header);
        long position = ImageOffset(header, objectNumber, inObject);
        if (position >= overlap)
        {
            return 0;
        }

        int length = (int)Math.Min(target.Length, overlap - position);
        using var parent = EmulatedPoolContext.For(io, link.PoolId, link.PoolNamespace);
        ReadImageRange(parent.Io, link.ImageId, link.SnapshotId, position, target[..length]);
        return length;
    }

    /// <summary>
    /// Reads image range [<paramref name="imageOffset"/>, +length) of image <paramref name="imageId"/> at
    /// <paramref name="snapshotId"/>, through to its own parent where it lacks objects (within its overlap); zeros
    /// elsewhere. Returns how many leading bytes end at the last byte some data object actually held.
    /// </summary>
    private static int ReadImageRange(IRadosIoContext io, string imageId, ulong snapshotId, long imageOffset, Span<byte> target)
    {
        target.Clear();
        var header = EmulatedRbdHeader.Read(io, imageId, "rbd_read", imageId);
        long size = snapshotId == RadosSnapshot.Head ? header.Size : EmulatedRbdSnapshots.Find(io, imageId, snapshotId)?.Size ?? 0;
        var link = EmulatedRbdParents.Read(io, imageId);
        using var data = ((EmulatedRadosIoContext)io).Duplicate();
        data.SetReadSnapshot(snapshotId);
        int backed = 0;
        int done = 0;
        while (done < target.Length && imageOffset + done < size)
        {
            long position = imageOffset + done;
            var (objectNumber, inObject, available) = RbdStriper.Locate(header, position);
            int chunk = (int)Math.Min(Math.Min(target.Length - done, available), size - position);
            int read = 0;
            try
            {
                read = data.Read(RbdLayout.DataObject(imageId, objectNumber), target.Slice(done, chunk), inObject);
            }
            catch (StorageNotFoundException)
            {
                long overlap = OverlapOf(io, imageId, snapshotId, size);
                if (link is not null && position < overlap)
                {
                    using var parent = EmulatedPoolContext.For(io, link.PoolId, link.PoolNamespace);
                    read = ReadImageRange(parent.Io, link.ImageId, link.SnapshotId, position, target.Slice(done, (int)Math.Min(chunk, overlap - position)));
                }
            }

            if (read > 0)
            {
                backed = done + read;
            }

            done += chunk;
        }

        return backed;
    }

    /// <summary>The image offset of byte <paramref name="inObject"/> of object <paramref name="objectNumber"/> (the inverse of <see cref="RbdStriper.Locate"/>).</summary>
    private static long ImageOffset(EmulatedRbdHeader header, long objectNumber, long inObject)
    {
        long unit = header.StripeUnit;
        long count = header.StripeCount;
        return (objectNumber / count * header.ObjectSize * count) + (inObject / unit * unit * count) + (objectNumber % count * unit) + (inObject % unit);
    }

    /// <summary>
    /// librbd's copy-up: before the first change to an object the clone lacks, the parent's data for the
    /// object's image extents (within the overlap) is written to it under an empty snapshot context, then the
    /// image's context is set back. Nothing is written when the parent holds nothing there.
    /// </summary>
    private void CopyUp(long objectNumber, EmulatedRbdHeader header)
    {
        if (EmulatedRbdParents.Read(io, id) is not { } link)
        {
            return;
        }

        long overlap = Math.Min(link.Overlap, header.Size);
        if (ImageOffset(header, objectNumber, 0) >= overlap)
        {
            return;
        }

        string objectName = RbdLayout.DataObject(id, objectNumber);
        if (ObjectExists(objectName))
        {
            return;
        }

        // The OSD's copyup writes only when the object does not exist yet; the gate makes check and write one step,
        // so two writers racing to the same object cannot copy the parent over each other's data.
        lock (EmulatedRbdParents.Gate)
        {
            if (!ObjectExists(objectName))
            {
                CopyUpLocked(objectName, objectNumber, header, link, overlap);
            }
        }
    }

    private void CopyUpLocked(string objectName, long objectNumber, EmulatedRbdHeader header, EmulatedParentLink link, long overlap)
    {
        var buffer = new byte[header.ObjectSize];
        int backed = 0;
        using var parent = EmulatedPoolContext.For(io, link.PoolId, link.PoolNamespace);
        for (long inObject = 0; inObject < header.ObjectSize; inObject += header.StripeUnit)
        {
            long position = ImageOffset(header, objectNumber, inObject);
            if (position >= overlap)
            {
                break;
            }

            int length = (int)Math.Min(header.StripeUnit, overlap - position);
            int read = ReadImageRange(parent.Io, link.ImageId, link.SnapshotId, position, buffer.AsSpan((int)inObject, length));
            if (read > 0)
            {
                backed = (int)inObject + read;
            }
        }

        if (backed == 0)
        {
            return;
        }

        var (sequence, snapshots) = EmulatedRbdSnapshots.WriteContext(io, id, "rbd_write", Name);
        Data.SetSelfManagedSnapshotWriteContext(0, []);
        try
        {
            Data.Write(objectName, buffer.AsSpan(0, backed), 0);
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
        if (EmulatedRbdParents.Read(io, id) is not { } link || ImageOffset(header, objectNumber, 0) >= Math.Min(link.Overlap, header.Size))
        {
            return false;
        }

        CopyUpForSnapshots(objectNumber, header);
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
    private bool HasV1Children(ulong snapshotId) => EmulatedPoolContext.V1ChildrenEverywhere(io, io.PoolId, id, snapshotId).Count > 0;

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
        using var pool = EmulatedPoolContext.For(io, poolId, nameSpace);
        var (childName, inTrash) = EmulatedRbdClient.NameById(pool.Io, childId);
        return new RbdChildInfo(poolId, pool.Io.PoolName, nameSpace, childId, childName, inTrash);
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

        destination.CreateLike(name, header.Size, options?.Order is int order and not 0 ? order : header.Order, header, operation);
    }
}
