namespace StorageKit.Rados;

/// <summary>
/// Comparison operators of compare steps (<c>LIBRADOS_CMPXATTR_OP_*</c>). Mind the direction, measured on
/// Ceph 16: <b>cmpxattr</b> evaluates <c>given OP stored</c> (bytes compared unsigned), <b>omap-cmp</b> evaluates
/// <c>stored OP given</c> (bytes compared as signed chars) and accepts only <see cref="Equal"/>,
/// <see cref="Greater"/> and <see cref="Less"/> (the others fail with EINVAL). A missing attribute or key compares
/// as the empty value.
/// </summary>
public enum RadosComparison
{
    /// <summary><c>LIBRADOS_CMPXATTR_OP_EQ</c>.</summary>
    Equal = 1,

    /// <summary><c>LIBRADOS_CMPXATTR_OP_NE</c> (cmpxattr only).</summary>
    NotEqual = 2,

    /// <summary><c>LIBRADOS_CMPXATTR_OP_GT</c>.</summary>
    Greater = 3,

    /// <summary><c>LIBRADOS_CMPXATTR_OP_GTE</c> (cmpxattr only).</summary>
    GreaterOrEqual = 4,

    /// <summary><c>LIBRADOS_CMPXATTR_OP_LT</c>.</summary>
    Less = 5,

    /// <summary><c>LIBRADOS_CMPXATTR_OP_LTE</c> (cmpxattr only).</summary>
    LessOrEqual = 6,
}
