namespace StorageKit.Nbd;

/// <summary>Transmission commands, each waiting for the server's reply.</summary>
public partial interface INbdClient
{
    /// <summary>Reads <c>buffer.Length</c> bytes at <paramref name="offset"/> (<c>nbd_pread</c>); all or an error.</summary>
    void Read(Span<byte> buffer, long offset, NbdCommandFlags flags = NbdCommandFlags.None);

    /// <summary>
    /// Reads like <see cref="Read"/> and returns the chunks the server replied with (<c>nbd_pread_structured</c>):
    /// data and holes (with structured replies), or one data chunk.
    /// </summary>
    IReadOnlyList<NbdReadChunk> ReadStructured(Span<byte> buffer, long offset, NbdCommandFlags flags = NbdCommandFlags.None);

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> (<c>nbd_pwrite</c>); <see cref="NbdCommandFlags.Fua"/> forces it to stable storage.</summary>
    void Write(ReadOnlySpan<byte> data, long offset, NbdCommandFlags flags = NbdCommandFlags.None);

    /// <summary>Discards a range (<c>nbd_trim</c>); afterwards it reads as anything, usually zeros.</summary>
    void Trim(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None);

    /// <summary>Zeroes a range (<c>nbd_zero</c>), punching a hole unless <see cref="NbdCommandFlags.NoHole"/>; <see cref="NbdCommandFlags.FastZero"/> fails fast when zeroing would be slow.</summary>
    void Zero(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None);

    /// <summary>Asks the server to prefetch a range (<c>nbd_cache</c>).</summary>
    void Cache(long length, long offset);

    /// <summary>Makes every completed write durable (<c>nbd_flush</c>).</summary>
    void Flush();

    /// <summary>
    /// The extents of each negotiated metadata context over the range (<c>nbd_block_status</c>); for
    /// <see cref="NbdMetaContexts.BaseAllocation"/> the flags are <see cref="NbdExtentFlags.Hole"/> and <see cref="NbdExtentFlags.Zero"/>.
    /// </summary>
    NbdBlockStatus BlockStatus(long length, long offset, NbdCommandFlags flags = NbdCommandFlags.None);
}
