using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// An open emulated image: I/O is split at object boundaries onto sparse data objects
/// <c>rbd_data.&lt;id&gt;.%016x</c>; objects never written do not exist and read as zeros. Data objects are reached
/// only through <see cref="Data"/>, a duplicate of the io context (librbd's <c>data_ctx</c>) that carries the
/// image's snapshot context, so the objects copy on write after a snapshot and the user's io context stays as it was.
/// </summary>
internal sealed partial class EmulatedRbdImage(IRadosIoContext io, string name, string id) : IRbdImage
{
    /// <summary>
    /// One data io context per thread using the handle: <see cref="Header(string)"/> sets its read snapshot and
    /// write context for the op that follows on the same thread, so concurrent ops never see each other's state.
    /// </summary>
    private readonly ThreadLocal<EmulatedRadosIoContext> _dataContexts = new(() => ((EmulatedRadosIoContext)io).Duplicate(), trackAllValues: true);

    private volatile bool _disposed;
    private int _closed;

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public string Id
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return id;
        }
    }

    /// <inheritdoc />
    public long Size => Header("rbd_get_size").Size;

    /// <inheritdoc />
    public int Read(Span<byte> buffer, long offset)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        var header = Header("rbd_read");
        CheckSnapshotExists("rbd_read");
        int length = (int)Clip(header, offset, buffer.Length, "rbd_read");
        int done = 0;
        while (done < length)
        {
            var (objectNumber, inObject, available) = RbdStriper.Locate(header, offset + done);
            int chunk = (int)Math.Min(length - done, available);
            Span<byte> target = buffer.Slice(done, chunk);
            if (!Data.TryRead(RbdLayout.DataObject(id, objectNumber), target, inObject, out int read))
            {
                // Sparse: never written, reads as zeros, or as the parent's data in a clone.
                read = ReadFromParent(objectNumber, inObject, target, header);
            }

            target[read..].Clear();
            done += chunk;
        }

        return length;
    }

    /// <inheritdoc />
    public int Write(ReadOnlySpan<byte> data, long offset)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        var header = Header("rbd_write");
        CheckSnapshotExists("rbd_write");
        int length = (int)Clip(header, offset, data.Length, "rbd_write");
        EnsureWritable("rbd_write");
        AcquireExclusiveLock(header, "rbd_write");
        int done = 0;
        while (done < length)
        {
            var (objectNumber, inObject, available) = RbdStriper.Locate(header, offset + done);
            int chunk = (int)Math.Min(length - done, available);
            CopyUp(objectNumber, header);
            Data.Write(RbdLayout.DataObject(id, objectNumber), data.Slice(done, chunk), inObject);
            done += chunk;
        }

        UpdateObjectMap(header, offset, length);
        return length;
    }

    /// <inheritdoc />
    public long Discard(long offset, long length)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        RbdArguments.NotNegative(length, nameof(length));
        var header = Header("rbd_discard");
        CheckSnapshotExists("rbd_discard");
        long clipped = Clip(header, offset, length, "rbd_discard");
        EnsureWritable("rbd_discard");
        AcquireExclusiveLock(header, "rbd_discard");
        if (header.IsStriped)
        {
            DiscardExtents(header, offset, clipped, zero: false);
            return clipped;
        }

        long done = 0;
        while (done < clipped)
        {
            long position = offset + done;
            long objectNumber = position / header.ObjectSize;
            long inObject = position % header.ObjectSize;
            long chunk = Math.Min(clipped - done, header.ObjectSize - inObject);
            string objectName = RbdLayout.DataObject(id, objectNumber);
            if (chunk == header.ObjectSize)
            {
                if (!DiscardWholeInClone(objectNumber, header))
                {
                    RemoveIfExists(objectName);
                }
            }
            else
            {
                if (inObject + chunk >= header.ObjectSize)
                {
                    CopyUp(objectNumber, header);
                }

                DiscardPart(objectName, inObject, chunk, header.ObjectSize);
            }

            done += chunk;
        }

        UpdateObjectMap(header, offset, clipped);
        return clipped;
    }

    /// <inheritdoc />
    public void Flush()
    {
        var header = Header("rbd_flush");
        AcquireExclusiveLock(header, "rbd_flush");
    }

    /// <inheritdoc />
    public void Resize(long size) => ResizeCore(size, allowShrink: true, null, "rbd_resize");

    /// <inheritdoc />
    public RbdImageStat Stat()
    {
        var header = Header("rbd_stat");
        return new RbdImageStat(header.Size, header.ObjectSize, header.ObjectCount, header.Order, RbdLayout.DataPrefix(id), -1, "");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _disposed = true;
        ReleaseHeaderWatch();
        foreach (var data in _dataContexts.Values)
        {
            data.Dispose();
        }

        _dataContexts.Dispose();
    }

    /// <summary>librbd's <c>clip_io</c>: empty I/O is always fine, I/O starting past the end is EINVAL, I/O crossing it is cut.</summary>
    private static long Clip(EmulatedRbdHeader header, long offset, long length, string operation)
    {
        if (length == 0)
        {
            return 0;
        }

        if (offset >= header.Size)
        {
            throw StorageErrors.Create(Errno.EINVAL, operation);
        }

        return Math.Min(length, header.Size - offset);
    }

    /// <summary>The data io context of the calling thread, as the last <see cref="Header(string)"/> on it set it up.</summary>
    private EmulatedRadosIoContext Data => _dataContexts.Value!;

    /// <summary>
    /// The header as this handle sees it — at a set snapshot, with the snapshot's size — after setting up
    /// <see cref="Data"/> for the op: reads at the handle's snapshot, writes carrying the image's snapshot context.
    /// </summary>
    private EmulatedRbdHeader Header(string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var header = AtCurrentSnapshot(EmulatedRbdHeader.Read(io, id, operation, Name), out ulong readSnapshot);
        var (sequence, snapshots) = EmulatedRbdSnapshots.WriteContext(io, id, operation, Name);
        var data = Data;
        data.SetReadSnapshot(readSnapshot);
        data.SetSelfManagedSnapshotWriteContext(sequence, snapshots);
        return header;
    }

    /// <summary>
    /// A discard of part of an object, as librbd 16 does it with its default <c>rbd_skip_partial_discard</c>
    /// (measured): a range reaching the object's end truncates the object there (which extends a shorter
    /// object with zeros, as RADOS truncate does); a range at its head or in its middle is skipped.
    /// </summary>
    private void DiscardPart(string objectName, long offset, long length, long objectSize)
    {
        if (offset + length < objectSize)
        {
            return;
        }

        try
        {
            Data.Stat(objectName);
        }
        catch (StorageNotFoundException)
        {
            return;
        }

        Data.Truncate(objectName, offset);
    }

    private void RemoveIfExists(string objectName)
    {
        // Sparse: a never-written object is simply not there.
        Data.TryRemove(objectName);
    }
}
