using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>Read-only handles, the header watch, zeroing and resizing with progress, as librbd 16 does them (measured).</summary>
internal sealed partial class EmulatedRbdImage
{
    /// <summary>Serializes header read-modify-writes (resize, feature updates), which librbd serializes through its image lock and exclusive lock.</summary>
    private static readonly Lock _headerGate = new();

    private IRadosWatch? _headerWatch;

    /// <summary>Whether the handle was opened read-only: writes are EROFS for good, even at the head.</summary>
    internal bool OpenedReadOnly { get; init; }

    /// <summary>
    /// Set by the snapshots area while the handle reads a snapshot (<c>rbd_snap_set</c>, also when opened at one),
    /// cleared back at the head: writes are EROFS there; a writable handle writes again at the head (measured).
    /// </summary>
    internal bool ReadingSnapshot { get; set; }

    /// <inheritdoc />
    public bool IsReadOnly
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return OpenedReadOnly || ReadingSnapshot;
        }
    }

    /// <inheritdoc />
    public long WriteZeroes(long offset, long length)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        RbdArguments.NotNegative(length, nameof(length));
        var header = Header("rbd_write_zeroes");
        CheckSnapshotExists("rbd_write_zeroes");
        long clipped = Clip(header, offset, length, "rbd_write_zeroes");
        EnsureWritable("rbd_write_zeroes");
        AcquireExclusiveLock(header, "rbd_write_zeroes");
        DiscardExtents(header, offset, clipped, zero: true);
        return clipped;
    }

    /// <inheritdoc />
    public void Resize(long size, bool allowShrink, IProgress<RbdProgress>? progress) => ResizeCore(size, allowShrink, progress, "rbd_resize2");

    /// <summary>Watches the header as librbd's image watcher does for a handle that may write; acknowledges every notification.</summary>
    internal void WatchHeader()
    {
        var watch = io.Watch(RbdLayout.Header(id));
        _headerWatch = watch;
        _ = AcknowledgeAsync(watch);
    }

    private async Task AcknowledgeAsync(IRadosWatch watch)
    {
        try
        {
            await foreach (var notification in watch.ReadNotificationsAsync().ConfigureAwait(false))
            {
                // The update callbacks run before the ack, as librbd's image watcher handles a header update.
                OnHeaderNotification(notification.Payload.Span);
                notification.Ack();
            }
        }
#pragma warning disable CA1031 // The watch broke or was released: nothing is left to acknowledge.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void ReleaseHeaderWatch()
    {
        ReleaseExclusiveLock();
        var watch = Interlocked.Exchange(ref _headerWatch, null);
        try
        {
            watch?.Unwatch();
        }
        catch (StorageException)
        {
            // The header is gone or the client shut down: the watch is released all the same.
        }
        catch (ObjectDisposedException)
        {
            // The io context was closed first: its watches went with it.
        }
    }

    /// <summary>librbd checks this after clipping: read-only handles refuse even empty writes.</summary>
    private void EnsureWritable(string operation)
    {
        if (OpenedReadOnly || ReadingSnapshot)
        {
            throw StorageErrors.Create(Errno.EROFS, operation, Name);
        }

        CheckMirrorPrimary(operation, write: true);
    }

    /// <summary>
    /// librbd 16's resize: EROFS on a read-only handle, EINVAL for a shrink not allowed; a shrink removes the
    /// objects past the last stripe period still in use, reporting (object number, old object count) for each,
    /// then cuts the objects of that period at the new end.
    /// </summary>
    private void ResizeCore(long size, bool allowShrink, IProgress<RbdProgress>? progress, string operation)
    {
        RbdArguments.NotNegative(size, nameof(size));
        var relay = new EmulatedRbdProgress(progress);
        IEnumerable<long> cut = [];
        lock (_headerGate)
        {
            var header = Header(operation);
            EnsureWritable(operation);
            AcquireExclusiveLock(header, operation);
            if (size < header.Size)
            {
                if (!allowShrink)
                {
                    throw StorageErrors.Create(Errno.EINVAL, operation, Name);
                }

                cut = Trim(header, size, relay);
                ShrinkOverlap(size);
            }

            io.SetOmap(RbdLayout.Header(id), new Dictionary<string, ReadOnlyMemory<byte>> { ["size"] = RbdLayout.EncodeUInt64((ulong)size) });
            if (((RbdFeatures)header.Features & RbdFeatures.ObjectMap) != 0)
            {
                // The map follows the size; the objects the trim cut at the boundary are recorded as they are now.
                long objectCount = RbdStriper.ObjectCount(header, size);
                EmulatedRbdObjectMap.Resize(io, id, objectCount);
                EmulatedRbdObjectMap.Update(io, id, cut, DataObjectExists);
            }
        }

        NotifyUpdate();
        relay.ThrowIfFailed();
    }

    /// <summary>
    /// librbd's <c>TrimRequest</c>: whole objects past the new last period go first, with progress; then the
    /// boundary. Returns the objects cut at the boundary.
    /// </summary>
    private List<long> Trim(EmulatedRbdHeader header, long size, EmulatedRbdProgress progress)
    {
        long period = header.ObjectSize * header.StripeCount;
        long periods = (size + period - 1) / period;
        long deleteStart = periods * header.StripeCount;
        long deleteOffset = Math.Min(periods * period, header.Size);
        long objectCount = header.ObjectCount;
        for (long objectNumber = deleteStart; objectNumber < objectCount; objectNumber++)
        {
            CopyUpForSnapshots(objectNumber, header);
            RemoveIfExists(RbdLayout.DataObject(id, objectNumber));
            progress.Report(objectNumber, objectCount);
        }

        var cut = new List<long>();
        if (deleteOffset > size)
        {
            foreach (var (objectNumber, ranges) in RbdStriper.Extents(header, size, deleteOffset - size))
            {
                cut.Add(objectNumber);
                string objectName = RbdLayout.DataObject(id, objectNumber);
                long start = ranges[0].Offset;
                if (start == 0)
                {
                    CopyUpForSnapshots(objectNumber, header);
                    RemoveIfExists(objectName);
                }
                else
                {
                    CopyUp(objectNumber, header);
                    TruncateIfLonger(objectName, start);
                }
            }
        }

        return cut;
    }

    /// <summary>
    /// Discards or zeroes image range [offset, +length) object extent by object extent, as librbd's object discard
    /// does: a whole object is removed, an extent reaching the object's end truncates it there (extending a
    /// shorter one, as RADOS truncate does), and an extent at the head or in the middle is zeroed for
    /// <c>rbd_write_zeroes</c> but skipped for <c>rbd_discard</c> (<c>rbd_skip_partial_discard</c>). Objects
    /// that do not exist stay absent.
    /// </summary>
    private void DiscardExtents(EmulatedRbdHeader header, long offset, long length, bool zero)
    {
        foreach (var (objectNumber, ranges) in RbdStriper.Extents(header, offset, length))
        {
            string objectName = RbdLayout.DataObject(id, objectNumber);
            foreach (var (inObject, chunk) in ranges)
            {
                if (inObject == 0 && chunk == header.ObjectSize)
                {
                    if (!DiscardWholeInClone(objectNumber, header))
                    {
                        RemoveIfExists(objectName);
                    }
                }
                else if (inObject + chunk >= header.ObjectSize)
                {
                    CopyUp(objectNumber, header);
                    DiscardPart(objectName, inObject, chunk, header.ObjectSize);
                }
                else if (zero)
                {
                    CopyUp(objectNumber, header);
                    ZeroPart(objectName, inObject, chunk);
                }
            }
        }

        UpdateObjectMap(header, offset, length);
    }

    /// <summary>
    /// With the object-map feature, records in <c>rbd_object_map.&lt;id&gt;</c> whether each data object the
    /// range touched exists now, as librbd's object map updates leave it.
    /// </summary>
    private void UpdateObjectMap(EmulatedRbdHeader header, long offset, long length)
    {
        if (length == 0 || ((RbdFeatures)header.Features & RbdFeatures.ObjectMap) == 0)
        {
            return;
        }

        lock (_headerGate)
        {
            EmulatedRbdObjectMap.Update(io, id, RbdStriper.Extents(header, offset, length).Keys, DataObjectExists);
        }
    }

    private bool DataObjectExists(long objectNumber)
    {
        try
        {
            io.Stat(RbdLayout.DataObject(id, objectNumber));
            return true;
        }
        catch (StorageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The OSD's zero op: zeros within the object's current size, nothing for a missing object.</summary>
    private void ZeroPart(string objectName, long offset, long length)
    {
        long objectSize;
        try
        {
            objectSize = Data.Stat(objectName).Size;
        }
        catch (StorageNotFoundException)
        {
            return;
        }

        long end = Math.Min(offset + length, objectSize);
        if (end > offset)
        {
            Data.Write(objectName, new byte[end - offset], offset);
        }
    }

    private void TruncateIfLonger(string objectName, long size)
    {
        try
        {
            // librbd truncates the boundary object at the new end, extending a shorter one (measured).
            if (Data.Stat(objectName).Size != size)
            {
                Data.Truncate(objectName, size);
            }
        }
        catch (StorageNotFoundException)
        {
            // Sparse: nothing to cut.
        }
    }
}
