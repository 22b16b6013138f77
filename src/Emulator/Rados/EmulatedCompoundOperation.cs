using System.Text;
using StorageKit.Rados;

namespace StorageKit.Emulator.Rados;

/// <summary>
/// Runs the steps of a compound operation the way the OSD does (PrimaryLogPG::do_osd_ops, Ceph 16, and measured):
/// in order, against a working copy of the object, stopping at the first failing step unless it is flagged
/// fail-ok. Compares and asserts see the object as it was before the operation except where the OSD consults the
/// working state (existence, the size compare-extent clips to). The caller commits the working copy only when the
/// operation succeeded and changed something — that is what makes it atomic. Records on each step the code librados
/// reports for it; <see cref="RadosOperation.Complete"/> does the rest.
/// </summary>
internal sealed class EmulatedCompoundOperation
{
    /// <summary>Stand-in for the value the OSD returns for the xattr name "" (its own object_info; struct_v 17, compat 8).</summary>
    private static readonly byte[] ObjectInfoStandIn = [0x11, 0x08];

    private readonly EmulatedObject? _before;
    private EmulatedObject? _working;
    private bool _ownsWorking;

    // The OSD's FLAG_OMAP on the working object: while set, omap compares read the omap stored before the
    // operation (a remove does not clear it); an omap clear clears it, an omap set sets it again.
    private bool _omapFlag;

    public EmulatedCompoundOperation(EmulatedObject? before)
    {
        _before = before;
        _working = before;
        _omapFlag = before is not null;
    }

    /// <summary>The object after the steps ran; null when it does not exist (then).</summary>
    public EmulatedObject? Result => _working;

    /// <summary>True when a step queued a change (the OSD's transaction is not empty); only then is anything committed.</summary>
    public bool Changed { get; private set; }

    /// <summary>Runs a write operation's steps; returns the operate return code.</summary>
    public int RunWrite(RadosWriteOperation operation) => Run(operation.Steps);

    /// <summary>Runs a read operation's steps against an existing object; returns the operate return code.</summary>
    public int RunRead(RadosReadOperation operation) => Run(operation.Steps);

    private int Run(IReadOnlyList<RadosOperationStep> steps)
    {
        int result = 0;
        foreach (RadosOperationStep step in steps)
        {
            result = Execute(step, result);
            if (step.ReportsOwnReturnCode && !step.IsComplete)
            {
                step.SetOwnReturnCode(result);
            }

            if (result < 0 && step.IsFailOk)
            {
                result = 0;
            }

            if (result < 0)
            {
                // The steps after this one never ran; Complete gives them the codes librados reports for that.
                return result;
            }
        }

        return Changed ? 0 : result;
    }

