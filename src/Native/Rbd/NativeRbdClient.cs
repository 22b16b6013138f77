using StorageKit.Native.Rados;
using StorageKit.Rbd;

namespace StorageKit.Native.Rbd;

/// <summary><see cref="IRbdClient"/> over librbd's pool-level calls on a native io context.</summary>
internal sealed partial class NativeRbdClient(NativeRadosIoContext ioContext) : IRbdClient
{
    /// <inheritdoc />
    public void Create(string name, long size, int? order = null)
    {
        RbdArguments.ImageName(name);
        RbdArguments.NotNegative(size, nameof(size));
        int nativeOrder = order ?? 0;
        using var lease = ioContext.Use("rbd_create2", name);
        RadosCall.Check(Interop.Rbd.rbd_create2(lease.Handle, name, (ulong)size, Interop.Rbd.FeatureLayering, ref nativeOrder), "rbd_create2", name);
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<string> List()
    {
        using var lease = ioContext.Use("rbd_list", null);
        var io = lease.Handle;
        return NativeNameList.Read("rbd_list", (byte* buffer, ref nuint size) => Interop.Rbd.rbd_list(io, buffer, ref size));
    }

    /// <inheritdoc />
    public void Remove(string name)
    {
        RbdArguments.ImageName(name);
        using var lease = ioContext.Use("rbd_remove", name);
        RadosCall.Check(Interop.Rbd.rbd_remove(lease.Handle, name), "rbd_remove", name);
    }

    /// <inheritdoc />
    public void Rename(string sourceName, string destinationName)
    {
        RbdArguments.ImageName(sourceName, nameof(sourceName));
        RbdArguments.ImageName(destinationName, nameof(destinationName));
        using var lease = ioContext.Use("rbd_rename", sourceName);
        RadosCall.Check(Interop.Rbd.rbd_rename(lease.Handle, sourceName, destinationName), "rbd_rename", sourceName);
    }

    /// <inheritdoc />
    public IRbdImage Open(string name) => Open(name, null, readOnly: false);
}
