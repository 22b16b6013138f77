namespace StorageKit.Rados;

/// <summary>What a step of a compound operation does; each kind is one librados <c>rados_*_op_*</c> function.</summary>
public enum RadosStepKind
{
    /// <summary><c>assert_exists</c>: ENOENT unless the object exists (at this point of the operation).</summary>
    AssertExists,

    /// <summary><c>assert_version</c>: ERANGE when the object is newer, EOVERFLOW when older, EINVAL for version 0.</summary>
    AssertVersion,

    /// <summary><c>cmpext</c>: compares bytes; a mismatch at offset <c>n</c> of the extent returns <c>-(MAX_ERRNO + n)</c>.</summary>
    CompareExtent,

    /// <summary><c>cmpxattr</c>: compares an extended attribute; ECANCELED when the comparison is false.</summary>
    CompareXattr,

    /// <summary><c>omap_cmp2</c>: compares an omap value; ECANCELED when the comparison is false.</summary>
    CompareOmap,

    /// <summary><c>create</c>: creates the object (EEXIST when exclusive and it exists).</summary>
    Create,

    /// <summary><c>write</c>.</summary>
    Write,

    /// <summary><c>write_full</c>.</summary>
    WriteFull,

    /// <summary><c>writesame</c>.</summary>
    WriteSame,

    /// <summary><c>append</c>.</summary>
    Append,

    /// <summary><c>truncate</c>.</summary>
    Truncate,

    /// <summary><c>zero</c>.</summary>
    Zero,

    /// <summary><c>remove</c>.</summary>
    Remove,

    /// <summary><c>setxattr</c>.</summary>
    SetXattr,

    /// <summary><c>rmxattr</c>.</summary>
    RemoveXattr,

    /// <summary><c>omap_set2</c>.</summary>
    SetOmap,

    /// <summary><c>omap_rm_keys2</c>.</summary>
    RemoveOmapKeys,

    /// <summary><c>omap_rm_range2</c>.</summary>
    RemoveOmapRange,

    /// <summary><c>omap_clear</c>.</summary>
    ClearOmap,

    /// <summary><c>set_alloc_hint2</c>.</summary>
    SetAllocationHint,

    /// <summary><c>read</c> (read operations only).</summary>
    Read,

    /// <summary><c>stat</c> (read operations only).</summary>
    Stat,

    /// <summary><c>getxattrs</c> (read operations only).</summary>
    GetXattrs,

    /// <summary><c>omap_get_vals2</c> (read operations only).</summary>
    GetOmapValues,

    /// <summary><c>omap_get_keys2</c> (read operations only).</summary>
    GetOmapKeys,

    /// <summary><c>omap_get_vals_by_keys2</c> (read operations only).</summary>
    GetOmapValuesByKeys,
}
