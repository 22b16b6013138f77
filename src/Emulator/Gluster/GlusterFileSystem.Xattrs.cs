using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>Extended attributes with the namespace rules of a brick on Linux behind GlusterFS's filters.</summary>
internal sealed partial class GlusterFileSystem
{
    /// <summary><c>XATTR_NAME_MAX</c>: libgfapi refuses longer names with ENAMETOOLONG before resolving the path.</summary>
    public const int MaxXattrNameBytes = 255;

    /// <summary><c>XATTR_SIZE_MAX</c>.</summary>
    public const int MaxXattrValueBytes = 65536;

    /// <summary>Checks libgfapi makes on an attribute name before anything else.</summary>
    public static void CheckXattrName(string name, string op, string? path)
    {
        if (name.Length == 0)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, path);
        }

        if (ByteLength(name) > MaxXattrNameBytes)
        {
            throw StorageErrors.Create(Errno.ENAMETOOLONG, op, path);
        }
    }

    public static int GetXattr(GlusterCaller caller, GlusterNode node, string name, Span<byte> buffer, string op, string? path)
    {
        CheckNamespace(caller, node, name, write: false, op, path);
        if (node.Xattrs is null || !node.Xattrs.TryGetValue(name, out byte[]? value))
        {
            throw StorageErrors.Create(Errno.ENODATA, op, path);
        }

        if (buffer.IsEmpty)
        {
            return value.Length;
        }

        if (buffer.Length < value.Length)
        {
            throw StorageErrors.Create(Errno.ERANGE, op, path);
        }

        value.CopyTo(buffer);
        return value.Length;
    }

    public static IReadOnlyList<string> ListXattrs(GlusterCaller caller, GlusterNode node)
    {
        if (node.Xattrs is null || node.Xattrs.Count == 0)
        {
            return [];
        }

        // Only root sees trusted.* names, as listxattr(2) on the brick would show.
        return node.Xattrs.Keys.Where(n => caller.IsRoot || !n.StartsWith("trusted.", StringComparison.Ordinal)).ToList();
    }

    public void SetXattr(GlusterCaller caller, GlusterNode node, string name, ReadOnlySpan<byte> value, GlusterXattrFlags flags, string op, string? path)
    {
        if (((int)flags & ~3) != 0)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, path);
        }

        CheckNamespace(caller, node, name, write: true, op, path);
        if (value.Length > MaxXattrValueBytes)
        {
            throw StorageErrors.Create(Errno.E2BIG, op, path);
        }

        node.Xattrs ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
        bool exists = node.Xattrs.ContainsKey(name);
        if (exists && (flags & GlusterXattrFlags.Create) != 0)
        {
            throw StorageErrors.Create(Errno.EEXIST, op, path);
        }

        if (!exists && (flags & GlusterXattrFlags.Replace) != 0)
        {
            throw StorageErrors.Create(Errno.ENODATA, op, path);
        }

        node.Xattrs[name] = value.ToArray();
        node.ChangeTime = Now;
    }

    public void RemoveXattr(GlusterCaller caller, GlusterNode node, string name, string op, string? path)
    {
        CheckNamespace(caller, node, name, write: true, op, path);
        if (node.Xattrs is null || !node.Xattrs.Remove(name))
        {
            throw StorageErrors.Create(Errno.ENODATA, op, path);
        }

        node.ChangeTime = Now;
    }

    /// <summary>The namespace rules: user.* on files and directories with the file's permissions, trusted.* for root.</summary>
    private static void CheckNamespace(GlusterCaller caller, GlusterNode node, string name, bool write, string op, string? path)
    {
        if (name.StartsWith("user.", StringComparison.Ordinal))
        {
            if (node.Type is not (GlusterFileType.RegularFile or GlusterFileType.Directory))
            {
                throw StorageErrors.Create(write ? Errno.EPERM : Errno.ENODATA, op, path);
            }

            if (!Permits(node, caller, write ? 2 : 4))
            {
                throw StorageErrors.Create(Errno.EACCES, op, path);
            }

            return;
        }

        if (name.StartsWith("trusted.", StringComparison.Ordinal))
        {
            if (!caller.IsRoot)
            {
                throw StorageErrors.Create(write ? Errno.EPERM : Errno.ENODATA, op, path);
            }

            return;
        }

        if (name.StartsWith("security.", StringComparison.Ordinal))
        {
            if (write && !caller.IsRoot)
            {
                throw StorageErrors.Create(Errno.EPERM, op, path);
            }

            return;
        }

        throw StorageErrors.Create(Errno.EOPNOTSUPP, op, path);
    }
}
