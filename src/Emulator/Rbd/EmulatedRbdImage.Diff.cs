using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// rbd_diff_iterate2 as librbd 16 does it without fast-diff (measured, docs/native-probe-results.md): per data
/// object it lists the RADOS snapshots and works out, from the clones' sizes and overlaps, which ranges changed
/// between the two snapshots; ranges inside the object's size at the end are data, ranges past it (or all of a
/// gone object) read as zeros. From creation, an object that is missing or empty reports the parent's extents.
/// </summary>
internal sealed partial class EmulatedRbdImage
{
    /// <inheritdoc />
    public IReadOnlyList<RbdDiffExtent> Diff(string? fromSnapshotName, long offset, long length, bool includeParent, bool wholeObject)
    {
        const string op = "rbd_diff_iterate2";
        if (fromSnapshotName is not null)
        {
            RbdArguments.ImageName(fromSnapshotName, nameof(fromSnapshotName));
        }

        RbdArguments.NotNegative(offset, nameof(offset));
        RbdArguments.NotNegative(length, nameof(length));
        {
            var header = Header(op);
            ulong endSnapshot = CurrentSnapshotId ?? RadosSnapshot.Head;
            long clipped = Clip(header, offset, length, op);
            if (clipped == 0)
            {
                return [];
            }

            ulong fromSnapshot = 0;
            if (fromSnapshotName is not null)
            {
                fromSnapshot = EmulatedRbdSnapshots.Find(io, id, fromSnapshotName, op, Name) is { NamespaceType: RbdSnapshotNamespaceType.User } snapshot
                    ? snapshot.Id
                    : throw StorageErrors.Create(Errno.ENOENT, op, fromSnapshotName);
            }

            if (fromSnapshot == endSnapshot)
            {
                return [];
            }

            if (fromSnapshot > endSnapshot)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, fromSnapshotName);
            }

            IntervalSet? parentDiff = null;
            if (includeParent && fromSnapshot == 0 && EmulatedRbdParents.Read(io, id) is { } link && OverlapAt(header) is long overlap and > 0)
            {
                using var parent = EmulatedPoolContext.For(io, link.PoolId, link.PoolNamespace);
                parentDiff = ParentExtents(parent.Io, link.ImageId, link.SnapshotId, overlap, wholeObject);
            }

