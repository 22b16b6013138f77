using System.Collections.Immutable;
using StorageKit.Rados;

namespace StorageKit.Conformance.Rados;

/// <summary>The kinds of step a random compound write operation is made of.</summary>
internal enum CompoundStepKind
{
    AssertExists,
    AssertVersionSame,
    AssertVersionOlder,
    AssertVersionNewer,
    CompareXattrCurrent,
    CompareXattrOther,
    CompareOmapCurrent,
    CompareOmapOther,
    CompareExtentCurrent,
    CompareExtentOther,
    CreateExclusive,
    CreateIdempotent,
    Write,
    WriteFull,
    WriteSame,
    Append,
    Truncate,
    Zero,
    Remove,
    SetXattr,
    RemoveXattr,
    SetOmap,
    RemoveOmapKey,
    ClearOmap,
    AllocationHint,
}

/// <summary>
/// One step of a random compound write operation. "Current"/"Other" compares take their operand from the object
/// as it is before the operation (so they hold, or fail, by construction); version asserts are resolved against
/// the object's real version, which the model cannot know.
/// </summary>
internal sealed record CompoundStep(CompoundStepKind Kind, string Name, int Offset, int Length, byte[] Data, bool FailOk)
{
    public bool IsWrite => Kind >= CompoundStepKind.CreateExclusive;

    public bool CanCreate => Kind is CompoundStepKind.CreateExclusive or CompoundStepKind.CreateIdempotent or CompoundStepKind.Write
        or CompoundStepKind.WriteFull or CompoundStepKind.WriteSame or CompoundStepKind.Append or CompoundStepKind.SetXattr
        or CompoundStepKind.SetOmap or CompoundStepKind.AllocationHint;

    public bool ChangesData => Kind is CompoundStepKind.Write or CompoundStepKind.WriteFull or CompoundStepKind.WriteSame
        or CompoundStepKind.Append or CompoundStepKind.Truncate or CompoundStepKind.Zero;

    public override string ToString()
    {
        string failOk = FailOk ? " failok" : "";
        return Kind switch
        {
            CompoundStepKind.Write or CompoundStepKind.CompareExtentCurrent or CompoundStepKind.CompareExtentOther => $"{Kind}(off={Offset}, {Data.Length}B){failOk}",
            CompoundStepKind.WriteSame => $"{Kind}({Data.Length}B x len={Length}, off={Offset}){failOk}",
            CompoundStepKind.WriteFull or CompoundStepKind.Append => $"{Kind}({Data.Length}B){failOk}",
            CompoundStepKind.Truncate => $"{Kind}({Offset}){failOk}",
            CompoundStepKind.Zero => $"{Kind}({Offset}, {Length}){failOk}",
            CompoundStepKind.SetXattr or CompoundStepKind.SetOmap => $"{Kind}({Name}, {Data.Length}B){failOk}",
            CompoundStepKind.RemoveXattr or CompoundStepKind.RemoveOmapKey or CompoundStepKind.CompareXattrCurrent or CompoundStepKind.CompareXattrOther
                or CompoundStepKind.CompareOmapCurrent or CompoundStepKind.CompareOmapOther => $"{Kind}({Name}){failOk}",
            _ => $"{Kind}{failOk}",
        };
    }

    /// <summary>Adds this step to <paramref name="operation"/>, its operands taken from the object before the operation.</summary>
    public void AddTo(RadosWriteOperation operation, ModelObject? before, ulong version)
    {
        RadosOperationStep step = Kind switch
        {
            CompoundStepKind.AssertExists => operation.AssertExists(),
            CompoundStepKind.AssertVersionSame or CompoundStepKind.AssertVersionOlder or CompoundStepKind.AssertVersionNewer => operation.AssertVersion(AssertedVersion(version)),
            CompoundStepKind.CompareXattrCurrent or CompoundStepKind.CompareXattrOther => operation.CompareXattr(Name, RadosComparison.Equal, XattrOperand(before)),
            CompoundStepKind.CompareOmapCurrent or CompoundStepKind.CompareOmapOther => operation.CompareOmap(Name, RadosComparison.Equal, OmapOperand(before)),
            CompoundStepKind.CompareExtentCurrent or CompoundStepKind.CompareExtentOther => operation.CompareExtent(ExtentOperand(before), Offset),
            CompoundStepKind.CreateExclusive => operation.Create(exclusive: true),
            CompoundStepKind.CreateIdempotent => operation.Create(exclusive: false),
            CompoundStepKind.Write => operation.Write(Data, Offset),
            CompoundStepKind.WriteFull => operation.WriteFull(Data),
            CompoundStepKind.WriteSame => operation.WriteSame(Data, Length, Offset),
            CompoundStepKind.Append => operation.Append(Data),
            CompoundStepKind.Truncate => operation.Truncate(Offset),
            CompoundStepKind.Zero => operation.Zero(Offset, Length),
            CompoundStepKind.Remove => operation.Remove(),
            CompoundStepKind.SetXattr => operation.SetXattr(Name, Data),
            CompoundStepKind.RemoveXattr => operation.RemoveXattr(Name),
            CompoundStepKind.SetOmap => operation.SetOmap([KeyValuePair.Create(Name, new ReadOnlyMemory<byte>(Data))]),
            CompoundStepKind.RemoveOmapKey => operation.RemoveOmapKeys([Name]),
            CompoundStepKind.ClearOmap => operation.ClearOmap(),
            CompoundStepKind.AllocationHint => operation.SetAllocationHint(4096, 1024),
            _ => throw new InvalidOperationException($"unknown step {Kind}"),
        };
        if (FailOk)
        {
            step.Flags = RadosStepOptions.FailOk;
        }
    }

