namespace StorageKit.Rbd;

public partial interface IRbdImage
{
    /// <summary>
    /// <see cref="Read"/> without blocking (<c>rbd_aio_read</c>); errors arrive through the task. librbd cannot
    /// cancel image I/O: a token cancelled before the call cancels it without I/O, later cancellation is ignored.
    /// The buffer stays pinned until the read completes.
    /// </summary>
    Task<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="Write"/> without blocking (<c>rbd_aio_write</c>); cancellation as for <see cref="ReadAsync"/>. Unlike
    /// <c>rbd_write</c>, librbd's completion carries no length (0), so the task has no result.
    /// </summary>
    Task WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken = default);

    /// <summary><see cref="Discard"/> without blocking (<c>rbd_aio_discard</c>); no result, as for <see cref="WriteAsync"/>.</summary>
    Task DiscardAsync(long offset, long length, CancellationToken cancellationToken = default);

    /// <summary><see cref="WriteZeroes"/> without blocking (<c>rbd_aio_write_zeroes</c>); no result, as for <see cref="WriteAsync"/>.</summary>
    Task WriteZeroesAsync(long offset, long length, CancellationToken cancellationToken = default);

    /// <summary><see cref="Flush"/> without blocking (<c>rbd_aio_flush</c>); cancellation as for <see cref="ReadAsync"/>.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Drops cached data of the image (<c>rbd_invalidate_cache</c>).</summary>
    void InvalidateCache();

    /// <summary>
    /// Deallocates runs of zeros at least <paramref name="sparseSize"/> bytes long, aligned to it, in the image's
    /// data objects (<c>rbd_sparsify_with_progress</c>).
    /// </summary>
    void Sparsify(long sparseSize, IProgress<RbdProgress>? progress = null);

    /// <summary>Rebuilds the object map from the data objects (<c>rbd_rebuild_object_map</c>).</summary>
    void RebuildObjectMap(IProgress<RbdProgress>? progress = null);
}
