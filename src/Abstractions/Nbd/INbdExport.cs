namespace StorageKit.Nbd;

/// <summary>
/// A disk a server exports: what the StorageKit NBD server and the emulated client serve. Implementations
/// throw <see cref="StorageException"/> with an errno the protocol can carry (EPERM, EIO, ENOMEM, EINVAL,
/// ENOSPC, EOVERFLOW, ENOTSUP, ESHUTDOWN); the server checks bounds and read-only before calling them.
/// </summary>
public interface INbdExport
{
    /// <summary>Name clients ask for ("" for a default export).</summary>
    string Name { get; }

    /// <summary>Description sent with <c>NBD_INFO_DESCRIPTION</c> ("" for none).</summary>
    string Description { get; }

    /// <summary>Size in bytes.</summary>
    long Size { get; }

    /// <summary>The transmission flags to advertise (read-only and the commands supported).</summary>
    NbdExportFlags Flags { get; }

    /// <summary>Block size constraints (minimum, preferred, maximum), or null to send none.</summary>
    (long Minimum, long Preferred, long Maximum)? BlockSizes { get; }

    /// <summary>Reads <c>buffer.Length</c> bytes at <paramref name="offset"/>.</summary>
    void Read(Span<byte> buffer, long offset);

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>; with <paramref name="fua"/> durably.</summary>
    void Write(ReadOnlySpan<byte> data, long offset, bool fua);

    /// <summary>Discards a range.</summary>
    void Trim(long length, long offset, bool fua);

    /// <summary>Zeroes a range, keeping it allocated when <paramref name="noHole"/>; ENOTSUP when <paramref name="fastZero"/> and zeroing would be slow.</summary>
    void Zero(long length, long offset, bool noHole, bool fastZero, bool fua);

    /// <summary>Makes completed writes durable.</summary>
    void Flush();

    /// <summary>Prefetches a range.</summary>
    void Cache(long length, long offset);

    /// <summary>The <c>base:allocation</c> extents covering at least the start of the range, in order.</summary>
    IReadOnlyList<NbdExtent> GetAllocation(long length, long offset);
}
