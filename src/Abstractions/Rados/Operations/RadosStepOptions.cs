namespace StorageKit.Rados;

/// <summary>
/// Flags of one step of a compound operation (<c>LIBRADOS_OP_FLAG_*</c>, set with <c>rados_write_op_set_flags</c> /
/// <c>rados_read_op_set_flags</c> right after the step is added).
/// </summary>
[Flags]
public enum RadosStepOptions
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary><c>LIBRADOS_OP_FLAG_EXCL</c>: a create step fails with EEXIST when the object exists.</summary>
    Exclusive = 0x1,

    /// <summary>
    /// <c>LIBRADOS_OP_FLAG_FAILOK</c>: the operation goes on and succeeds even when this step fails; the step
    /// keeps its error code (where librados reports one). Measured on Ceph 16 for compare, assert, create and
    /// remove steps.
    /// </summary>
    FailOk = 0x2,

    /// <summary><c>LIBRADOS_OP_FLAG_FADVISE_RANDOM</c>.</summary>
    FadviseRandom = 0x4,

    /// <summary><c>LIBRADOS_OP_FLAG_FADVISE_SEQUENTIAL</c>.</summary>
    FadviseSequential = 0x8,

    /// <summary><c>LIBRADOS_OP_FLAG_FADVISE_WILLNEED</c>.</summary>
    FadviseWillNeed = 0x10,

    /// <summary><c>LIBRADOS_OP_FLAG_FADVISE_DONTNEED</c>.</summary>
    FadviseDontNeed = 0x20,

    /// <summary><c>LIBRADOS_OP_FLAG_FADVISE_NOCACHE</c>.</summary>
    FadviseNoCache = 0x40,

    /// <summary><c>LIBRADOS_OP_FLAG_FADVISE_FUA</c>: force unit access on writes.</summary>
    FadviseFua = 0x80,
}
