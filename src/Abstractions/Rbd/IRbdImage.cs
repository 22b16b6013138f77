namespace StorageKit.Rbd;

/// <summary>
/// An open RBD image (python's <c>rbd.Image</c>); <see cref="IDisposable.Dispose"/> closes it (<c>rbd_close</c>).
/// The members are split by area: I/O here, then features, snapshots, clones and diff.
/// </summary>
public partial interface IRbdImage : IDisposable
{
    /// <summary>The name the image was opened by (the name it has, when opened by id).</summary>
    string Name { get; }

    /// <summary>The image id, the suffix of its header and data object names (<c>rbd_get_id</c>).</summary>
    string Id { get; }

    /// <summary>Whether the handle refuses writes: opened read-only or at a snapshot.</summary>
    bool IsReadOnly { get; }

    /// <summary>The current size in bytes (<c>rbd_get_size</c>): of the snapshot read, when one is set.</summary>
    long Size { get; }

    /// <summary>
    /// Reads into <paramref name="buffer"/> from <paramref name="offset"/>; a read crossing the end is cut at
    /// the end. Returns the bytes read; never-written ranges read as zeros (<c>rbd_read</c>).
    /// </summary>
    int Read(Span<byte> buffer, long offset);

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>; returns the bytes written (<c>rbd_write</c>).</summary>
    int Write(ReadOnlySpan<byte> data, long offset);

    /// <summary>
    /// Discards a range; returns the bytes discarded, cut at the end (<c>rbd_discard</c>). As librbd 16 does by
    /// default (<c>rbd_skip_partial_discard</c>), whole objects are removed and ranges reaching an object's end
    /// truncate it, but ranges at an object's head or middle keep their data.
    /// </summary>
    long Discard(long offset, long length);

    /// <summary>Makes a range read as zeros, whatever its alignment; returns the bytes zeroed (<c>rbd_write_zeroes</c>).</summary>
    long WriteZeroes(long offset, long length);

    /// <summary>Flushes written data to the cluster (<c>rbd_flush</c>).</summary>
    void Flush();

    /// <summary>Grows or shrinks the image; a shrink drops the data past the new end (<c>rbd_resize</c>).</summary>
    void Resize(long size);

    /// <summary>
    /// Resizes, refusing to shrink unless <paramref name="allowShrink"/> (EINVAL), reporting progress
    /// (<c>rbd_resize2</c>).
    /// </summary>
    void Resize(long size, bool allowShrink, IProgress<RbdProgress>? progress = null);

    /// <summary>Size and layout of the image (<c>rbd_stat</c>).</summary>
    RbdImageStat Stat();
}
