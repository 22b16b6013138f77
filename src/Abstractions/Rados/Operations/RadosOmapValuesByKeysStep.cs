namespace StorageKit.Rados;

/// <summary>An omap lookup step (<c>rados_read_op_omap_get_vals_by_keys2</c>): the entries of the given keys that exist.</summary>
public sealed class RadosOmapValuesByKeysStep : RadosOperationStep
{
    private IReadOnlyDictionary<string, ReadOnlyMemory<byte>> _entries = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);

    internal RadosOmapValuesByKeysStep(RadosOperation operation)
        : base(operation, RadosStepKind.GetOmapValuesByKeys)
    {
    }

    /// <summary>The entries found, by key.</summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Entries
    {
        get
        {
            ThrowIfNotComplete();
            return _entries;
        }
    }

    internal void SetEntries(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> entries) => _entries = entries;
}
