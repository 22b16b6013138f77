using System.Runtime.InteropServices;

namespace StorageKit.Native;

/// <summary>
/// Owns a <c>rados_ioctx_t</c> and one reference on the cluster handle it came from, so the cluster is not
/// shut down under it; <c>rados_ioctx_destroy</c> runs first, then the cluster reference is dropped.
/// </summary>
internal sealed class RadosIoContextHandle : SafeHandle
{
    private readonly RadosClusterHandle _cluster;

    /// <summary>Takes ownership of <paramref name="ioContext"/> and of a reference the caller already added on <paramref name="cluster"/>.</summary>
    private RadosIoContextHandle(nint ioContext, RadosClusterHandle cluster)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        _cluster = cluster;
        SetHandle(ioContext);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The raw <c>rados_t</c> this io context belongs to; valid as long as this handle is (it holds a reference).</summary>
    public nint ClusterPointer => _cluster.DangerousGetHandle();

    /// <summary>
    /// Runs <paramref name="create"/> (a <c>rados_ioctx_create*</c> call) with a reference held on the cluster,
    /// and hands that reference to the new handle; the reference is dropped again when creation fails.
    /// </summary>
    public static RadosIoContextHandle Create(RadosClusterHandle cluster, Func<RadosClusterHandle, nint> create)
    {
        bool addedReference = false;
        try
        {
            cluster.DangerousAddRef(ref addedReference);
            var ioContext = new RadosIoContextHandle(create(cluster), cluster);
            addedReference = false;
            return ioContext;
        }
        finally
        {
            if (addedReference)
            {
                cluster.DangerousRelease();
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        Interop.Rados.rados_ioctx_destroy(handle);
        _cluster.DangerousRelease();
        return true;
    }
}
