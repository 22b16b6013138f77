namespace StorageKit.Rados;

/// <summary>
/// A compound write operation (librados <c>rados_write_op_t</c>, go-ceph <c>WriteOp</c>): steps that the OSD applies
/// to one object atomically and in order, run with <see cref="IRadosIoContext.Operate(string, RadosWriteOperation)"/>.
/// The first failing step fails the operation and nothing of it is applied — the object is left exactly as before,
/// a missing object is not created.
/// </summary>
/// <remarks>
/// Measured on Ceph 16: asserts and compares see the object as it was <b>before</b> the operation (a cmpxattr after a
/// setxattr of the same operation compares the old value), except that existence checks (assert-exists, omap-compare)
/// and compare-extent's size see the earlier steps. An operation with no write step on a missing object fails with
/// ENOENT before any step runs; an empty operation does nothing and returns 0.
/// </remarks>
public sealed class RadosWriteOperation : RadosOperation
{
    private DateTimeOffset? _modifiedTime;

    /// <summary>
    /// The modification time the operation sets (<c>rados_write_op_operate2</c>'s <c>mtime</c>); null (default) for
    /// the current time. The OSD keeps whole seconds. Measured: the Unix epoch itself means "leave the mtime as it
    /// is" (a new object then has mtime 0), and an operation that changes nothing leaves it too.
    /// </summary>
    public DateTimeOffset? ModifiedTime
    {
        get => _modifiedTime;
        set
        {
            ThrowIfNotBuilding();
            if (value is { } time)
            {
                RadosOperationArguments.ModifiedTime(time);
            }

            _modifiedTime = value;
        }
    }

    internal override bool IsWrite => true;

    /// <summary>Fails with ENOENT unless the object exists at this point of the operation (<c>rados_write_op_assert_exists</c>).</summary>
    public RadosOperationStep AssertExists() => Add(new RadosOperationStep(this, RadosStepKind.AssertExists));

    /// <summary>
    /// Fails unless the object's version (<see cref="IRadosIoContext.LastVersion"/>) is <paramref name="version"/>
    /// (<c>rados_write_op_assert_version</c>): ERANGE when the object is newer, EOVERFLOW when it is older (a missing
    /// object has version 0), EINVAL for version 0.
    /// </summary>
    public RadosOperationStep AssertVersion(ulong version) => Add(new RadosOperationStep(this, RadosStepKind.AssertVersion) { Version = version });

    /// <summary>
    /// Compares <paramref name="expected"/> with the object's bytes at <paramref name="offset"/>
    /// (<c>rados_write_op_cmpext</c>); bytes past the end compare as zeros.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A step that changes data (write, write-full, write-same, append, truncate, zero) was added before: Ceph 16
    /// compares the old bytes against the new checksum and, on a single replica, marks the object unfound (measured),
    /// so the kit never sends that combination. Compare first, then write.
    /// </exception>
    public RadosCompareExtentStep CompareExtent(ReadOnlySpan<byte> expected, long offset)
    {
        RadosArguments.Offset(offset);
        if (Steps.Any(s => s.ChangesData))
        {
            throw new InvalidOperationException("A compare-extent step must come before the steps that change the object's data: the OSD would read the old data against the new checksum and can mark the object unfound.");
        }

        return Add(new RadosCompareExtentStep(this) { Payload = expected.ToArray(), Offset = offset });
    }

    /// <summary>
    /// Compares <c>value OP stored</c> for the extended attribute <paramref name="name"/> (<c>rados_write_op_cmpxattr</c>);
    /// ECANCELED when false, ENOENT when the object does not exist. A missing attribute compares as empty.
    /// </summary>
    public RadosOperationStep CompareXattr(string name, RadosComparison comparison, ReadOnlySpan<byte> value)
    {
        RadosArguments.Name(name, nameof(name));
        RadosOperationArguments.Comparison(comparison);
        return Add(new RadosOperationStep(this, RadosStepKind.CompareXattr) { Name = name, Comparison = comparison, Payload = value.ToArray() });
    }

