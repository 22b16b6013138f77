using System.Runtime.InteropServices;

namespace StorageKit.Native;

/// <summary>
/// Owns a <c>rados_t</c>. Released with <c>rados_shutdown</c> once the owner disposed it and every io
/// context opened from it (each holds a reference) is gone.
/// </summary>
internal sealed class RadosClusterHandle : SafeHandle
{
    public RadosClusterHandle(nint cluster)
        : base(invalidHandleValue: 0, ownsHandle: true) => SetHandle(cluster);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        Interop.Rados.rados_shutdown(handle);
        return true;
    }
}
