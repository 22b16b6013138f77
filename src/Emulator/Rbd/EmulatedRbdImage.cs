using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// An open emulated image: I/O is split at object boundaries onto sparse data objects
/// <c>rbd_data.&lt;id&gt;.%016x</c>; objects never written do not exist and read as zeros. Data I/O goes through
/// a duplicate of the io context (librbd's <c>data_ctx</c>) that carries the image's snapshot context, so the
/// RADOS objects are copied on write after a snapshot and the user's io context is left as it was.
/// </summary>
internal sealed partial class EmulatedRbdImage(IRadosIoContext io, string name, string id) : IRbdImage
{
    private readonly EmulatedRadosIoContext _data = ((EmulatedRadosIoContext)io).Duplicate();

    /// <summary>Serializes the handle's I/O: each op sets the data context's snapshot state, then uses it.</summary>
    private readonly Lock _gate = new();

    private volatile bool _disposed;

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
        lock (_gate)
        {
            return ReadLocked(buffer, offset);
        }
    }

    /// <inheritdoc />
    public int Write(ReadOnlySpan<byte> data, long offset)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        lock (_gate)
        {
            return WriteLocked(data, offset);
        }
    }

    /// <inheritdoc />
    public long Discard(long offset, long length)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        RbdArguments.NotNegative(length, nameof(length));
        lock (_gate)
        {
            return DiscardLocked(offset, length);
        }
    }

    /// <inheritdoc />
    public void Flush() => Header("rbd_flush");

    /// <inheritdoc />
    public void Resize(long size)
    {
        RbdArguments.NotNegative(size, nameof(size));
        lock (_gate)
        {
            ResizeLocked(size, "rbd_resize");
        }
    }

    /// <inheritdoc />
    public RbdImageStat Stat()
    {
        var header = Header("rbd_stat");
        return new RbdImageStat(header.Size, header.ObjectSize, header.ObjectCount, header.Order, RbdLayout.DataPrefix(id), -1, "");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _data.Dispose();
    }

    private int ReadLocked(Span<byte> buffer, long offset)
    {
        var header = Header("rbd_read", out ulong readSnapshot);
        _data.SetReadSnapshot(readSnapshot);
        int length = (int)Clip(header, offset, buffer.Length, "rbd_read");
        int done = 0;
        while (done < length)
        {
            long position = offset + done;
            long objectNumber = position / header.ObjectSize;
            long inObject = position % header.ObjectSize;
            int chunk = (int)Math.Min(length - done, header.ObjectSize - inObject);
            Span<byte> target = buffer.Slice(done, chunk);
            int read = 0;
            try
            {
                read = _data.Read(RbdLayout.DataObject(id, objectNumber), target, inObject);
            }
            catch (StorageNotFoundException)
            {
                // Sparse: never written, reads as zeros, or as the parent's data in a clone.
                read = ReadFromParent(objectNumber, inObject, target, header, readSnapshot);
            }
            catch (StorageRangeException)
            {
                // An empty read before the end of an object; cannot happen with chunk > 0.
            }

            target[read..].Clear();
            done += chunk;
        }

        return length;
    }

    private int WriteLocked(ReadOnlySpan<byte> data, long offset)
    {
        var header = WritableHeader("rbd_write");
        int length = (int)Clip(header, offset, data.Length, "rbd_write");
        int done = 0;
        while (done < length)
        {
            long position = offset + done;
            long objectNumber = position / header.ObjectSize;
            long inObject = position % header.ObjectSize;
            int chunk = (int)Math.Min(length - done, header.ObjectSize - inObject);
            CopyUp(objectNumber, header);
            _data.Write(RbdLayout.DataObject(id, objectNumber), data.Slice(done, chunk), inObject);
            done += chunk;
        }

        return length;
    }

    private long DiscardLocked(long offset, long length)
    {
        var header = WritableHeader("rbd_discard");
        long clipped = Clip(header, offset, length, "rbd_discard");
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

        return clipped;
    }

    /// <summary>Resizes the head; data past a shrunk end is removed under the snapshot context, so snapshots keep it.</summary>
    private void ResizeLocked(long size, string operation)
    {
        var header = WritableHeader(operation);
        if (size < header.Size)
        {
            long firstGone = (size + header.ObjectSize - 1) / header.ObjectSize;
            for (long objectNumber = firstGone; objectNumber < header.ObjectCount; objectNumber++)
            {
                RemoveIfExists(RbdLayout.DataObject(id, objectNumber));
            }

            long tail = size % header.ObjectSize;
            if (tail != 0)
            {
                CopyUp(size / header.ObjectSize, header);
                string boundary = RbdLayout.DataObject(id, size / header.ObjectSize);
                try
                {
                    // librbd truncates the boundary object at the new end, extending a shorter one (measured).
                    if (_data.Stat(boundary).Size != tail)
                    {
                        _data.Truncate(boundary, tail);
                    }
                }
                catch (StorageNotFoundException)
                {
                    // Sparse: nothing to cut.
                }
            }
        }

        ShrinkOverlap(size);
        io.SetOmap(RbdLayout.Header(id), new Dictionary<string, ReadOnlyMemory<byte>> { ["size"] = RbdLayout.EncodeUInt64((ulong)size) });
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

    private EmulatedRbdHeader Header(string operation) => Header(operation, out _);

    /// <summary>
    /// The header as this handle sees it: at a set snapshot, with the snapshot's size and that snapshot's id
    /// to read the data objects at; else the head's.
    /// </summary>
    private EmulatedRbdHeader Header(string operation, out ulong readSnapshot)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return AtCurrentSnapshot(EmulatedRbdHeader.Read(io, id, operation, Name), operation, out readSnapshot);
    }

    /// <summary>The head's header for a write: EROFS at a snapshot; the data context then carries the image's snapshot context.</summary>
    private EmulatedRbdHeader WritableHeader(string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckWritable(operation);
        var header = EmulatedRbdHeader.Read(io, id, operation, Name);
        var (sequence, snapshots) = EmulatedRbdSnapshots.WriteContext(io, id, operation, Name);
        _data.SetReadSnapshot(RadosSnapshot.Head);
        _data.SetSelfManagedSnapshotWriteContext(sequence, snapshots);
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
            _data.Stat(objectName);
        }
        catch (StorageNotFoundException)
        {
            return;
        }

        _data.Truncate(objectName, offset);
    }

    private void RemoveIfExists(string objectName)
    {
        try
        {
            _data.Remove(objectName);
        }
        catch (StorageNotFoundException)
        {
            // Sparse: never written.
        }
    }
}