    /// <summary>
    /// Compares <c>stored OP value</c> for the omap key <paramref name="key"/> (<c>rados_write_op_omap_cmp2</c>);
    /// ECANCELED when false, EINVAL for operators other than equal, greater and less. A missing key compares as empty.
    /// </summary>
    public RadosOperationStep CompareOmap(string key, RadosComparison comparison, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        RadosOperationArguments.Comparison(comparison);
        return Add(new RadosOperationStep(this, RadosStepKind.CompareOmap) { Name = key, Comparison = comparison, Payload = value.ToArray() });
    }

    /// <summary>Creates the object (<c>rados_write_op_create</c>); with <paramref name="exclusive"/>, EEXIST when it exists.</summary>
    public RadosOperationStep Create(bool exclusive) => Add(new RadosOperationStep(this, RadosStepKind.Create) { Exclusive = exclusive });

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> (<c>rados_write_op_write</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty and <paramref name="offset"/> is past 0: on Ceph 16 such a write can leave a stale full-object checksum that makes the object unreadable (measured), so the kit never sends one; use <see cref="Truncate"/> or <see cref="Create"/>.</exception>
    public RadosOperationStep Write(ReadOnlySpan<byte> data, long offset)
    {
        RadosArguments.Offset(offset);
        RadosOperationArguments.NotAnEmptyWritePastStart(data.Length, offset, nameof(data));
        return Add(new RadosOperationStep(this, RadosStepKind.Write) { Payload = data.ToArray(), Offset = offset });
    }

    /// <summary>Replaces the object's data with <paramref name="data"/> (<c>rados_write_op_write_full</c>).</summary>
    public RadosOperationStep WriteFull(ReadOnlySpan<byte> data) => Add(new RadosOperationStep(this, RadosStepKind.WriteFull) { Payload = data.ToArray() });

    /// <summary>
    /// Writes <paramref name="data"/> repeatedly over <paramref name="writeLength"/> bytes at <paramref name="offset"/>
    /// (<c>rados_write_op_writesame</c>). EINVAL unless the length is a multiple of the data's (an empty pattern
    /// included); a length of 0 does nothing, not even create the object.
    /// </summary>
    public RadosOperationStep WriteSame(ReadOnlySpan<byte> data, long writeLength, long offset)
    {
        RadosArguments.Offset(writeLength, nameof(writeLength));
        RadosArguments.Offset(offset);
        return Add(new RadosOperationStep(this, RadosStepKind.WriteSame) { Payload = data.ToArray(), Length = writeLength, Offset = offset });
    }

    /// <summary>Appends <paramref name="data"/> (<c>rados_write_op_append</c>).</summary>
    public RadosOperationStep Append(ReadOnlySpan<byte> data) => Add(new RadosOperationStep(this, RadosStepKind.Append) { Payload = data.ToArray() });

    /// <summary>Cuts or zero-extends the object to <paramref name="size"/> (<c>rados_write_op_truncate</c>); nothing on a missing object.</summary>
    public RadosOperationStep Truncate(long size)
    {
        RadosArguments.Offset(size, nameof(size));
        return Add(new RadosOperationStep(this, RadosStepKind.Truncate) { Offset = size });
    }

    /// <summary>
    /// Zeroes <paramref name="length"/> bytes at <paramref name="offset"/> (<c>rados_write_op_zero</c>). Measured: a
    /// range reaching the end of the object truncates it to <paramref name="offset"/>; a range past the end and a
    /// missing object are left alone.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is 0: Ceph 16 OSDs abort on a zero-length zero (<c>ceph_assert(op.extent.length)</c>), so the kit never sends one.</exception>
    public RadosOperationStep Zero(long offset, long length)
    {
        RadosArguments.Offset(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return Add(new RadosOperationStep(this, RadosStepKind.Zero) { Offset = offset, Length = length });
    }

    /// <summary>Removes the object (<c>rados_write_op_remove</c>); later steps may create it afresh.</summary>
    /// <exception cref="InvalidOperationException">
    /// An earlier remove was followed by a step that re-creates the object. Measured on Ceph 16: the OSD then reports
    /// success but leaves the object as it was before the operation (or, re-created once more, with its old
    /// attributes and omap), so the kit never sends that combination.
    /// </exception>
    public RadosOperationStep Remove()
    {
        int firstRemove = Steps.ToList().FindIndex(s => s.Kind == RadosStepKind.Remove);
        if (firstRemove >= 0 && Steps.Skip(firstRemove).Any(s => s.CanCreate))
        {
            throw new InvalidOperationException("A second remove after the object was re-created in the same operation: Ceph 16 then leaves the object unchanged while reporting success.");
        }

        return Add(new RadosOperationStep(this, RadosStepKind.Remove));
    }

    /// <summary>Sets an extended attribute (<c>rados_write_op_setxattr</c>); ENAMETOOLONG past 100 bytes of name.</summary>
    public RadosOperationStep SetXattr(string name, ReadOnlySpan<byte> value)
    {
        RadosArguments.Name(name, nameof(name));
        return Add(new RadosOperationStep(this, RadosStepKind.SetXattr) { Name = name, Payload = value.ToArray() });
    }

    /// <summary>Removes an extended attribute (<c>rados_write_op_rmxattr</c>); ENOENT on a missing object, fine for an absent attribute.</summary>
    public RadosOperationStep RemoveXattr(string name)
    {
        RadosArguments.Name(name, nameof(name));
        return Add(new RadosOperationStep(this, RadosStepKind.RemoveXattr) { Name = name });
    }

    /// <summary>Sets omap entries (<c>rados_write_op_omap_set2</c>).</summary>
    public RadosOperationStep SetOmap(IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> entries)
    {
        var list = RadosArguments.OmapEntries(entries).ConvertAll(e => KeyValuePair.Create(e.Key, new ReadOnlyMemory<byte>(e.Value.ToArray())));
        return Add(new RadosOperationStep(this, RadosStepKind.SetOmap) { OmapEntries = list });
    }

    /// <summary>Removes omap keys (<c>rados_write_op_omap_rm_keys2</c>); ENOENT on a missing object.</summary>
    public RadosOperationStep RemoveOmapKeys(IEnumerable<string> keys)
        => Add(new RadosOperationStep(this, RadosStepKind.RemoveOmapKeys) { Keys = RadosArguments.Keys(keys) });

    /// <summary>Removes the omap keys in [<paramref name="keyBegin"/>, <paramref name="keyEnd"/>) (<c>rados_write_op_omap_rm_range2</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="keyBegin"/> sorts after <paramref name="keyEnd"/>: an inverted range is undefined behaviour in the OSD's store (MemStore erases an invalid iterator range), so the kit never sends one.</exception>
    public RadosOperationStep RemoveOmapRange(string keyBegin, string keyEnd)
    {
        ArgumentNullException.ThrowIfNull(keyBegin);
        ArgumentNullException.ThrowIfNull(keyEnd);
        if (RadosOperationArguments.SortsAfter(keyBegin, keyEnd))
        {
            throw new ArgumentException("The range's first key sorts after its end.", nameof(keyBegin));
        }

        return Add(new RadosOperationStep(this, RadosStepKind.RemoveOmapRange) { Name = keyBegin, KeyEnd = keyEnd });
    }

    /// <summary>Removes every omap entry (<c>rados_write_op_omap_clear</c>); ENOENT on a missing object.</summary>
    public RadosOperationStep ClearOmap() => Add(new RadosOperationStep(this, RadosStepKind.ClearOmap));

    /// <summary>Hints the expected sizes and access pattern (<c>rados_write_op_set_alloc_hint2</c>); creates a missing object.</summary>
    public RadosOperationStep SetAllocationHint(ulong expectedObjectSize, ulong expectedWriteSize, RadosAllocationHints flags = RadosAllocationHints.None)
        => Add(new RadosOperationStep(this, RadosStepKind.SetAllocationHint) { ExpectedObjectSize = expectedObjectSize, ExpectedWriteSize = expectedWriteSize, HintFlags = flags });
}
