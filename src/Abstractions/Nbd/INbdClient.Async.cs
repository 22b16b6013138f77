namespace StorageKit.Nbd;

/// <summary>
/// The same commands issued without waiting (libnbd's <c>nbd_aio_*</c>): many can be in flight on one connection,
/// each task completes when its reply arrives. The buffers must stay valid until then (hence memory, not spans).
/// Cancellation abandons the wait, not the command already sent.
/// </summary>
public partial interface INbdClient
{
    /// <summary>Reads into <paramref name="buffer"/> at <paramref name="offset"/> (<c>nbd_aio_pread</c>).</summary>
    Task ReadAsync(Memory<byte> buffer, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> (<c>nbd_aio_pwrite</c>).</summary>
    Task WriteAsync(ReadOnlyMemory<byte> data, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default);

    /// <summary>Discards a range (<c>nbd_aio_trim</c>).</summary>
    Task TrimAsync(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default);

    /// <summary>Zeroes a range (<c>nbd_aio_zero</c>).</summary>
    Task ZeroAsync(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default);

    /// <summary>Prefetches a range (<c>nbd_aio_cache</c>).</summary>
    Task CacheAsync(long length, long offset, CancellationToken cancellationToken = default);

    /// <summary>Flushes (<c>nbd_aio_flush</c>).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Block status of a range (<c>nbd_aio_block_status</c>).</summary>
    Task<NbdBlockStatus> BlockStatusAsync(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None, CancellationToken cancellationToken = default);

    /// <summary>Commands sent and not yet answered (<c>nbd_aio_in_flight</c>).</summary>
    int InFlight { get; }
}
