namespace StorageKit.Rados;

/// <summary>
/// A compound read operation (librados <c>rados_read_op_t</c>, go-ceph <c>ReadOp</c>): steps the OSD runs on one
/// object in order, run with <see cref="IRadosIoContext.Operate(string, RadosReadOperation)"/>. Every step returns
/// its result on its step object.
/// </summary>
/// <remarks>
/// Measured on Ceph 16: when a step fails, the steps before it keep their results (data read, attributes, omap
/// entries) and the steps after it report nothing; on a missing object the operation fails with ENOENT before any
/// step runs. An empty operation returns 0 (the async one EINVAL).
/// </remarks>
public sealed class RadosReadOperation : RadosOperation
{
    internal override bool IsWrite => false;

    /// <summary>Fails with ENOENT unless the object exists (<c>rados_read_op_assert_exists</c>).</summary>
    public RadosOperationStep AssertExists() => Add(new RadosOperationStep(this, RadosStepKind.AssertExists));

    /// <summary>Fails unless the object's version is <paramref name="version"/>: ERANGE when newer, EOVERFLOW when older, EINVAL for 0 (<c>rados_read_op_assert_version</c>).</summary>
    public RadosOperationStep AssertVersion(ulong version) => Add(new RadosOperationStep(this, RadosStepKind.AssertVersion) { Version = version });

    /// <summary>Compares <paramref name="expected"/> with the object's bytes at <paramref name="offset"/> (<c>rados_read_op_cmpext</c>); bytes past the end compare as zeros.</summary>
    public RadosCompareExtentStep CompareExtent(ReadOnlySpan<byte> expected, long offset)
    {
        RadosArguments.Offset(offset);
        return Add(new RadosCompareExtentStep(this) { Payload = expected.ToArray(), Offset = offset });
    }

    /// <summary>Compares <c>value OP stored</c> for an extended attribute (<c>rados_read_op_cmpxattr</c>); ECANCELED when false.</summary>
    public RadosOperationStep CompareXattr(string name, RadosComparison comparison, ReadOnlySpan<byte> value)
    {
        RadosArguments.Name(name, nameof(name));
        RadosOperationArguments.Comparison(comparison);
        return Add(new RadosOperationStep(this, RadosStepKind.CompareXattr) { Name = name, Comparison = comparison, Payload = value.ToArray() });
    }

    /// <summary>Compares <c>stored OP value</c> for an omap key (<c>rados_read_op_omap_cmp2</c>); ECANCELED when false, EINVAL for other than equal, greater, less.</summary>
    public RadosOperationStep CompareOmap(string key, RadosComparison comparison, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        RadosOperationArguments.Comparison(comparison);
        return Add(new RadosOperationStep(this, RadosStepKind.CompareOmap) { Name = key, Comparison = comparison, Payload = value.ToArray() });
    }

    /// <summary>Reads up to <paramref name="length"/> bytes at <paramref name="offset"/> into a new buffer (<c>rados_read_op_read</c>).</summary>
    public RadosReadStep Read(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return Read(offset, new byte[length]);
    }

    /// <summary>
    /// Reads into <paramref name="buffer"/> at <paramref name="offset"/> (<c>rados_read_op_read</c>). The buffer is
    /// written while the operation runs (for <c>OperateAsync</c>, until its task completes); do not touch it meanwhile.
    /// </summary>
    public RadosReadStep Read(long offset, Memory<byte> buffer)
    {
        RadosArguments.Offset(offset);
        return Add(new RadosReadStep(this, buffer) { Offset = offset, Length = buffer.Length });
    }

    /// <summary>Size and modification time (<c>rados_read_op_stat</c>).</summary>
    public RadosStatStep Stat() => Add(new RadosStatStep(this));

    /// <summary>Every extended attribute (<c>rados_read_op_getxattrs</c>).</summary>
    public RadosXattrsStep GetXattrs() => Add(new RadosXattrsStep(this));

    /// <summary>One page of omap entries, as <see cref="IRadosIoContext.GetOmapValues"/> (<c>rados_read_op_omap_get_vals2</c>).</summary>
    public RadosOmapValuesStep GetOmapValues(string startAfter = "", string filterPrefix = "", int maxReturn = RadosLimits.DefaultOmapPageSize)
    {
        RadosArguments.Name(startAfter, nameof(startAfter));
        RadosArguments.Name(filterPrefix, nameof(filterPrefix));
        RadosArguments.MaxReturn(maxReturn);
        return Add(new RadosOmapValuesStep(this) { Name = startAfter, FilterPrefix = filterPrefix, MaxReturn = maxReturn });
    }

    /// <summary>One page of omap keys, as <see cref="IRadosIoContext.GetOmapKeys"/> (<c>rados_read_op_omap_get_keys2</c>).</summary>
    public RadosOmapKeysStep GetOmapKeys(string startAfter = "", int maxReturn = RadosLimits.DefaultOmapPageSize)
    {
        RadosArguments.Name(startAfter, nameof(startAfter));
        RadosArguments.MaxReturn(maxReturn);
        return Add(new RadosOmapKeysStep(this) { Name = startAfter, MaxReturn = maxReturn });
    }

    /// <summary>The entries of the given keys that exist (<c>rados_read_op_omap_get_vals_by_keys2</c>).</summary>
    public RadosOmapValuesByKeysStep GetOmapValuesByKeys(IEnumerable<string> keys)
        => Add(new RadosOmapValuesByKeysStep(this) { Keys = RadosArguments.Keys(keys) });
}
