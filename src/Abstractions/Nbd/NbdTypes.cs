namespace StorageKit.Nbd;

#pragma warning disable CA1711 // The NBD protocol and libnbd call these flags (NBD_FLAG_*, LIBNBD_CMD_FLAG_*, extent flags).

/// <summary>
/// Transmission flags of an export, with the NBD protocol's values (<c>NBD_FLAG_*</c>); libnbd exposes them as
/// <c>nbd_is_read_only</c>, <c>nbd_can_flush</c>, ... and a server advertises them in its handshake.
/// </summary>
[Flags]
public enum NbdExportFlags
{
    /// <summary>Nothing advertised.</summary>
    None = 0,

    /// <summary>The flags field is valid (<c>NBD_FLAG_HAS_FLAGS</c>); always set by a server.</summary>
    HasFlags = 0x1,

    /// <summary>Writes, trims and zeroes are refused with EPERM (<c>NBD_FLAG_READ_ONLY</c>).</summary>
    ReadOnly = 0x2,

    /// <summary>Flush is supported (<c>NBD_FLAG_SEND_FLUSH</c>).</summary>
    CanFlush = 0x4,

    /// <summary>The FUA command flag is supported (<c>NBD_FLAG_SEND_FUA</c>).</summary>
    CanFua = 0x8,

    /// <summary>The export behaves like a rotating disk (<c>NBD_FLAG_ROTATIONAL</c>).</summary>
    Rotational = 0x10,

    /// <summary>Trim is supported (<c>NBD_FLAG_SEND_TRIM</c>).</summary>
    CanTrim = 0x20,

    /// <summary>Write-zeroes is supported (<c>NBD_FLAG_SEND_WRITE_ZEROES</c>).</summary>
    CanZero = 0x40,

    /// <summary>The don't-fragment read flag is supported (<c>NBD_FLAG_SEND_DF</c>).</summary>
    CanDf = 0x80,

    /// <summary>Several connections see each other's writes after a flush (<c>NBD_FLAG_CAN_MULTI_CONN</c>).</summary>
    CanMultiConn = 0x100,

    /// <summary>Cache is supported (<c>NBD_FLAG_SEND_CACHE</c>).</summary>
    CanCache = 0x400,

    /// <summary>The fast-zero flag is supported (<c>NBD_FLAG_SEND_FAST_ZERO</c>).</summary>
    CanFastZero = 0x800,
}

/// <summary>Command flags, with libnbd's values (<c>LIBNBD_CMD_FLAG_*</c>, equal to the protocol's).</summary>
[Flags]
public enum NbdCommandFlags
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>Force unit access: the write is durable when it completes (<c>FUA</c>).</summary>
    Fua = 0x01,

    /// <summary>Zero without punching a hole (<c>NO_HOLE</c>).</summary>
    NoHole = 0x02,

    /// <summary>Reply to a read in one chunk (<c>DF</c>, don't fragment).</summary>
    Df = 0x04,

    /// <summary>Block status: one extent is enough (<c>REQ_ONE</c>).</summary>
    ReqOne = 0x08,

    /// <summary>Zero: fail with ENOTSUP rather than be slower than a write (<c>FAST_ZERO</c>).</summary>
    FastZero = 0x10,
}

/// <summary>Which block size <see cref="INbdClient.GetBlockSize"/> asks for (<c>LIBNBD_SIZE_*</c>).</summary>
public enum NbdBlockSizeKind
{
    /// <summary>Smallest request size the server accepts.</summary>
    Minimum = 0,

    /// <summary>Size the server prefers.</summary>
    Preferred = 1,

    /// <summary>Largest request payload the server accepts.</summary>
    Maximum = 2,
}

/// <summary>Flags of an extent in the <c>base:allocation</c> context (<c>LIBNBD_STATE_*</c>).</summary>
[Flags]
public enum NbdExtentFlags
{
    /// <summary>Allocated data.</summary>
    None = 0,

    /// <summary>Not allocated (<c>NBD_STATE_HOLE</c>).</summary>
    Hole = 0x1,

    /// <summary>Reads as zeros (<c>NBD_STATE_ZERO</c>).</summary>
    Zero = 0x2,
}

/// <summary>What a chunk of a structured read holds (<c>LIBNBD_READ_*</c>).</summary>
public enum NbdReadChunkKind
{
    /// <summary>Data sent by the server.</summary>
    Data = 1,

    /// <summary>A hole: zeros, not sent.</summary>
    Hole = 2,

    /// <summary>An error for this part.</summary>
    Error = 3,
}

/// <summary>One chunk of a structured read reply.</summary>
/// <param name="Offset">Export offset of the chunk.</param>
/// <param name="Length">Bytes covered.</param>
/// <param name="Kind">Data, hole or error.</param>
public sealed record NbdReadChunk(long Offset, long Length, NbdReadChunkKind Kind);

/// <summary>One extent of a block status reply.</summary>
/// <param name="Offset">Export offset where the extent starts.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="Flags">Context-specific flags; for <c>base:allocation</c> see <see cref="Allocation"/>.</param>
public sealed record NbdExtent(long Offset, long Length, uint Flags)
{
    /// <summary>The flags read as <c>base:allocation</c> flags.</summary>
    public NbdExtentFlags Allocation => (NbdExtentFlags)Flags;
}

/// <summary>A block status reply: the extents of each negotiated metadata context.</summary>
/// <param name="Contexts">Extents by context name.</param>
public sealed record NbdBlockStatus(IReadOnlyDictionary<string, IReadOnlyList<NbdExtent>> Contexts)
{
    /// <summary>The <c>base:allocation</c> extents (empty when that context was not negotiated).</summary>
    public IReadOnlyList<NbdExtent> Allocation
        => Contexts.TryGetValue(NbdMetaContexts.BaseAllocation, out IReadOnlyList<NbdExtent>? extents) ? extents : [];
}

/// <summary>An export a server lists (<c>NBD_OPT_LIST</c>).</summary>
/// <param name="Name">Export name.</param>
/// <param name="Description">Description, "" when none.</param>
public sealed record NbdExportListing(string Name, string Description);

/// <summary>Well-known metadata context names.</summary>
public static class NbdMetaContexts
{
    /// <summary>Allocation status: holes and zeros (<c>base:allocation</c>).</summary>
    public const string BaseAllocation = "base:allocation";
}

/// <summary>A call on an NBD handle after it was closed (python's <c>nbd.ClosedHandle</c>).</summary>
public sealed class NbdClosedHandleException : ObjectDisposedException
{
    /// <summary>The handle was closed before <paramref name="operation"/>.</summary>
    public NbdClosedHandleException(string operation)
        : base("nbd_handle", $"{operation}: the NBD handle is closed")
    {
        Operation = operation;
    }

    /// <summary>The libnbd call that was attempted.</summary>
    public string Operation { get; }
}
