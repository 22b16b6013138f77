namespace StorageKit.Rados;

/// <summary>
/// What <see cref="RadosWriteOperation"/> and <see cref="RadosReadOperation"/> share: the steps in the order they
/// were added, the operation flags, and the outcome once it ran. An operation runs once
/// (<see cref="IRadosIoContext.Operate(string, RadosWriteOperation)"/>, <c>OperateAsync</c>); librados likewise
/// consumes an op when it performs it. Build and run it on one thread.
/// </summary>
public abstract class RadosOperation
{
    private const int Building = 0;
    private const int Running = 1;
    private const int Completed = 2;

    private readonly List<RadosOperationStep> _steps = [];
    private RadosOperationOptions _flags;
    private int _state;

    private protected RadosOperation()
    {
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<RadosOperationStep> Steps => _steps;

    /// <summary>Flags for the whole operation (<c>LIBRADOS_OPERATION_*</c>); settable until it runs.</summary>
    public RadosOperationOptions Flags
    {
        get => _flags;
        set
        {
            ThrowIfNotBuilding();
            _flags = value;
        }
    }

    /// <summary>True once the operation ran (successfully or not); its steps then carry their results.</summary>
    public bool IsComplete => Volatile.Read(ref _state) == Completed;

    /// <summary>
    /// What the operate call returned, null before it ran: 0 on success, negative <c>-errno</c> on failure. Measured
    /// on Ceph 16: an operation that changes nothing (asserts, compares, reads) returns the last result a step set —
    /// 1 after a cmpxattr that held, which assert-exists, assert-version, a holding omap-compare, stat and the omap
    /// reads pass on, and which compare-extent, read, getxattrs and every write step reset to 0.
    /// </summary>
    public int? ReturnCode { get; private set; }

    /// <summary>True for write operations.</summary>
    internal abstract bool IsWrite { get; }

    /// <summary>Adds a step; only while the operation is being built.</summary>
    internal T Add<T>(T step)
        where T : RadosOperationStep
    {
        ThrowIfNotBuilding();
        _steps.Add(step);
        return step;
    }

    internal void ThrowIfNotBuilding()
    {
        if (Volatile.Read(ref _state) != Building)
        {
            throw new InvalidOperationException("The operation already ran (or is running); build a new one: librados consumes an operation when it performs it.");
        }
    }

    /// <summary>Marks the operation as running; implementations call this once arguments and lifetime checks passed.</summary>
    internal void Begin()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Building) != Building)
        {
            throw new InvalidOperationException("The operation already ran (or is running); build a new one: librados consumes an operation when it performs it.");
        }
    }

    /// <summary>
    /// Finishes the operation from what librados reported: the operate call's <paramref name="returnCode"/> and
    /// (already recorded on the steps) the codes of steps with their own. Assigns the codes of the other steps,
    /// then returns the exception the caller must throw, or null. Shared by both implementations so they report
    /// failures identically.
    /// </summary>
    internal StorageException? Complete(int returnCode, string objectName, string operateFunction)
    {
        foreach (RadosOperationStep step in _steps)
        {
            if (step.ReportsOwnReturnCode && !step.IsComplete)
            {
                step.SetOwnReturnCode(step.NotRunReturnCode);
            }
        }

        RadosOperationStep? failing = returnCode < 0 ? FailingStep(returnCode) : null;
        foreach (RadosOperationStep step in _steps)
        {
            if (!step.ReportsOwnReturnCode)
            {
                step.SetDerivedReturnCode(ReferenceEquals(step, failing) ? returnCode : 0);
            }
        }

        ReturnCode = returnCode;
        Volatile.Write(ref _state, Completed);
        if (returnCode < 0)
        {
            return StorageErrors.FromReturnCode(returnCode, failing?.Function ?? operateFunction, objectName);
        }

        // The operation succeeded, but a step may still have failed on the client side (a read into a buffer too
        // small gets -ERANGE) unless the caller allowed it to fail.
        RadosOperationStep? failedStep = _steps.FirstOrDefault(s => s.ReturnCode < 0 && !s.IsFailOk);
        return failedStep is null ? null : StorageErrors.FromReturnCode(failedStep.ReturnCode!.Value, failedStep.Function, objectName);
    }

    private RadosOperationStep? FailingStep(int returnCode)
    {
        var errno = (Errno)(-returnCode);
        return _steps.FirstOrDefault(s => s.ReportsOwnReturnCode && s.ReturnCode == returnCode && !s.IsFailOk)
            ?? _steps.FirstOrDefault(s => !s.ReportsOwnReturnCode && !s.IsFailOk && s.CanFailWith(errno))
            ?? _steps.FirstOrDefault();
    }
}
