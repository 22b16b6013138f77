using System.Runtime.InteropServices;

namespace StorageKit.Native;

/// <summary>
/// Owns a <c>rados_list_ctx_t</c> and one reference on the io context handle it lists, so the io context
/// outlives the listing; <c>rados_nobjects_list_close</c> runs first, then the reference is dropped.
/// </summary>
internal sealed class RadosListContextHandle : SafeHandle
{
    private readonly RadosIoContextHandle _ioContext;

    private RadosListContextHandle(nint listContext, RadosIoContextHandle ioContext)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        _ioContext = ioContext;
        SetHandle(listContext);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>
    /// Runs <paramref name="open"/> (<c>rados_nobjects_list_open</c>) with a reference held on the io context,
    /// and hands that reference to the new handle; the reference is dropped again when opening fails.
    /// </summary>
    public static RadosListContextHandle Open(RadosIoContextHandle ioContext, Func<RadosIoContextHandle, nint> open)
    {
        bool addedReference = false;
        try
        {
            ioContext.DangerousAddRef(ref addedReference);
            var listContext = new RadosListContextHandle(open(ioContext), ioContext);
            addedReference = false;
            return listContext;
        }
        finally
        {
            if (addedReference)
            {
                ioContext.DangerousRelease();
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        Interop.Rados.rados_nobjects_list_close(handle);
        _ioContext.DangerousRelease();
        return true;
    }
}