    /// <summary>Runs one step; <paramref name="carried"/> is the previous step's result, which a no-op zero passes on.</summary>
    private int Execute(RadosOperationStep step, int carried)
    {
        switch (step.Kind)
        {
            // Measured: assert-exists, assert-version, a holding omap-compare, stat and the omap reads leave the
            // previous step's result in place (a cmpxattr's 1 survives them), and report it as their own code.
            case RadosStepKind.AssertExists:
                return _working is null ? -(int)Errno.ENOENT : carried;

            case RadosStepKind.AssertVersion:
                // The object's version, unchanged by the steps before (a remove included); 0 for an object that did
                // not exist before the operation.
                ulong version = _before?.Version ?? 0;
                return step.Version == 0 ? -(int)Errno.EINVAL
                    : step.Version < version ? -(int)Errno.ERANGE
                    : step.Version > version ? -(int)Errno.EOVERFLOW
                    : carried;

            case RadosStepKind.CompareExtent:
                return CompareExtent(step);

            case RadosStepKind.CompareXattr:
                return CompareXattr(step);

            case RadosStepKind.CompareOmap:
                return CompareOmap(step, carried);

            case RadosStepKind.Create:
                if (_working is not null && step.IsExclusiveCreate)
                {
                    return -(int)Errno.EEXIST;
                }

                Writable();
                return 0;

            case RadosStepKind.Write:
                return Write(step.Offset, step.Payload.Span);

            case RadosStepKind.WriteFull:
                if (step.Payload.Length > RadosLimits.MaxObjectSize)
                {
                    return -(int)Errno.EFBIG;
                }

                // Writing nothing over an existing empty object queues nothing at all on the OSD.
                bool changedBefore = Changed;
                bool nothingToDo = _working is not null && step.Payload.IsEmpty && _working.Size == 0;
                Writable().Replace(step.Payload.Span);
                Changed = changedBefore || !nothingToDo;
                return 0;

            case RadosStepKind.WriteSame:
                if (step.Length == 0)
                {
                    return 0;
                }

                if (step.Payload.IsEmpty || step.Length % step.Payload.Length != 0 || step.Length > RadosLimits.MaxObjectSize)
                {
                    return step.Payload.IsEmpty || step.Length % step.Payload.Length != 0 ? -(int)Errno.EINVAL : -(int)Errno.EFBIG;
                }

                var pattern = new byte[step.Length];
                for (int at = 0; at < pattern.Length; at += step.Payload.Length)
                {
                    step.Payload.Span.CopyTo(pattern.AsSpan(at));
                }

                return Write(step.Offset, pattern);

            case RadosStepKind.Append:
                return Write(_working?.Size ?? 0, step.Payload.Span);

            case RadosStepKind.Truncate:
                return _working is null ? 0 : Truncate(step.Offset);

            case RadosStepKind.Zero:
                return Zero(step, carried);

            case RadosStepKind.Remove:
                if (_working is null)
                {
                    return -(int)Errno.ENOENT;
                }

                _working = null;
                _ownsWorking = false;
                Changed = true;
                return 0;

            case RadosStepKind.SetXattr:
                if (Encoding.UTF8.GetByteCount(step.Name) > RadosLimits.MaxXattrNameLength)
                {
                    return -(int)Errno.ENAMETOOLONG;
                }

                EmulatedObject target = Writable();
                // The OSD accepts the empty name but keeps nothing under it.
                if (step.Name.Length > 0)
                {
                    target.Xattrs[step.Name] = step.Payload.ToArray();
                }

                return 0;

            case RadosStepKind.RemoveXattr:
                if (_working is null)
                {
                    return -(int)Errno.ENOENT;
                }

                Writable().Xattrs.Remove(step.Name);
                return 0;

            case RadosStepKind.SetOmap:
                EmulatedObject withOmap = Writable();
                _omapFlag = true;
                foreach (var (key, value) in step.OmapEntries)
                {
                    withOmap.Omap[key] = value.ToArray();
                }

                return 0;

            case RadosStepKind.RemoveOmapKeys:
                if (_working is null)
                {
                    return -(int)Errno.ENOENT;
                }

                EmulatedObject fewerKeys = Writable();
                foreach (string key in step.Keys)
                {
                    fewerKeys.Omap.Remove(key);
                }

                return 0;

            case RadosStepKind.RemoveOmapRange:
                if (_working is null)
                {
                    return -(int)Errno.ENOENT;
                }

                EmulatedObject ranged = Writable();
                Utf8OrdinalComparer order = Utf8OrdinalComparer.Instance;
                foreach (string key in ranged.Omap.Keys.Where(k => order.Compare(k, step.Name) >= 0 && order.Compare(k, step.KeyEnd) < 0).ToList())
                {
                    ranged.Omap.Remove(key);
                }

                return 0;

            case RadosStepKind.ClearOmap:
                if (_working is null)
                {
                    return -(int)Errno.ENOENT;
                }

                // The OSD queues the clear only when the object has omap data.
                if (_working.Omap.Count > 0)
                {
                    Writable().Omap.Clear();
                }

                _omapFlag = false;

                return 0;

            case RadosStepKind.SetAllocationHint:
                Writable();
                return 0;

            case RadosStepKind.Read:
                return Read((RadosReadStep)step);

            case RadosStepKind.Stat:
                ((RadosStatStep)step).SetStat(new RadosObjectStat(_working!.Size, _working.ModifiedTime));
                return carried;

            case RadosStepKind.GetXattrs:
                ((RadosXattrsStep)step).SetXattrs(_working!.Xattrs.ToDictionary(e => e.Key, e => (byte[])e.Value.Clone(), StringComparer.Ordinal));
                return 0;

            case RadosStepKind.GetOmapValues:
                ((RadosOmapValuesStep)step).SetPage(OmapPaging.Values(_working!.Omap, step.Name, step.FilterPrefix, step.MaxReturn));
                return carried;

            case RadosStepKind.GetOmapKeys:
                ((RadosOmapKeysStep)step).SetPage(OmapPaging.Keys(_working!.Omap, step.Name, step.MaxReturn));
                return carried;

            case RadosStepKind.GetOmapValuesByKeys:
                var found = new SortedDictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
                foreach (string key in step.Keys)
                {
                    if (_working!.Omap.TryGetValue(key, out byte[]? value))
                    {
                        found[key] = value;
                    }
                }

                ((RadosOmapValuesByKeysStep)step).SetEntries(found);
                return carried;

            default:
                throw new InvalidOperationException($"unknown step {step.Kind}");
        }
    }

