using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// An open emulated image: I/O is split at object boundaries onto sparse data objects
/// <c>rbd_data.&lt;id&gt;.%016x</c>; objects never written do not exist and read as zeros.
/// </summary>
internal sealed partial class EmulatedRbdImage(IRadosIoContext io, string name, string id) : IRbdImage
{
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
        var header = Header("rbd_read");
        int length = (int)Clip(header, offset, buffer.Length, "rbd_read");
        int done = 0;
        while (done < length)
        {
            var (objectNumber, inObject, available) = RbdStriper.Locate(header, offset + done);
            int chunk = (int)Math.Min(length - done, available);
            Span<byte> target = buffer.Slice(done, chunk);
            int read = 0;
            try
            {
                read = io.Read(RbdLayout.DataObject(id, objectNumber), target, inObject);
            }
            catch (StorageNotFoundException)
            {
                // Sparse: never written, reads as zeros.
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

    /// <inheritdoc />
    public int Write(ReadOnlySpan<byte> data, long offset)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        var header = Header("rbd_write");
        int length = (int)Clip(header, offset, data.Length, "rbd_write");
        EnsureWritable("rbd_write");
        AcquireExclusiveLock(header);
        int done = 0;
        while (done < length)
        {
            var (objectNumber, inObject, available) = RbdStriper.Locate(header, offset + done);
            int chunk = (int)Math.Min(length - done, available);
            io.Write(RbdLayout.DataObject(id, objectNumber), data.Slice(done, chunk), inObject);
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
        long clipped = Clip(header, offset, length, "rbd_discard");
        EnsureWritable("rbd_discard");
        AcquireExclusiveLock(header);
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
                RemoveIfExists(objectName);
            }
            else
            {
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
        AcquireExclusiveLock(header);
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
        _disposed = true;
        ReleaseHeaderWatch();
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

    private EmulatedRbdHeader Header(string operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return EmulatedRbdHeader.Read(io, id, operation, Name);
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
            io.Stat(objectName);
        }
        catch (StorageNotFoundException)
        {
            return;
        }

        io.Truncate(objectName, offset);
    }

    private void RemoveIfExists(string objectName)
    {
        try
        {
            io.Remove(objectName);
        }
        catch (StorageNotFoundException)
        {
            // Sparse: never written.
        }
    }
}
