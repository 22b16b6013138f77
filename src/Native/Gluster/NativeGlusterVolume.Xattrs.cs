using StorageKit.Gluster;

namespace StorageKit.Native.Gluster;

/// <summary>Extended attributes of paths.</summary>
internal sealed partial class NativeGlusterVolume
{
    /// <inheritdoc />
    public unsafe int GetXattr(string path, string name, Span<byte> buffer)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterArguments.CheckXattrName(name, nameof(name));
        const string operation = "glfs_getxattr";
        using var lease = Use(operation, path);
        fixed (byte* value = buffer)
        {
            // An empty span pins to null, which with size 0 is the "how long is it" question.
            return (int)GlusterCall.Check((long)Interop.Gluster.glfs_getxattr(lease.Handle.DangerousGetHandle(), path, name, value, (nuint)buffer.Length), operation, path);
        }
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<string> ListXattrs(string path)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        const string operation = "glfs_listxattr";
        using var lease = Use(operation, path);
        nint fs = lease.Handle.DangerousGetHandle();
        return XattrList.Read((value, size) => Interop.Gluster.glfs_listxattr(fs, path, value, size), operation, path);
    }

    /// <inheritdoc />
    public unsafe void SetXattr(string path, string name, ReadOnlySpan<byte> value, GlusterXattrFlags flags = GlusterXattrFlags.None)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterArguments.CheckXattrName(name, nameof(name));
        const string operation = "glfs_setxattr";
        using var lease = Use(operation, path);
        fixed (byte* bytes = value)
        {
            GlusterCall.Check(Interop.Gluster.glfs_setxattr(lease.Handle.DangerousGetHandle(), path, name, bytes, (nuint)value.Length, (int)flags), operation, path);
        }
    }

    /// <inheritdoc />
    public void RemoveXattr(string path, string name)
    {
        GlusterArguments.CheckPath(path, nameof(path));
        GlusterArguments.CheckXattrName(name, nameof(name));
        const string operation = "glfs_removexattr";
        using var lease = Use(operation, path);
        GlusterCall.Check(Interop.Gluster.glfs_removexattr(lease.Handle.DangerousGetHandle(), path, name), operation, path);
    }
}
