namespace StorageKit.Rados;

/// <summary>
/// Flags for a whole compound operation (<c>LIBRADOS_OPERATION_*</c>), passed to
/// <c>rados_write_op_operate2</c> / <c>rados_read_op_operate</c>. Measured on Ceph 16: every flag is accepted
/// and none changes the outcome of the operations this kit builds; they steer placement, caching and ordering.
/// </summary>
[Flags]
public enum RadosOperationOptions
{
    /// <summary><c>LIBRADOS_OPERATION_NOFLAG</c>.</summary>
    None = 0,

    /// <summary><c>LIBRADOS_OPERATION_BALANCE_READS</c>: reads may go to any replica.</summary>
    BalanceReads = 1,

    /// <summary><c>LIBRADOS_OPERATION_LOCALIZE_READS</c>: reads go to the closest replica.</summary>
    LocalizeReads = 2,

    /// <summary><c>LIBRADOS_OPERATION_ORDER_READS_WRITES</c>: order the op with writes to the object.</summary>
    OrderReadsWrites = 4,

    /// <summary><c>LIBRADOS_OPERATION_IGNORE_CACHE</c>: bypass a cache tier.</summary>
    IgnoreCache = 8,

    /// <summary><c>LIBRADOS_OPERATION_SKIPRWLOCKS</c>: skip the OSD's object read/write locks.</summary>
    SkipRWLocks = 16,

    /// <summary><c>LIBRADOS_OPERATION_IGNORE_OVERLAY</c>: ignore a pool overlay.</summary>
    IgnoreOverlay = 32,

    /// <summary><c>LIBRADOS_OPERATION_FULL_TRY</c>: send even when the cluster or pool is full.</summary>
    FullTry = 64,

    /// <summary><c>LIBRADOS_OPERATION_FULL_FORCE</c>: force the op on a full cluster (mainly for deletes).</summary>
    FullForce = 128,

    /// <summary><c>LIBRADOS_OPERATION_IGNORE_REDIRECT</c>: do not follow a redirect manifest.</summary>
    IgnoreRedirect = 256,

    /// <summary><c>LIBRADOS_OPERATION_ORDERSNAP</c>: fail with EOLDSNAPC on an out-of-order snapshot context.</summary>
    OrderSnap = 512,

    /// <summary><c>LIBRADOS_OPERATION_RETURNVEC</c>: allow return values and payloads on writes.</summary>
    ReturnVector = 1024,
}