    public ulong AssertedVersion(ulong version) => Kind switch
    {
        CompoundStepKind.AssertVersionOlder => version == 0 ? 0 : version - 1,
        CompoundStepKind.AssertVersionNewer => version + 1,
        _ => version,
    };

    public byte[] XattrOperand(ModelObject? before)
    {
        byte[] current = before is not null && before.Xattrs.TryGetValue(Name, out ImmutableArray<byte> value) ? [.. value] : [];
        return Kind == CompoundStepKind.CompareXattrCurrent ? current : [.. current, 0x5A];
    }

    public byte[] OmapOperand(ModelObject? before)
    {
        byte[] current = before is not null && before.Omap.TryGetValue(Name, out ImmutableArray<byte> value) ? [.. value] : [];
        return Kind == CompoundStepKind.CompareOmapCurrent ? current : [.. current, 0x5A];
    }

    public byte[] ExtentOperand(ModelObject? before)
    {
        // The stored bytes at the offset, zeros past the end: what a compare sees on the unchanged object.
        byte[] current = new byte[Length];
        for (int i = 0; before is not null && i < Length && Offset + i < before.Data.Length; i++)
        {
            current[i] = before.Data[Offset + i];
        }

        if (Kind == CompoundStepKind.CompareExtentOther)
        {
            current = [.. current, 0x5A];
        }

        return current;
    }
}

/// <summary>
/// The reference semantics of a compound write operation on one object, written from the measured Ceph 16 behaviour
/// (docs/native-probe-results.md), independently of the emulator: steps in order on a working copy; compares and
/// asserts read the object as it was before the operation, except existence and compare-extent's size; the first
/// failing step that is not fail-ok fails the whole operation, which then changes nothing.
/// </summary>
internal static class CompoundModel
{
    /// <summary>The errno the operation fails with (<see cref="Errno.None"/> on success) and the object afterwards (null: absent).</summary>
    public static (Errno Errno, ModelObject? After) Apply(ModelObject? before, IReadOnlyList<CompoundStep> steps, ulong version)
    {
        if (steps.Count == 0)
        {
            return (Errno.None, before);
        }

        if (before is null && !steps.Any(s => s.IsWrite))
        {
            return (Errno.ENOENT, null);
        }

        ModelObject? working = before;
        bool omapFlag = before is not null;
        foreach (CompoundStep step in steps)
        {
            Errno errno = Step(step, before, ref working, ref omapFlag, version);
            if (errno != Errno.None && !step.FailOk)
            {
                return (errno, before);
            }
        }

        return (Errno.None, working);
    }

