using System.Runtime.InteropServices;

namespace StorageKit.Native;

/// <summary>
/// Owns an <c>rbd_image_t</c> and one reference on the io context handle it was opened through (which in
/// turn holds the cluster), so the cluster is not shut down under an open image; <c>rbd_close</c> runs first.
/// </summary>
internal sealed class RbdImageHandle : SafeHandle
{
    private readonly RadosIoContextHandle _ioContext;

    private RbdImageHandle(nint image, RadosIoContextHandle ioContext)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        _ioContext = ioContext;
        SetHandle(image);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>
    /// Runs <paramref name="open"/> (an <c>rbd_open*</c> call returning the C code and the image) with a
    /// reference held on the io context, and hands that reference to the new handle; it is dropped when opening fails.
    /// </summary>
    public static RbdImageHandle Open(RadosIoContextHandle ioContext, Func<RadosIoContextHandle, nint> open)
    {
        bool addedReference = false;
        try
        {
            ioContext.DangerousAddRef(ref addedReference);
            var image = new RbdImageHandle(open(ioContext), ioContext);
            addedReference = false;
            return image;
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
        // Nothing can be done about a failed close here; librbd logs it.
        _ = Interop.Rbd.rbd_close(handle);
        _ioContext.DangerousRelease();
        return true;
    }
}
