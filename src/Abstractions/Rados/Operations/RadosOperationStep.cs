using System.Text;

namespace StorageKit.Rados;

/// <summary>
/// One step of a <see cref="RadosWriteOperation"/> or <see cref="RadosReadOperation"/>, returned by the builder
/// method that added it (go-ceph style): set <see cref="Flags"/> before the operation runs, read
/// <see cref="ReturnCode"/> (and, on result steps, the result) after it ran.
/// </summary>
/// <remarks>
/// <para>
/// Steps with <see cref="ReportsOwnReturnCode"/> (compare-extent, omap-compare and every read step) get their
/// code from librados exactly: 0 or a negative errno when the step ran; when it did not run (an earlier step failed,
/// or a read-only operation found no object) 0, except that stat, getxattrs and the omap listings then report
/// <c>-EIO</c> because librados cannot decode their empty answer.
/// </para>
/// <para>
/// librados gives every other step no code of its own, only the operation's. For those the kit assigns the
/// operation's error to the first step that can fail with that errno (an exclusive create for EEXIST, an
/// assert-version for ERANGE, ...; the first step when none can) and 0 to the rest. Both implementations apply
/// this one rule, so they report the same step.
/// </para>
/// </remarks>
public class RadosOperationStep
{
    private RadosStepOptions _flags;

    internal RadosOperationStep(RadosOperation operation, RadosStepKind kind)
    {
        Operation = operation;
        Kind = kind;
        Index = operation.Steps.Count;
        Function = FunctionName(kind, operation.IsWrite);
    }

    /// <summary>What the step does.</summary>
    public RadosStepKind Kind { get; }

    /// <summary>Position of the step in its operation, from 0.</summary>
    public int Index { get; }

    /// <summary>The librados function that adds the step (<c>rados_write_op_cmpext</c>, ...); also the
    /// <see cref="StorageException.Operation"/> when the operation fails because of this step.</summary>
    public string Function { get; }

    /// <summary>Per-step flags (<c>rados_*_op_set_flags</c>); settable until the operation runs.</summary>
    public RadosStepOptions Flags
    {
        get => _flags;
        set
        {
            Operation.ThrowIfNotBuilding();
            _flags = value;
        }
    }

    /// <summary>True when librados reports a return code of this step's own (a <c>prval</c>).</summary>
    public bool ReportsOwnReturnCode => HasOwnReturnCode(Kind);

    /// <summary>
    /// The step's return code once the operation ran (0 or positive: success; negative: <c>-errno</c>, or for
    /// compare-extent <c>-(MAX_ERRNO + offset)</c>); null before. See the remarks of the type for steps librados
    /// gives no code of their own.
    /// </summary>
    public int? ReturnCode { get; private set; }

    /// <summary>True once the operation ran and the step carries its results.</summary>
    public bool IsComplete => ReturnCode.HasValue;

    /// <summary>The operation the step belongs to.</summary>
    internal RadosOperation Operation { get; }

    // Arguments, as given to the builder (data copied there, like librados copies it when a step is added).
    internal long Offset { get; init; }

    internal long Length { get; init; }

    internal ReadOnlyMemory<byte> Payload { get; init; }

    internal string Name { get; init; } = "";

    internal string KeyEnd { get; init; } = "";

    internal RadosComparison Comparison { get; init; }

    internal bool Exclusive { get; init; }

    internal ulong Version { get; init; }

    internal IReadOnlyList<string> Keys { get; init; } = [];

    internal IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> OmapEntries { get; init; } = [];

    internal ulong ExpectedObjectSize { get; init; }

    internal ulong ExpectedWriteSize { get; init; }

    internal RadosAllocationHints HintFlags { get; init; }

    internal string FilterPrefix { get; init; } = "";

    internal int MaxReturn { get; init; }

    /// <summary>True for create steps that fail with EEXIST on an existing object (argument or step flag).</summary>
    internal bool IsExclusiveCreate => Kind == RadosStepKind.Create && (Exclusive || (_flags & RadosStepOptions.Exclusive) != 0);

    internal bool IsFailOk => (_flags & RadosStepOptions.FailOk) != 0;

    /// <summary>Steps the OSD counts as writes (<c>CEPH_OSD_OP_MODE_WR</c>); an operation without one is a read.</summary>
    internal bool IsWriteStep => Kind is >= RadosStepKind.Create and <= RadosStepKind.SetAllocationHint;

    /// <summary>Steps that change object data; a compare-extent may not follow them (see <see cref="RadosWriteOperation.CompareExtent"/>).</summary>
    internal bool ChangesData => Kind is RadosStepKind.Write or RadosStepKind.WriteFull or RadosStepKind.WriteSame
        or RadosStepKind.Append or RadosStepKind.Truncate or RadosStepKind.Zero;

