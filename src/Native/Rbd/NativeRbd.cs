using StorageKit.Native.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary>The native RBD entry point: <see cref="IRbdClient"/> over librbd for a native io context.</summary>
public static class NativeRbd
{
    /// <summary>
    /// The images of <paramref name="ioContext"/>'s pool and namespace; the io context must come from the
    /// native implementation and stay open while the client is used.
    /// </summary>
    public static IRbdClient For(IRadosIoContext ioContext)
    {
        ArgumentNullException.ThrowIfNull(ioContext);
        if (ioContext is not NativeRadosIoContext native)
        {
            throw new ArgumentException("The io context does not come from the native implementation.", nameof(ioContext));
        }

        Interop.EnsureLoaded(Interop.Libraries.Rbd);
        return new NativeRbdClient(native);
    }
}
