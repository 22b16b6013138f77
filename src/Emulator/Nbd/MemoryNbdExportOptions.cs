using StorageKit.Nbd;

namespace StorageKit.Emulator.Nbd;

/// <summary>What a <see cref="MemoryNbdExport"/> looks like to clients: name, size and the features it advertises.</summary>
public sealed record MemoryNbdExportOptions
{
    /// <summary>
    /// The features <c>nbdkit memory</c> advertises (measured with nbdinfo against nbdkit 1.32): flush, FUA, trim,
    /// zero, fast zero, cache, DF and multi-conn.
    /// </summary>
    public const NbdExportFlags DefaultFeatures = NbdExportFlags.CanFlush | NbdExportFlags.CanFua | NbdExportFlags.CanTrim
        | NbdExportFlags.CanZero | NbdExportFlags.CanFastZero | NbdExportFlags.CanCache | NbdExportFlags.CanDf | NbdExportFlags.CanMultiConn;

    /// <summary>The page size of nbdkit's sparse array (measured: extents change in 32 KiB steps).</summary>
    public const int DefaultPageSize = 32 * 1024;

    /// <summary>Name clients ask for; "" (the default) is the default export.</summary>
    public string Name { get; init; } = "";

    /// <summary>Description sent with <c>NBD_INFO_DESCRIPTION</c> and listed; "" for none.</summary>
    public string Description { get; init; } = "";

    /// <summary>Size in bytes; nothing is allocated until written.</summary>
    public long Size { get; init; }

    /// <summary>Refuse writes, trims and zeroes (<c>NBD_FLAG_READ_ONLY</c>, like <c>nbdkit -r</c>).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// The features to advertise and accept (<see cref="NbdExportFlags.ReadOnly"/> and <see cref="NbdExportFlags.HasFlags"/>
    /// are ignored here); a read-only export drops FUA, trim, zero and fast zero as nbdkit does.
    /// </summary>
    public NbdExportFlags Features { get; init; } = DefaultFeatures;

    /// <summary>Block size constraints to send (<c>NBD_INFO_BLOCK_SIZE</c>); null (the default, as nbdkit memory) sends none.</summary>
    public (long Minimum, long Preferred, long Maximum)? BlockSizes { get; init; }

    /// <summary>Allocation granularity in bytes, a power of two; extents are reported in these steps.</summary>
    public int PageSize { get; init; } = DefaultPageSize;
}
