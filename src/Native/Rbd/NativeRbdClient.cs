using System.Text;
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
        nuint size = 1024;
        while (true)
        {
            var buffer = new byte[(int)size];
            nuint requested = size;
            int returnCode;
            fixed (byte* pointer = buffer)
            {
                returnCode = Interop.Rbd.rbd_list(lease.Handle, pointer, ref size);
            }

            if (returnCode == -(int)Errno.ERANGE && size > requested)
            {
                continue;
            }

            int length = RadosCall.Check(returnCode, "rbd_list");
            var names = new List<string>();
            int start = 0;
            for (int i = 0; i < length && i < buffer.Length; i++)
            {
                if (buffer[i] == 0)
                {
                    if (i > start)
                    {
                        names.Add(Encoding.UTF8.GetString(buffer, start, i - start));
                    }

                    start = i + 1;
                }
            }

            return names;
        }
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
