namespace StorageKit.Rados;

/// <summary>A stat step (<c>rados_read_op_stat</c>): size and whole-second modification time; zero values unless the step succeeded (code ≥ 0).</summary>
public sealed class RadosStatStep : RadosOperationStep
{
    private RadosObjectStat _stat;

    internal RadosStatStep(RadosOperation operation)
        : base(operation, RadosStepKind.Stat)
    {
    }

    /// <summary>The object's size and modification time.</summary>
    public RadosObjectStat Stat
    {
        get
        {
            ThrowIfNotComplete();
            return _stat;
        }
    }

    internal void SetStat(RadosObjectStat stat) => _stat = stat;
}
