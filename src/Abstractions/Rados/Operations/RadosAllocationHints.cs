namespace StorageKit.Rados;

/// <summary>Expected I/O patterns for an allocation hint (<c>LIBRADOS_ALLOC_HINT_FLAG_*</c>); advisory only.</summary>
[Flags]
public enum RadosAllocationHints
{
    /// <summary>No hint.</summary>
    None = 0,

    /// <summary><c>LIBRADOS_ALLOC_HINT_FLAG_SEQUENTIAL_WRITE</c>.</summary>
    SequentialWrite = 1,

    /// <summary><c>LIBRADOS_ALLOC_HINT_FLAG_RANDOM_WRITE</c>.</summary>
    RandomWrite = 2,

    /// <summary><c>LIBRADOS_ALLOC_HINT_FLAG_SEQUENTIAL_READ</c>.</summary>
    SequentialRead = 4,

    /// <summary><c>LIBRADOS_ALLOC_HINT_FLAG_RANDOM_READ</c>.</summary>
    RandomRead = 8,

    /// <summary><c>LIBRADOS_ALLOC_HINT_FLAG_APPEND_ONLY</c>.</summary>
    AppendOnly = 16,

    /// <summary><c>LIBRADOS_ALLOC_HINT_FLAG_IMMUTABLE</c>.</summary>
    Immutable = 32,

    /// <summary><c>LIBRADOS_ALLOC_HINT_FLAG_SHORTLIVED</c>.</summary>
    ShortLived = 64,

    /// <summary><c>LIBRADOS_ALLOC_HINT_FLAG_LONGLIVED</c>.</summary>
    LongLived = 128,

    /// <summary><c>LIBRADOS_ALLOC_HINT_FLAG_COMPRESSIBLE</c>.</summary>
    Compressible = 256,

    /// <summary><c>LIBRADOS_ALLOC_HINT_FLAG_INCOMPRESSIBLE</c>.</summary>
    Incompressible = 512,
}
