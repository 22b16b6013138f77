using System.Runtime.InteropServices;
using StorageKit.Native.Nbd;

namespace StorageKit.Native;

/// <summary>
/// Owns a <c>struct nbd_handle *</c>; <c>nbd_close</c> runs when the last lease is gone. Closing drops the
/// connection without a disconnect and runs the free functions of commands still in flight (their completion
/// callbacks are not called: measured with libnbd 1.14), which is how their tasks learn of it.
/// </summary>
internal sealed class NbdHandle : SafeHandle
{
    private NbdHandle(nint handle)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>A new handle (<c>nbd_create</c>); the error libnbd gives when it cannot make one.</summary>
    public static NbdHandle Create()
    {
        nint created = Interop.Nbd.nbd_create();
        if (created == 0)
        {
            throw NbdCall.LastError("nbd_create");
        }

        return new NbdHandle(created);
    }

    protected override bool ReleaseHandle()
    {
        Interop.Nbd.nbd_close(handle);
        return true;
    }
}