    private static Errno Step(CompoundStep step, ModelObject? before, ref ModelObject? working, ref bool omapFlag, ulong version)
    {
        switch (step.Kind)
        {
            case CompoundStepKind.AssertExists:
                return working is null ? Errno.ENOENT : Errno.None;
            case CompoundStepKind.AssertVersionSame or CompoundStepKind.AssertVersionOlder or CompoundStepKind.AssertVersionNewer:
                // Measured: the version stays the object's own even after a remove in the same operation.
                ulong current = before is not null ? version : 0;
                ulong asserted = step.AssertedVersion(version);
                return asserted == 0 ? Errno.EINVAL : asserted < current ? Errno.ERANGE : asserted > current ? Errno.EOVERFLOW : Errno.None;
            case CompoundStepKind.CompareXattrCurrent or CompoundStepKind.CompareXattrOther:
                if (before is null)
                {
                    return Errno.ENOENT;
                }

                byte[] storedXattr = before.Xattrs.TryGetValue(step.Name, out ImmutableArray<byte> x) ? [.. x] : [];
                return step.XattrOperand(before).AsSpan().SequenceEqual(storedXattr) ? Errno.None : Errno.ECANCELED;
            case CompoundStepKind.CompareOmapCurrent or CompoundStepKind.CompareOmapOther:
                // Measured: ENOENT also after an omap set on an object the operation creates (the OSD then reads the
                // omap of an object not stored yet).
                if (working is null || (omapFlag && before is null))
                {
                    return Errno.ENOENT;
                }

                // Measured: the stored omap, even after a remove; hidden only after an omap clear (until an omap set).
                byte[] storedOmap = omapFlag && before is not null && before.Omap.TryGetValue(step.Name, out ImmutableArray<byte> o) ? [.. o] : [];
                return step.OmapOperand(before).AsSpan().SequenceEqual(storedOmap) ? Errno.None : Errno.ECANCELED;
            case CompoundStepKind.CompareExtentCurrent or CompoundStepKind.CompareExtentOther:
                byte[] expected = step.ExtentOperand(before);
                int size = working?.Data.Length ?? 0;
                int length = step.Offset >= size ? 0 : Math.Min(expected.Length, size - step.Offset);
                byte[] stored = before is null ? [] : [.. before.Data.Skip(step.Offset).Take(length)];
                for (int i = 0; i < expected.Length; i++)
                {
                    if (expected[i] != (i < stored.Length ? stored[i] : 0))
                    {
                        return (Errno)((int)Errno.MAX_ERRNO + i);
                    }
                }

                return Errno.None;
            case CompoundStepKind.CreateExclusive:
                if (working is not null)
                {
                    return Errno.EEXIST;
                }

                Create(ref working);
                return Errno.None;
            case CompoundStepKind.CreateIdempotent or CompoundStepKind.AllocationHint:
                Create(ref working);
                return Errno.None;
            case CompoundStepKind.Write:
                working = Create(ref working).WriteAt(step.Offset, step.Data);
                return Errno.None;
            case CompoundStepKind.WriteFull:
                working = Create(ref working) with { Data = [.. step.Data] };
                return Errno.None;
            case CompoundStepKind.WriteSame:
                if (step.Length == 0)
                {
                    return Errno.None;
                }

                if (step.Data.Length == 0 || step.Length % step.Data.Length != 0)
                {
                    return Errno.EINVAL;
                }

                byte[] pattern = Enumerable.Range(0, step.Length).Select(i => step.Data[i % step.Data.Length]).ToArray();
                working = Create(ref working).WriteAt(step.Offset, pattern);
                return Errno.None;
            case CompoundStepKind.Append:
                ModelObject appended = Create(ref working);
                working = appended.WriteAt(appended.Data.Length, step.Data);
                return Errno.None;
            case CompoundStepKind.Truncate:
                working = working?.Resize(step.Offset);
                return Errno.None;
            case CompoundStepKind.Zero:
                if (working is not null)
                {
                    int end = step.Offset + step.Length;
                    working = end >= working.Data.Length
                        ? (step.Offset >= working.Data.Length ? working : working.Resize(step.Offset))
                        : working.WriteAt(step.Offset, new byte[step.Length]);
                }

                return Errno.None;
            case CompoundStepKind.Remove:
                if (working is null)
                {
                    return Errno.ENOENT;
                }

                working = null;
                return Errno.None;
            case CompoundStepKind.SetXattr:
                ModelObject withXattr = Create(ref working);
                working = withXattr with { Xattrs = withXattr.Xattrs.SetItem(step.Name, [.. step.Data]) };
                return Errno.None;
            case CompoundStepKind.RemoveXattr:
                if (working is null)
                {
                    return Errno.ENOENT;
                }

                working = working with { Xattrs = working.Xattrs.Remove(step.Name) };
                return Errno.None;
            case CompoundStepKind.SetOmap:
                ModelObject withOmap = Create(ref working);
                omapFlag = true;
                working = withOmap with { Omap = withOmap.Omap.SetItem(step.Name, [.. step.Data]) };
                return Errno.None;
            case CompoundStepKind.RemoveOmapKey:
                if (working is null)
                {
                    return Errno.ENOENT;
                }

                working = working with { Omap = working.Omap.Remove(step.Name) };
                return Errno.None;
            case CompoundStepKind.ClearOmap:
                if (working is null)
                {
                    return Errno.ENOENT;
                }

                working = working with { Omap = working.Omap.Clear() };
                omapFlag = false;
                return Errno.None;
            default:
                throw new InvalidOperationException($"unknown step {step.Kind}");
        }
    }

    private static ModelObject Create(ref ModelObject? working) => working ??= ModelObject.Empty;
}
