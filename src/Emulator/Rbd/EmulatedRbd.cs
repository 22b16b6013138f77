using StorageKit.Emulator.Rados;
using StorageKit.Rados;
using StorageKit.Rbd;

namespace StorageKit.Emulator.Rbd;

/// <summary>The emulated RBD entry point: <see cref="IRbdClient"/> laid out on an emulated io context.</summary>
public static class EmulatedRbd
{
    /// <summary>
    /// The images of <paramref name="ioContext"/>'s pool and namespace, stored as RADOS objects the way
    /// librbd 16 stores format 2 images; the io context must come from the emulator and stay open.
    /// </summary>
    public static IRbdClient For(IRadosIoContext ioContext)
    {
        ArgumentNullException.ThrowIfNull(ioContext);
        if (ioContext is not EmulatedRadosIoContext)
        {
            throw new ArgumentException("The io context does not come from the emulator.", nameof(ioContext));
        }

        return new EmulatedRbdClient(ioContext);
    }
}