    /// <summary>The working object, created or copied so it can change; marks the operation as changing something.</summary>
    private EmulatedObject Writable()
    {
        Changed = true;
        if (_working is null)
        {
            _working = new EmulatedObject();
            _ownsWorking = true;
        }
        else if (!_ownsWorking)
        {
            _working = _working.Clone();
            _ownsWorking = true;
        }

        return _working;
    }

    /// <summary>check_offset_and_length: an extent starting at or ending past the size limit is EFBIG.</summary>
    private static bool TooBig(long offset, long length)
        => offset >= RadosLimits.MaxObjectSize || length > RadosLimits.MaxObjectSize || offset + length > RadosLimits.MaxObjectSize;

    private int Write(long offset, ReadOnlySpan<byte> data)
    {
        if (TooBig(offset, data.Length))
        {
            return -(int)Errno.EFBIG;
        }

        EmulatedObject obj = Writable();
        if (data.IsEmpty)
        {
            // A zero-length write still extends the object to its offset.
            if (offset > obj.Size)
            {
                obj.Truncate(offset);
            }
        }
        else
        {
            obj.Write(offset, data);
        }

        return 0;
    }

    private int Truncate(long size)
    {
        if (TooBig(size, 0))
        {
            return -(int)Errno.EFBIG;
        }

        Writable().Truncate(size);
        return 0;
    }

    private int Zero(RadosOperationStep step, int carried)
    {
        long offset = step.Offset, length = step.Length;
        // The OSD turns a zero that reaches the end of the object into a truncate, and one past the end into a
        // no-op that passes the previous step's result on.
        if (_working is not null && offset < RadosLimits.MaxObjectSize && length <= RadosLimits.MaxObjectSize && offset + length >= _working.Size)
        {
            return offset >= _working.Size ? carried : Truncate(offset);
        }

        if (TooBig(offset, length))
        {
            return -(int)Errno.EFBIG;
        }

        if (_working is not null)
        {
            Writable().ZeroRange(offset, length);
        }

        return 0;
    }

