using System.Text;
using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>
/// Extended attributes as a single-brick volume on ext4 shows them (all measured): the <c>user.</c>,
/// <c>trusted.</c>, <c>security.</c> and <c>system.</c> namespaces, the names GlusterFS keeps for itself (set
/// succeeds and is dropped, get is ENODATA), the brick's space for attributes (ENOSPC), and permissions decided
/// by the caller's fsuid while the brick itself runs as root: read permission on the file for any get or list,
/// write permission for any set or remove, checked before the name is even looked at, whatever the namespace
/// (so non-root callers may use <c>trusted.*</c> and <c>security.*</c> on files they may write).
/// </summary>
internal sealed partial class GlusterFileSystem
{
    /// <summary><c>XATTR_NAME_MAX</c>: libgfapi refuses longer names with ENAMETOOLONG before resolving the path.</summary>
    public const int MaxXattrNameBytes = 255;

    /// <summary><c>XATTR_SIZE_MAX</c>: larger values are E2BIG.</summary>
    public const int MaxXattrValueBytes = 65536;

    /// <summary>
    /// The ext4 attribute space left to a caller on a regular file and on a directory: GlusterFS's own
    /// attributes use the rest. Each attribute costs 16 bytes plus its name (without the namespace prefix) and
    /// value, both rounded up to 4 (measured: one value of 3912 bytes fits a file, 3948 a directory).
    /// </summary>
    private const int FileXattrSpace = 3932;

    private const int DirectoryXattrSpace = 3968;

    /// <summary>Where the brick keeps a <c>security.selinux</c> label (it lists under this name).</summary>
    private const string SelinuxKey = "trusted.glusterfs.selinux";

    /// <summary>Checks libgfapi makes on the name of getxattr/setxattr before resolving the path.</summary>
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
        byte[] value = ReadXattr(caller, node, name, op, path);
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

    public static IReadOnlyList<string> ListXattrs(GlusterCaller caller, GlusterNode node, string op, string? path)
    {
        Demand(node, caller, 4, op, path);
        return node.Xattrs is null || node.Xattrs.Count == 0 ? [] : [.. node.Xattrs.Keys.Where(n => !IsHiddenName(n))];
    }

