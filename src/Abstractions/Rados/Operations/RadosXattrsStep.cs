namespace StorageKit.Rados;

/// <summary>A getxattrs step (<c>rados_read_op_getxattrs</c>): every extended attribute; empty unless the step succeeded (code ≥ 0).</summary>
public sealed class RadosXattrsStep : RadosOperationStep
{
    private IReadOnlyDictionary<string, byte[]> _xattrs = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    internal RadosXattrsStep(RadosOperation operation)
        : base(operation, RadosStepKind.GetXattrs)
    {
    }

    /// <summary>The attributes by name.</summary>
    public IReadOnlyDictionary<string, byte[]> Xattrs
    {
        get
        {
            ThrowIfNotComplete();
            return _xattrs;
        }
    }

    internal void SetXattrs(IReadOnlyDictionary<string, byte[]> xattrs) => _xattrs = xattrs;
}
