namespace StorageKit.Rados;

/// <summary>An omap key listing step (<c>rados_read_op_omap_get_keys2</c>); an empty page unless the step succeeded.</summary>
public sealed class RadosOmapKeysStep : RadosOperationStep
{
    private RadosOmapKeysPage _page = new([], false);

    internal RadosOmapKeysStep(RadosOperation operation)
        : base(operation, RadosStepKind.GetOmapKeys)
    {
    }

    /// <summary>The keys and the <c>more</c> flag.</summary>
    public RadosOmapKeysPage Page
    {
        get
        {
            ThrowIfNotComplete();
            return _page;
        }
    }

    internal void SetPage(RadosOmapKeysPage page) => _page = page;
}