    public void SetXattr(GlusterCaller caller, GlusterNode node, string name, ReadOnlySpan<byte> value, GlusterXattrFlags flags, string op, string? path)
    {
        DemandAclOwner(caller, node, name, op, path);
        Demand(node, caller, 2, op, path);
        if (IsAclName(name) && value.IsEmpty)
        {
            // An empty ACL is accepted (and leaves nothing to read back).
            return;
        }

        if (((int)flags & ~3) != 0)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, path);
        }

        string? key = WritableKey(node, name, op, path);
        if (value.Length > MaxXattrValueBytes)
        {
            throw StorageErrors.Create(Errno.E2BIG, op, path);
        }

        if (key is null)
        {
            // A name GlusterFS keeps for itself: accepted and dropped.
            return;
        }

        node.Xattrs ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
        bool exists = node.Xattrs.TryGetValue(key, out byte[]? old);
        if (exists && (flags & GlusterXattrFlags.Create) != 0)
        {
            throw StorageErrors.Create(Errno.EEXIST, op, path);
        }

        if (!exists && (flags & GlusterXattrFlags.Replace) != 0)
        {
            throw StorageErrors.Create(Errno.ENODATA, op, path);
        }

        int used = node.Xattrs.Sum(pair => XattrCost(pair.Key, pair.Value.Length)) - (exists ? XattrCost(key, old!.Length) : 0);
        if (used + XattrCost(key, value.Length) > (node.IsDirectory ? DirectoryXattrSpace : FileXattrSpace))
        {
            throw StorageErrors.Create(Errno.ENOSPC, op, path);
        }

        node.Xattrs[key] = value.ToArray();
        node.ChangeTime = Now;
    }

    public void RemoveXattr(GlusterCaller caller, GlusterNode node, string name, string op, string? path)
    {
        DemandAclOwner(caller, node, name, op, path);
        Demand(node, caller, 2, op, path);

        // removexattr has no libgfapi name checks: the brick's removexattr(2) says ERANGE.
        if (name.Length == 0 || ByteLength(name) > MaxXattrNameBytes)
        {
            throw StorageErrors.Create(Errno.ERANGE, op, path);
        }

        switch (name)
        {
            // GlusterFS's own names (measured): its identity ones refuse, mdata always "exists", dht on directories.
            case "trusted.gfid" or "trusted.glusterfs.volume-id":
                throw StorageErrors.Create(Errno.EPERM, op, path);
            case "trusted.glusterfs.mdata":
                return;
            case "security.selinux":
                // The label lives under trusted.glusterfs.selinux; the brick's removexattr finds nothing.
                throw StorageErrors.Create(Errno.ENODATA, op, path);
            case "trusted.glusterfs.dht" when node.IsDirectory:
                return;
            case "trusted.glusterfs.dht":
                throw StorageErrors.Create(Errno.ENODATA, op, path);
        }

        if (name.StartsWith("system.", StringComparison.Ordinal) && IsAclName(name))
        {
            // No ACL is ever stored; removing one is fine.
            return;
        }

        string? key = WritableKey(node, name, op, path);
        if (key is null)
        {
            return;
        }

        if (node.Xattrs is null || !node.Xattrs.Remove(key))
        {
            throw StorageErrors.Create(Errno.ENODATA, op, path);
        }

        node.ChangeTime = Now;
    }

    /// <summary>The value of <paramref name="name"/>, after the namespace and permission checks of getxattr.</summary>
    private static byte[] ReadXattr(GlusterCaller caller, GlusterNode node, string name, string op, string? path)
    {
        if (IsAclName(name))
        {
            // posix-acl answers for ACLs itself: there are none.
            throw StorageErrors.Create(Errno.ENODATA, op, path);
        }

        Demand(node, caller, 4, op, path);
        switch (Namespace(name))
        {
            case "user.":
                if (node.Type is not (GlusterFileType.RegularFile or GlusterFileType.Directory))
                {
                    // Linux: no user.* on special files, reported before the name is looked at.
                    throw StorageErrors.Create(Errno.ENODATA, op, path);
                }

                CheckUserName(name, op, path);
                break;
            case "trusted.":
            case "security.":
                break;
            case "system.":
                throw StorageErrors.Create(Errno.EOPNOTSUPP, op, path);
            default:
                if (name is "glusterfs.pathinfo")
                {
                    return PathInfo(node);
                }

                throw StorageErrors.Create(Errno.EOPNOTSUPP, op, path);
        }

        if (name is "trusted.glusterfs.pathinfo")
        {
            return PathInfo(node);
        }

        string key = name == "security.selinux" ? SelinuxKey : name;
        return !IsHiddenName(key) && node.Xattrs is not null && node.Xattrs.TryGetValue(key, out byte[]? value)
            ? value
            : throw StorageErrors.Create(Errno.ENODATA, op, path);
    }

    /// <summary>
    /// The key a setxattr/removexattr of <paramref name="name"/> stores under, after the namespace and permission
    /// checks; null for a name GlusterFS keeps for itself.
    /// </summary>
    private static string? WritableKey(GlusterNode node, string name, string op, string? path)
    {
        switch (Namespace(name))
        {
            case "user.":
                if (node.Type is not (GlusterFileType.RegularFile or GlusterFileType.Directory))
                {
                    // Linux allows user.* only on regular files and directories, checked before the name.
                    throw StorageErrors.Create(Errno.EPERM, op, path);
                }

                CheckUserName(name, op, path);
                return name;
            case "trusted.":
                if (name.StartsWith("trusted.gfid2path.", StringComparison.Ordinal))
                {
                    throw StorageErrors.Create(Errno.EOPNOTSUPP, op, path);
                }

                return IsInternalName(name) ? null : name;
            case "security.":
                if (name == "security.capability")
                {
                    // The kernel validates capability sets; the emulator stores none.
                    throw StorageErrors.Create(Errno.EINVAL, op, path);
                }

                return name == "security.selinux" ? SelinuxKey : name;
            case "system.":
                throw StorageErrors.Create(IsAclName(name) ? Errno.EINVAL : Errno.EOPNOTSUPP, op, path);
            default:
                throw StorageErrors.Create(Errno.EOPNOTSUPP, op, path);
        }
    }

    /// <summary>GlusterFS's own trusted.* names: a client's set is accepted and dropped, a get finds nothing.</summary>
    private static bool IsInternalName(string name)
        => name is "trusted.gfid" or "trusted.glusterfs.volume-id" or "trusted.glusterfs.mdata" or "trusted.glusterfs.dht";

    /// <summary>trusted.pgfid.* are stored (a later remove finds them) but neither listed nor readable (measured).</summary>
    private static bool IsHiddenName(string name) => name.StartsWith("trusted.pgfid.", StringComparison.Ordinal);

    /// <summary>posix-acl lets only the owner (or root) change an ACL: EPERM, before any other check (measured).</summary>
    private static void DemandAclOwner(GlusterCaller caller, GlusterNode node, string name, string op, string? path)
    {
        if (IsAclName(name) && !caller.IsRoot && caller.UserId != node.UserId)
        {
            throw StorageErrors.Create(Errno.EPERM, op, path);
        }
    }

    private static bool IsAclName(string name) => name is "system.posix_acl_access" or "system.posix_acl_default";

    /// <summary>"user." alone names nothing: EINVAL.</summary>
    private static void CheckUserName(string name, string op, string? path)
    {
        if (name.Length == "user.".Length)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, path);
        }
    }

    private static string Namespace(string name)
    {
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? "" : name[..(dot + 1)] switch
        {
            "user." => "user.",
            "trusted." => "trusted.",
            "security." => "security.",
            "system." => "system.",
            _ => "",
        };
    }

    /// <summary>What an attribute takes of the brick's attribute space (ext4's entry layout).</summary>
    private static int XattrCost(string key, int valueLength)
    {
        int suffix = Encoding.UTF8.GetByteCount(key) - Namespace(key).Length;
        return 16 + ((suffix + 3) & ~3) + ((valueLength + 3) & ~3);
    }

    /// <summary>The <c>glusterfs.pathinfo</c> virtual attribute: where the brick keeps the file.</summary>
    private static byte[] PathInfo(GlusterNode node)
        => Encoding.UTF8.GetBytes($"<POSIX(/emulated/brick):emulator:/emulated/brick/<gfid:{node.Inode:x16}>>");
}
