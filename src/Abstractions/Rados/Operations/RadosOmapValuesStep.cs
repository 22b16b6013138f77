namespace StorageKit.Rados;

/// <summary>
/// An omap listing step (<c>rados_read_op_omap_get_vals2</c>): one page as <see cref="IRadosIoContext.GetOmapValues"/>
/// returns it; an empty page unless the step succeeded.
/// </summary>
public sealed class RadosOmapValuesStep : RadosOperationStep
{
    private RadosOmapPage _page = new([], false);

    internal RadosOmapValuesStep(RadosOperation operation)
        : base(operation, RadosStepKind.GetOmapValues)
    {
    }

    /// <summary>The entries and the <c>more</c> flag.</summary>
    public RadosOmapPage Page
    {
        get
        {
            ThrowIfNotComplete();
            return _page;
        }
    }

    internal void SetPage(RadosOmapPage page) => _page = page;
}
