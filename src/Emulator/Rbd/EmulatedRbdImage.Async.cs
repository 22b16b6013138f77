using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>
/// Async image I/O: the emulated cluster answers at once, so each call runs the synchronous operation on the
/// caller's thread and returns a completed task, its errors (under the <c>rbd_aio_*</c> name) in the task. A token
/// cancelled before the call cancels it without I/O; librbd cannot cancel image I/O afterwards. Sparsify and the
/// object-map rebuild follow librbd 16 (measured).
/// </summary>
internal sealed partial class EmulatedRbdImage
{
    /// <inheritdoc />
    public Task<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        return Complete("rbd_aio_read", () => Read(buffer.Span, offset), cancellationToken);
    }

    /// <inheritdoc />
    public Task WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        return Complete("rbd_aio_write", () => Write(data.Span, offset), cancellationToken);
    }

    /// <inheritdoc />
    public Task DiscardAsync(long offset, long length, CancellationToken cancellationToken = default)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        RbdArguments.NotNegative(length, nameof(length));
        return Complete("rbd_aio_discard", () => Discard(offset, length), cancellationToken);
    }

    /// <inheritdoc />
    public Task WriteZeroesAsync(long offset, long length, CancellationToken cancellationToken = default)
    {
        RbdArguments.NotNegative(offset, nameof(offset));
        RbdArguments.NotNegative(length, nameof(length));
        return Complete("rbd_aio_write_zeroes", () => WriteZeroes(offset, length), cancellationToken);
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default)
        => Complete("rbd_aio_flush", () =>
        {
            Flush();
            return 0;
        }, cancellationToken);

    /// <inheritdoc />
    public void InvalidateCache() => Header("rbd_invalidate_cache");

    /// <inheritdoc />
    public void Sparsify(long sparseSize, IProgress<RbdProgress>? progress = null)
    {
        const string op = "rbd_sparsify_with_progress";
        RbdArguments.NotNegative(sparseSize, nameof(sparseSize));
        var header = Header(op);
        EnsureWritable(op);
        if (sparseSize < 4096 || (sparseSize & (sparseSize - 1)) != 0)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, Name);
        }

        AcquireExclusiveLock(header, op);
        var relay = new EmulatedRbdProgress(progress);
        bool hasSnapshots = EmulatedRbdSnapshots.List(io, id, op, Name).Count > 0;
        long objectCount = header.ObjectCount;
        var changed = new List<long>();
        for (long objectNumber = 0; objectNumber < objectCount; objectNumber++)
        {
            if (SparsifyObject(RbdLayout.DataObject(id, objectNumber), sparseSize, hasSnapshots))
            {
                changed.Add(objectNumber);
            }

            relay.Report(objectNumber + 1, objectCount);
        }

        if (changed.Count > 0 && ((RbdFeatures)header.Features & RbdFeatures.ObjectMap) != 0)
        {
            lock (_headerGate)
            {
                EmulatedRbdObjectMap.Update(io, id, changed, DataObjectExists);
            }
        }

        relay.ThrowIfFailed();
    }

    /// <inheritdoc />
    public void RebuildObjectMap(IProgress<RbdProgress>? progress = null)
    {
        const string op = "rbd_rebuild_object_map";
        var header = Header(op);
        EnsureWritable(op);
        if (((RbdFeatures)header.Features & RbdFeatures.ObjectMap) == 0)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, Name);
        }

        AcquireExclusiveLock(header, op);
        var relay = new EmulatedRbdProgress(progress);
        long objectCount = header.ObjectCount;
        lock (_headerGate)
        {
            EmulatedRbdObjectMap.Resize(io, id, objectCount);
            for (long objectNumber = 0; objectNumber < objectCount; objectNumber++)
            {
                EmulatedRbdObjectMap.Update(io, id, [objectNumber], DataObjectExists);
                relay.Report(objectNumber + 1, objectCount);
            }

            // A rebuilt map is valid again.
            var flags = (RbdImageFlags)EmulatedRbdHeader.Read(io, id, op, Name).Flags & ~ObjectMapFlags;
            io.SetOmap(RbdLayout.Header(id), new Dictionary<string, ReadOnlyMemory<byte>> { ["flags"] = RbdLayout.EncodeUInt64((ulong)flags) });
        }

        relay.ThrowIfFailed();
    }

    /// <summary>
    /// librbd's <c>SparsifyRequest</c> for one object: an object of zeros only is removed (kept when the image has
    /// snapshots, which still read it); zeros at its end, from a <paramref name="sparseSize"/> boundary, are cut off.
    /// Returns whether the object went away.
    /// </summary>
    private bool SparsifyObject(string objectName, long sparseSize, bool hasSnapshots)
    {
        byte[] content;
        try
        {
            long size = Data.Stat(objectName).Size;
            content = new byte[size];
            Data.Read(objectName, content, 0);
        }
        catch (StorageNotFoundException)
        {
            return false;
        }

        int last = Array.FindLastIndex(content, b => b != 0);
        if (last < 0 && !hasSnapshots)
        {
            Data.Remove(objectName);
            return true;
        }

        long keep = (last + 1 + sparseSize - 1) / sparseSize * sparseSize;
        if (keep < content.Length && content.Length - keep >= sparseSize)
        {
            Data.Truncate(objectName, keep);
        }

        return false;
    }

    private Task<T> Complete<T>(string operation, Func<T> call, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(call());
        }
        catch (StorageException ex)
        {
            return Task.FromException<T>(StorageErrors.Create(ex.Errno, operation, Name));
        }
        catch (ObjectDisposedException ex)
        {
            return Task.FromException<T>(ex);
        }
    }
}
