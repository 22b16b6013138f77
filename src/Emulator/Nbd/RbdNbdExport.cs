using StorageKit.Nbd;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Nbd;

/// <summary>
/// An export backed by an open RBD image of either implementation: an in-process <c>rbd-nbd</c>. Reads, writes,
/// trims (<c>rbd_discard</c>), zeroes (<c>rbd_write_zeroes</c>) and flushes map to librbd calls; FUA is a write
/// followed by a flush. <c>base:allocation</c> comes from <see cref="IRbdImage.Diff"/> since the image's creation
/// (parent data counting as written): ranges never written or discarded are hole|zero (as qemu's
/// rbd driver reads a diff), the rest data; with <see cref="AllocationFromDiff"/> off every range is reported as data,
/// which costs nothing (a diff without fast-diff lists every object of the range).
/// The image stays owned by the caller; all connections share it, so writes are visible to each other at once.
/// </summary>
public sealed class RbdNbdExport : INbdExport
{
    private const int ZeroChunk = 1 << 20;
    private readonly IRbdImage _image;

    /// <summary>Exports <paramref name="image"/> as <paramref name="name"/>; read-only when the image handle is or <paramref name="readOnly"/>.</summary>
    public RbdNbdExport(IRbdImage image, string name = "", string description = "", bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(description);
        _image = image;
        Name = name;
        Description = description;

        // One shared handle: every connection sees every completed write, so multi-conn is safe.
        NbdExportFlags flags = NbdExportFlags.HasFlags | NbdExportFlags.CanFlush | NbdExportFlags.CanCache | NbdExportFlags.CanDf | NbdExportFlags.CanMultiConn;
        Flags = readOnly || image.IsReadOnly
            ? flags | NbdExportFlags.ReadOnly
            : flags | NbdExportFlags.CanFua | NbdExportFlags.CanTrim | NbdExportFlags.CanZero;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public long Size => _image.Size;

    /// <inheritdoc />
    public NbdExportFlags Flags { get; }

    /// <summary>
    /// librbd takes any alignment; 512 is what rbd-nbd's kernel device uses as its logical block, the object size the
    /// preferred, 32 MiB the largest request.
    /// </summary>
    public (long Minimum, long Preferred, long Maximum)? BlockSizes => (1, Math.Min(_image.Stat().ObjectSize, 32L << 20), 32L << 20);

    /// <summary>Whether <see cref="GetAllocation"/> asks the image for its diff (true) or reports all data (false).</summary>
    public bool AllocationFromDiff { get; init; } = true;

    /// <inheritdoc />
    public void Read(Span<byte> buffer, long offset)
    {
        int read = _image.Read(buffer, offset);
        if (read < buffer.Length)
        {
            // Past the end (the image shrank under us): the protocol wants the whole length, so it is an error.
            throw StorageErrors.Create(Errno.EIO, "rbd_read", Name, $"short read: {read} of {buffer.Length} bytes");
        }
    }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> data, long offset, bool fua)
    {
        CheckWritable("rbd_write");
        _image.Write(data, offset);
        if (fua)
        {
            _image.Flush();
        }
    }

    /// <inheritdoc />
    public void Trim(long length, long offset, bool fua)
    {
        CheckWritable("rbd_discard");
        _image.Discard(offset, length);
        if (fua)
        {
            _image.Flush();
        }
    }

    /// <inheritdoc />
    public void Zero(long length, long offset, bool noHole, bool fastZero, bool fua)
    {
        CheckWritable("rbd_write_zeroes");
        if (fastZero)
        {
            // Not advertised: librbd cannot promise zeroing is faster than writing.
            throw StorageErrors.Create(Errno.EOPNOTSUPP, "rbd_write_zeroes", Name, "fast zero is not supported");
        }

        if (noHole)
        {
            // Keep the range allocated: write real zeros instead of letting librbd punch holes.
            byte[] zeros = new byte[(int)Math.Min(length, ZeroChunk)];
            for (long done = 0; done < length; done += zeros.Length)
            {
                _image.Write(zeros.AsSpan(0, (int)Math.Min(zeros.Length, length - done)), offset + done);
            }
        }
        else
        {
            _image.WriteZeroes(offset, length);
        }

        if (fua)
        {
            _image.Flush();
        }
    }

    /// <inheritdoc />
    public void Flush() => _image.Flush();

    /// <inheritdoc />
    public void Cache(long length, long offset)
    {
        // librbd has no prefetch call; a cache request is advisory, so accepting it is enough.
    }

    /// <inheritdoc />
    public IReadOnlyList<NbdExtent> GetAllocation(long length, long offset)
    {
        if (!AllocationFromDiff)
        {
            return [new NbdExtent(offset, length, (uint)NbdExtentFlags.None)];
        }

        var extents = new List<NbdExtent>();
        long position = offset;
        foreach (RbdDiffExtent changed in _image.Diff(null, offset, length))
        {
            Add(extents, position, changed.Offset - position, NbdExtentFlags.Hole | NbdExtentFlags.Zero);
            Add(extents, changed.Offset, changed.Length, changed.Exists ? NbdExtentFlags.None : NbdExtentFlags.Hole | NbdExtentFlags.Zero);
            position = changed.Offset + changed.Length;
        }

        Add(extents, position, offset + length - position, NbdExtentFlags.Hole | NbdExtentFlags.Zero);
        return extents;
    }

    private static void Add(List<NbdExtent> extents, long offset, long length, NbdExtentFlags flags)
    {
        if (length <= 0)
        {
            return;
        }

        if (extents.Count > 0 && extents[^1].Allocation == flags && extents[^1].Offset + extents[^1].Length == offset)
        {
            extents[^1] = extents[^1] with { Length = extents[^1].Length + length };
            return;
        }

        extents.Add(new NbdExtent(offset, length, (uint)flags));
    }

    private void CheckWritable(string operation)
    {
        if ((Flags & NbdExportFlags.ReadOnly) != 0)
        {
            throw StorageErrors.Create(Errno.EPERM, operation, Name, $"{operation}: the export is read-only");
        }
    }
}