    /// <summary>Steps that create a missing object (on the OSD: <c>maybe_create_new_object</c>).</summary>
    internal bool CanCreate => Kind is RadosStepKind.Create or RadosStepKind.Write or RadosStepKind.WriteFull or RadosStepKind.WriteSame
        or RadosStepKind.Append or RadosStepKind.SetXattr or RadosStepKind.SetOmap or RadosStepKind.SetAllocationHint;

    /// <summary>The code librados reports for a step with its own code that never ran.</summary>
    internal int NotRunReturnCode => Kind is RadosStepKind.Stat or RadosStepKind.GetXattrs or RadosStepKind.GetOmapValues
        or RadosStepKind.GetOmapKeys or RadosStepKind.GetOmapValuesByKeys
        ? -(int)Errno.EIO
        : 0;

    /// <summary>Records the code librados reported for a step with its own code (implementations call this).</summary>
    internal void SetOwnReturnCode(int returnCode)
    {
        if (!ReportsOwnReturnCode)
        {
            throw new InvalidOperationException($"{Function} has no return code of its own.");
        }

        ReturnCode = returnCode;
    }

    internal void SetDerivedReturnCode(int returnCode) => ReturnCode = returnCode;

    /// <summary>Whether this step (one without its own code) can be the cause of <paramref name="errno"/>.</summary>
    internal bool CanFailWith(Errno errno) => Kind switch
    {
        RadosStepKind.AssertExists => errno == Errno.ENOENT,
        RadosStepKind.AssertVersion => errno is Errno.ENOENT or Errno.ERANGE or Errno.EOVERFLOW || (errno == Errno.EINVAL && Version == 0),
        RadosStepKind.CompareXattr => errno is Errno.ENOENT or Errno.ECANCELED,
        RadosStepKind.Create => errno == Errno.EEXIST && IsExclusiveCreate,
        RadosStepKind.Write or RadosStepKind.WriteFull or RadosStepKind.Append or RadosStepKind.Truncate or RadosStepKind.Zero => errno == Errno.EFBIG,
        RadosStepKind.WriteSame => errno is Errno.EFBIG or Errno.EINVAL,
        RadosStepKind.Remove or RadosStepKind.RemoveXattr or RadosStepKind.RemoveOmapKeys or RadosStepKind.RemoveOmapRange
            or RadosStepKind.ClearOmap => errno == Errno.ENOENT,
        RadosStepKind.SetXattr => errno == Errno.ENAMETOOLONG && Encoding.UTF8.GetByteCount(Name) > RadosLimits.MaxXattrNameLength,
        _ => false,
    };

    /// <summary>Throws unless the operation ran (results are only there afterwards).</summary>
    private protected void ThrowIfNotComplete()
    {
        if (!IsComplete)
        {
            throw new InvalidOperationException($"The {Function} step has no result yet: the operation has not run.");
        }
    }

    private static bool HasOwnReturnCode(RadosStepKind kind) => kind is RadosStepKind.CompareExtent or RadosStepKind.CompareOmap
        or RadosStepKind.Read or RadosStepKind.Stat or RadosStepKind.GetXattrs or RadosStepKind.GetOmapValues
        or RadosStepKind.GetOmapKeys or RadosStepKind.GetOmapValuesByKeys;

    private static string FunctionName(RadosStepKind kind, bool write)
    {
        string verb = kind switch
        {
            RadosStepKind.AssertExists => "assert_exists",
            RadosStepKind.AssertVersion => "assert_version",
            RadosStepKind.CompareExtent => "cmpext",
            RadosStepKind.CompareXattr => "cmpxattr",
            RadosStepKind.CompareOmap => "omap_cmp2",
            RadosStepKind.Create => "create",
            RadosStepKind.Write => "write",
            RadosStepKind.WriteFull => "write_full",
            RadosStepKind.WriteSame => "writesame",
            RadosStepKind.Append => "append",
            RadosStepKind.Truncate => "truncate",
            RadosStepKind.Zero => "zero",
            RadosStepKind.Remove => "remove",
            RadosStepKind.SetXattr => "setxattr",
            RadosStepKind.RemoveXattr => "rmxattr",
            RadosStepKind.SetOmap => "omap_set2",
            RadosStepKind.RemoveOmapKeys => "omap_rm_keys2",
            RadosStepKind.RemoveOmapRange => "omap_rm_range2",
            RadosStepKind.ClearOmap => "omap_clear",
            RadosStepKind.SetAllocationHint => "set_alloc_hint2",
            RadosStepKind.Read => "read",
            RadosStepKind.Stat => "stat",
            RadosStepKind.GetXattrs => "getxattrs",
            RadosStepKind.GetOmapValues => "omap_get_vals2",
            RadosStepKind.GetOmapKeys => "omap_get_keys2",
            RadosStepKind.GetOmapValuesByKeys => "omap_get_vals_by_keys2",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return (write ? "rados_write_op_" : "rados_read_op_") + verb;
    }
}