            var extents = new List<RbdDiffExtent>();
            ImageDiff(io, id, header, fromSnapshot, endSnapshot, offset, clipped, wholeObject, parentDiff, extents);
            return extents;
        }
    }

    /// <summary>
    /// The extents of one image's diff, stripe period by stripe period (an object's extent without fancy
    /// striping): each object's changes mapped back to image offsets, sorted, adjacent extents of the same kind
    /// merged within the period, as librbd assembles them (measured on striped images).
    /// </summary>
    private static void ImageDiff(IRadosIoContext io, string imageId, EmulatedRbdHeader header, ulong fromSnapshot, ulong endSnapshot, long offset, long length, bool wholeObject, IntervalSet? parentDiff, List<RbdDiffExtent> extents)
    {
        var data = (EmulatedRadosIoContext)io;
        long period = header.ObjectSize * header.StripeCount;
        long end = offset + length;
        long position = offset;
        while (position < end)
        {
            long periodLength = Math.Min(position - (position % period) + period, end) - position;
            var objects = new Dictionary<long, (IntervalSet Diff, long EndSize, bool EndExists)>();
            var found = new List<RbdDiffExtent>();
            long done = 0;
            while (done < periodLength)
            {
                long imageOffset = position + done;
                var (objectNumber, inObject, available) = RbdStriper.Locate(header, imageOffset);
                long chunk = Math.Min(periodLength - done, available);
                if (!objects.TryGetValue(objectNumber, out var state))
                {
                    var listing = data.ListSnaps(RbdLayout.DataObject(imageId, objectNumber));
                    state = listing is null ? (new IntervalSet(), 0L, false) : ObjectDiff(listing, fromSnapshot, endSnapshot);
                    objects.Add(objectNumber, state);
                }

                var (diff, endSize, endExists) = state;
                if (diff.IsEmpty)
                {
                    if (fromSnapshot == 0 && endSize == 0 && parentDiff is not null)
                    {
                        var parent = parentDiff.Copy();
                        parent.IntersectWith(imageOffset, chunk);
                        foreach (var (start, stop) in parent.Ranges)
                        {
                            found.Add(new RbdDiffExtent(start, stop - start, true));
                        }
                    }
                }
                else if (wholeObject)
                {
                    found.Add(new RbdDiffExtent(imageOffset, chunk, endExists));
                }
                else
                {
                    var changed = diff.Copy();
                    changed.IntersectWith(inObject, chunk);
                    foreach (var (start, stop) in changed.Ranges)
                    {
                        long dataEnd = endExists ? Math.Min(stop, Math.Max(start, endSize)) : start;
                        if (dataEnd > start)
                        {
                            found.Add(new RbdDiffExtent(imageOffset + (start - inObject), dataEnd - start, true));
                        }

                        if (stop > dataEnd)
                        {
                            found.Add(new RbdDiffExtent(imageOffset + (dataEnd - inObject), stop - dataEnd, false));
                        }
                    }
                }

                done += chunk;
            }

            found.Sort((a, b) => a.Offset.CompareTo(b.Offset));
            foreach (var extent in found)
            {
                if (extents.Count > 0 && extents[^1] is var last && last.Exists == extent.Exists && last.Offset + last.Length == extent.Offset && last.Offset >= position)
                {
                    extents[^1] = last with { Length = last.Length + extent.Length };
                }
                else
                {
                    extents.Add(extent);
                }
            }

            position += periodLength;
        }
    }

    /// <summary>What a clone's parent contributes from creation: the parent's written extents (data only), merged.</summary>
    private static IntervalSet ParentExtents(IRadosIoContext io, string parentId, ulong snapshotId, long overlap, bool wholeObject)
    {
        var header = EmulatedRbdHeader.Read(io, parentId, "rbd_diff_iterate2", parentId);
        long size = EmulatedRbdSnapshots.Find(io, parentId, snapshotId)?.Size ?? header.Size;
        header = header with { Size = size };
        long length = Math.Min(overlap, size);
        IntervalSet? grandparent = null;
        if (EmulatedRbdParents.Read(io, parentId) is { } link && OverlapOf(io, parentId, snapshotId, size) is long parentOverlap and > 0)
        {
            using var parent = EmulatedPoolContext.For(io, link.PoolId, link.PoolNamespace);
            grandparent = ParentExtents(parent.Io, link.ImageId, link.SnapshotId, parentOverlap, wholeObject);
        }

        var extents = new List<RbdDiffExtent>();
        ImageDiff(io, parentId, header, 0, snapshotId, 0, length, wholeObject, grandparent, extents);
        var merged = new IntervalSet();
        foreach (var extent in extents.Where(e => e.Exists))
        {
            merged.Add(extent.Offset, extent.Length);
        }

        return merged;
    }

    /// <summary>
    /// librados' calc_snap_set_diff for one object: the ranges that differ between <paramref name="start"/> (0:
    /// creation) and <paramref name="end"/> (<see cref="RadosSnapshot.Head"/>: the head), the object's size at the
    /// end and whether it exists then.
    /// </summary>
    private static (IntervalSet Diff, long EndSize, bool EndExists) ObjectDiff(ObjectSnapListing listing, ulong start, ulong end)
    {
        var versions = new List<(ulong First, ulong Last, long Size, IntervalSet? Overlap)>();
        foreach (var clone in listing.Clones)
        {
            if (clone.Snapshots.Length > 0)
            {
                versions.Add((clone.Snapshots[0], clone.Snapshots[^1], clone.Size, clone.Overlap));
            }
        }

        if (listing.HeadSize is long headSize)
        {
            versions.Add((listing.Sequence + 1, RadosSnapshot.Head, headSize, null));
        }

        var diff = new IntervalSet();
        bool sawStart = false;
        long startSize = 0;
        for (int i = 0; i < versions.Count; i++)
        {
            var (first, last, size, overlap) = versions[i];
            if (last < start)
            {
                continue;
            }

            if (!sawStart)
            {
                if (start < first)
                {
                    diff.Add(0, size);
                    startSize = 0;
                }
                else
                {
                    startSize = size;
                }

                sawStart = true;
            }

            if (end < first)
            {
                break;
            }

            if (end <= last)
            {
                return (diff, size, true);
            }

            long maxSize = i + 1 < versions.Count ? Math.Max(size, versions[i + 1].Size) : size;
            var changed = new IntervalSet(0, maxSize);
            if (overlap is not null)
            {
                changed.Subtract(overlap);
            }

            diff.Add(changed);
        }

        // The object does not exist at the end: what it held at the start is gone.
        var gone = new IntervalSet(0, startSize);
        return (gone, 0, false);
    }

    /// <summary>
    /// Deep copy of one state (a snapshot, or the head): for every object the source changed since the previous
    /// state, the changed data ranges are written and a shrunk or gone object is cut or removed, as librbd's
    /// object copy does from list-snaps.
    /// </summary>
    private void CopyObjectsInto(EmulatedRbdImage target, ulong fromSnapshot, ulong endSnapshot, long size)
    {
        var header = EmulatedRbdHeader.Read(io, id, "rbd_deep_copy_with_progress", Name) with { Size = size };
        using var source = ((EmulatedRadosIoContext)io).Duplicate();
        source.SetReadSnapshot(endSnapshot);
        var targetHeader = target.Header("rbd_deep_copy_with_progress");
        target.AcquireExclusiveLock(targetHeader, "rbd_deep_copy_with_progress");
        for (long objectNumber = 0; objectNumber < header.ObjectCount; objectNumber++)
        {
            string sourceObject = RbdLayout.DataObject(id, objectNumber);
            string targetObject = RbdLayout.DataObject(target.Id, objectNumber);
            var listing = Data.ListSnaps(sourceObject);
            if (listing is null)
            {
                continue;
            }

            var (diff, endSize, endExists) = ObjectDiff(listing, fromSnapshot, endSnapshot);
            if (diff.IsEmpty)
            {
                continue;
            }

            if (!endExists)
            {
                try
                {
                    target.Data.Remove(targetObject);
                }
                catch (StorageNotFoundException)
                {
                    // Never copied.
                }

                continue;
            }

            var buffer = new byte[endSize];
            source.Read(sourceObject, buffer, 0);
            foreach (var (start, stop) in diff.Ranges)
            {
                long dataEnd = Math.Min(stop, endSize);
                if (dataEnd > start)
                {
                    target.Data.Write(targetObject, buffer.AsSpan((int)start, (int)(dataEnd - start)), start);
                }
            }

            if (target.ObjectSize(targetObject) is not long current || current != endSize)
            {
                target.Data.Truncate(targetObject, endSize);
            }
        }

        target.UpdateObjectMap(targetHeader, 0, Math.Min(size, targetHeader.Size));
    }

    private long? ObjectSize(string objectName)
    {
        try
        {
            Data.SetReadSnapshot(RadosSnapshot.Head);
            return Data.Stat(objectName).Size;
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }
}