    private int CompareExtent(RadosOperationStep step)
    {
        // The OSD clips the extent to the object's current size but reads the bytes stored before the operation
        // (the builder keeps data-changing steps out of the way, so the two agree or the object is gone).
        long size = _working?.Size ?? 0;
        ReadOnlySpan<byte> expected = step.Payload.Span;
        long length = step.Offset >= size ? 0 : Math.Min(expected.Length, size - step.Offset);
        ReadOnlySpan<byte> stored = length == 0 || _before is null
            ? []
            : _before.Data.Slice((int)Math.Min(step.Offset, _before.Size), (int)Math.Min(length, Math.Max(0, _before.Size - step.Offset)));
        for (int i = 0; i < expected.Length; i++)
        {
            byte actual = i < stored.Length ? stored[i] : (byte)0;
            if (expected[i] != actual)
            {
                return -(int)Errno.MAX_ERRNO - i;
            }
        }

        return 0;
    }

    private int CompareXattr(RadosOperationStep step)
    {
        // cmpxattr reads the attributes stored before the operation: ENOENT for an object created by it.
        if (_before is null)
        {
            return -(int)Errno.ENOENT;
        }

        byte[] stored = step.Name.Length == 0
            ? ObjectInfoStandIn
            : _before.Xattrs.TryGetValue(step.Name, out byte[]? value) ? value : [];
        // do_xattr_cmp_str: given.compare(stored), std::string order (unsigned bytes).
        int order = step.Payload.Span.SequenceCompareTo(stored);
        bool holds = step.Comparison switch
        {
            RadosComparison.Equal => order == 0,
            RadosComparison.NotEqual => order != 0,
            RadosComparison.Greater => order > 0,
            RadosComparison.GreaterOrEqual => order >= 0,
            RadosComparison.Less => order < 0,
            RadosComparison.LessOrEqual => order <= 0,
            _ => throw new InvalidOperationException($"unknown comparison {step.Comparison}"),
        };
        return holds ? 1 : -(int)Errno.ECANCELED;
    }

    private int CompareOmap(RadosOperationStep step, int carried)
    {
        if (_working is null)
        {
            return -(int)Errno.ENOENT;
        }

        // The OSD reads the omap stored before the operation — unless an omap clear in it dropped the omap flag. An
        // object this operation creates is not stored yet: with the flag set (an omap set before) that read is ENOENT.
        if (_omapFlag && _before is null)
        {
            return -(int)Errno.ENOENT;
        }

        byte[] stored = _omapFlag && _before!.Omap.TryGetValue(step.Name, out byte[]? value) ? value : [];
        ReadOnlySpan<byte> given = step.Payload.Span;
        // bufferlist comparison: stored OP given, bytes compared as (signed) chars.
        bool holds = step.Comparison switch
        {
            RadosComparison.Equal => given.SequenceEqual(stored),
            RadosComparison.Less => SignedCompare(stored, given) < 0,
            RadosComparison.Greater => SignedCompare(stored, given) > 0,
            _ => false,
        };
        return step.Comparison is not (RadosComparison.Equal or RadosComparison.Less or RadosComparison.Greater) ? -(int)Errno.EINVAL
            : holds ? carried : -(int)Errno.ECANCELED;
    }

    private static int SignedCompare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int common = Math.Min(left.Length, right.Length);
        for (int i = 0; i < common; i++)
        {
            int c = ((sbyte)left[i]).CompareTo((sbyte)right[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private int Read(RadosReadStep step)
    {
        EmulatedObject obj = _working!;
        // Length 0 asks the OSD for everything to the end; the client then finds it does not fit (-ERANGE) while
        // the OSD, and so the operation, succeeded.
        long wanted = step.Buffer.Length == 0 ? obj.Size : step.Buffer.Length;
        long available = step.Offset >= obj.Size ? 0 : Math.Min(wanted, obj.Size - step.Offset);
        if (available > step.Buffer.Length)
        {
            step.SetOwnReturnCode(-(int)Errno.ERANGE);
            step.SetBytesRead(0);
            return 0;
        }

        int read = obj.Read(step.Offset, step.Buffer.Span[..(int)available]);
        step.SetBytesRead(read);
        return 0;
    }
}
