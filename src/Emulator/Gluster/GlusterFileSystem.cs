using System.Text;
using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>The identity a call runs as (<c>glfs_setfsuid</c>/<c>glfs_setfsgid</c> of its volume handle).</summary>
internal readonly record struct GlusterCaller(int UserId, int GroupId)
{
    public bool IsRoot => UserId == 0;
}

/// <summary>
/// What resolving a path found, the way <c>glfs_resolve</c> fills a <c>loc_t</c>: the parent directory and last
/// name when every component but the last resolved, and the node when the last did too.
/// </summary>
/// <remarks><see cref="RealParent"/>/<see cref="RealName"/> name the node itself once a final link was followed.</remarks>
internal readonly record struct GlusterLookup(GlusterNode? Parent, string Name, GlusterNode? Node, Errno Error, GlusterNode? RealParent = null, string? RealName = null)
{
    public bool Found => Node is not null;
}

/// <summary>
/// The state of one emulated volume: its inode tree, guarded by one lock that every handle on the volume takes
/// for each call. Path resolution follows <c>glfs_resolve_at</c>: components are looked up one by one, symbolic
/// links in the middle of a path are always followed and the last one when asked, each link target resolving
/// relative to the directory holding the link, nested up to <see cref="MaxSymlinkFollow"/> deep.
/// </summary>
internal sealed partial class GlusterFileSystem
{
    /// <summary><c>GLFS_SYMLINK_MAX_FOLLOW</c>: a chain of 2048 links resolves, 2049 is ELOOP (measured).</summary>
    public const int MaxSymlinkFollow = 2048;

    /// <summary><c>NAME_MAX</c> of the brick's file system.</summary>
    public const int MaxNameBytes = 255;

    /// <summary><c>st_blksize</c> and the directory size the brick (ext4) reports.</summary>
    public const int BlockSize = 4096;

    /// <summary>The brick's own metadata directory: any access to <c>/.glusterfs</c> is EPERM (measured).</summary>
    public const string HiddenBrickDirectory = ".glusterfs";

    /// <summary>
    /// The longest canonical volume path the brick can create: it adds its own directory to the path and needs
    /// the total under <c>PATH_MAX</c>; with the test volume's 25-byte brick directory a 4069-byte path works
    /// and a 4070-byte one is ENOENT (measured; brick-dependent).
    /// </summary>
    public const int MaxBrickPathBytes = 4069;

    /// <summary><c>PATH_MAX</c>.</summary>
    public const int MaxPathBytes = 4096;

    private readonly HashSet<ulong> _inodes = [];
    private readonly Random _random;

    public GlusterFileSystem(string name, TimeProvider time, long capacityBytes)
    {
        Name = name;
        Time = time;
        CapacityPages = Math.Max(capacityBytes / BlockSize, 1);
        _random = new Random(StringComparer.Ordinal.GetHashCode(name) ^ Environment.TickCount);
        VolumeId = Guid.NewGuid();
        Device = DeviceOf(name);
        DateTimeOffset now = time.GetUtcNow();
        // The root's GFID is 00000000-0000-0000-0000-000000000001, so its inode number is 1.
        Root = new GlusterNode(1, GlusterFileType.Directory, 0x1ED, 0, 0, now);
        Root.Parent = Root;
        _inodes.Add(1);
    }

    public Lock Lock { get; } = new();

    public string Name { get; }

    public Guid VolumeId { get; }

    /// <summary><c>st_dev</c>: libgfapi reports a hash of the volume name for every file.</summary>
    public ulong Device { get; }

    public TimeProvider Time { get; }

    public GlusterNode Root { get; }

    /// <summary>Files and directories in the volume (for statvfs).</summary>
    public long NodeCount => _inodes.Count;

    /// <summary>Allocated data pages across the volume (for statvfs).</summary>
    public long AllocatedPages { get; set; }

    /// <summary>The volume's size in 4 KiB blocks (<see cref="EmulatorOptions.CapacityBytes"/>).</summary>
    public long CapacityPages { get; }

    /// <summary>Blocks neither holding data nor counted for an inode.</summary>
    public long FreePages => Math.Max(CapacityPages - AllocatedPages - NodeCount, 0);

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>A new node with a fresh inode number (GlusterFS inode numbers are the low 64 bits of a random GFID).</summary>
    public GlusterNode NewNode(GlusterFileType type, uint permissions, GlusterCaller caller, GlusterNode parent)
    {
        ulong inode;
        do
        {
            inode = ((ulong)_random.NextInt64(2, long.MaxValue) << 1) | (uint)_random.Next(2);
        }
        while (!_inodes.Add(inode));

        // A set-group-id directory passes its group on, as on the brick's file system.
        int gid = (parent.Permissions & 0x400) != 0 ? parent.GroupId : caller.GroupId;
        var node = new GlusterNode(inode, type, permissions, caller.UserId, gid, Now);
        if (type == GlusterFileType.Directory && (parent.Permissions & 0x400) != 0)
        {
            node.Permissions |= 0x400;
        }

        return node;
    }

    /// <summary>Forgets a node whose last name went away and that no handle holds open.</summary>
    public void Forget(GlusterNode node)
    {
        if (node.Data is not null)
        {
            AllocatedPages -= node.Data.AllocatedPages;
            node.Data.Truncate(0);
        }

        _inodes.Remove(node.Inode);
    }

    /// <summary>Resolves <paramref name="path"/> from <paramref name="cwd"/> (<c>glfs_resolve</c>/<c>glfs_lresolve</c>).</summary>
    public GlusterLookup Resolve(GlusterNode cwd, string path, bool follow, GlusterCaller caller)
        => ResolveAt(cwd, path, follow ? 1 : 0, caller);

    /// <summary>Throws the lookup's error unless it found a node.</summary>
    public static GlusterNode Require(GlusterLookup lookup, string operation, string path)
        => lookup.Node ?? throw StorageErrors.Create(lookup.Error, operation, path);

    /// <summary>
    /// Whether <paramref name="caller"/> has <paramref name="want"/> (4 read, 2 write, 1 execute) on
    /// <paramref name="node"/>. Root passes every check (posix-acl's super-user rule; even execute on a file
    /// without execute bits, measured). Only the owner, group and other bits count: the API sets no
    /// supplementary groups.
    /// </summary>
    public static bool Permits(GlusterNode node, GlusterCaller caller, int want)
    {
        if (caller.IsRoot)
        {
            return true;
        }

        uint bits = caller.UserId == node.UserId ? node.Permissions >> 6
            : caller.GroupId == node.GroupId ? node.Permissions >> 3
            : node.Permissions;
        return ((int)bits & want) == want;
    }

    /// <summary>Throws EACCES unless <paramref name="caller"/> has <paramref name="want"/> on <paramref name="node"/>.</summary>
    public static void Demand(GlusterNode node, GlusterCaller caller, int want, string operation, string? path)
    {
        if (!Permits(node, caller, want))
        {
            throw StorageErrors.Create(Errno.EACCES, operation, path);
        }
    }

    /// <summary>The <c>struct stat</c> of <paramref name="node"/>.</summary>
    public GlusterStat StatOf(GlusterNode node)
    {
        long size;
        long blocks;
        switch (node.Type)
        {
            case GlusterFileType.RegularFile:
                size = node.Size;
                // ext4 blocks, plus the block holding GlusterFS's xattrs, capped by GlusterFS at the size in
                // 512-byte units (iatt_from_stat).
                blocks = Math.Min((node.Data!.AllocatedPages * 8) + 8, (size + 511) / 512);
                break;
            case GlusterFileType.Directory:
                size = BlockSize;
                blocks = BlockSize / 512;
                break;
            case GlusterFileType.SymbolicLink:
                size = Encoding.UTF8.GetByteCount(node.Target!);
                blocks = Math.Min(8, (size + 511) / 512);
                break;
            default:
                size = 0;
                blocks = 0;
                break;
        }

        return new GlusterStat(
            Device, node.Inode, node.Mode, node.LinkCount, node.UserId, node.GroupId, node.SpecialDevice,
            size, BlockSize, blocks, node.AccessTime, node.ModificationTime, node.ChangeTime);
    }

    /// <summary>What libgfapi's getcwd shows for a removed working directory: its GFID.</summary>
    public static string GfidPath(GlusterNode node)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, node.Inode * 0x9E3779B97F4A7C15UL);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], node.Inode);
        return $"<gfid:{new Guid(bytes, bigEndian: true)}>";
    }

    /// <summary>The absolute path of a directory (for getcwd and realpath); null once it was removed.</summary>
    public static string? PathOf(GlusterNode directory)
    {
        if (directory.Parent is null)
        {
            return null;
        }

        var names = new List<string>();
        for (GlusterNode node = directory; node.Parent != node; node = node.Parent)
        {
            if (node.Parent is null)
            {
                return null;
            }

            names.Add(node.Name);
        }

        if (names.Count == 0)
        {
            return "/";
        }

        var builder = new StringBuilder();
        for (int i = names.Count - 1; i >= 0; i--)
        {
            builder.Append('/').Append(names[i]);
        }

        return builder.ToString();
    }

    /// <summary>Length in bytes of the canonical path of <paramref name="name"/> in <paramref name="directory"/>.</summary>
    public static long PathLength(GlusterNode directory, string name)
    {
        long length = 1 + ByteLength(name);
        for (GlusterNode? node = directory; node is not null && node.Parent != node; node = node.Parent)
        {
            length += 1 + ByteLength(node.Name);
        }

        return length;
    }

    /// <summary>Length of <paramref name="name"/> in bytes as libgfapi sends it (UTF-8).</summary>
    public static int ByteLength(string name) => Encoding.UTF8.GetByteCount(name);

    private GlusterLookup ResolveAt(GlusterNode at, string path, int follow, GlusterCaller caller)
    {
        if (path.Length == 0)
        {
            return new GlusterLookup(null, "", null, Errno.EINVAL);
        }

        GlusterNode? node = path[0] == '/' ? Root : at;
        GlusterNode? parent = null;
        string name = "";
        Errno error = 0;
        GlusterNode? realParent = null;
        string? realName = null;
        int index = 0;
        bool more = NextComponent(path, ref index, out string component);
        while (more)
        {
            bool hasNext = NextComponent(path, ref index, out string next);
            parent = node!;
            name = component;
            realParent = parent;
            realName = component;
            node = LookupComponent(parent, component, caller, out error);
            if (node is null)
            {
                if (hasNext)
                {
                    return new GlusterLookup(null, name, null, error);
                }

                break;
            }

            if (node.IsSymlink && (hasNext || follow > 0))
            {
                if (follow > MaxSymlinkFollow)
                {
                    node = null;
                    error = Errno.ELOOP;
                }
                else
                {
                    GlusterLookup target = ResolveAt(parent, node.Target!, follow + 1, caller);
                    node = target.Node;
                    error = target.Error;
                    realParent = target.RealParent;
                    realName = target.RealName;
                }

                if (node is null && hasNext)
                {
                    // A link that does not resolve in the middle of a path still has the link's own type,
                    // which is not a directory (glfs_resolve_at).
                    return new GlusterLookup(null, name, null, Errno.ENOTDIR);
                }
            }

            if (!hasNext)
            {
                break;
            }

            if (!node!.IsDirectory)
            {
                return new GlusterLookup(null, name, null, Errno.ENOTDIR);
            }

            component = next;
        }

        if (parent is null)
        {
            // "/" (or only slashes): the start directory itself.
            return new GlusterLookup(null, "/", node, 0);
        }

        return new GlusterLookup(parent, name, node, node is null ? error : 0, realParent, realName);
    }

    /// <summary>
    /// One step of resolution: <c>.</c>, <c>..</c> or a name in <paramref name="directory"/>. Looking a name up
    /// needs search permission on the directory (posix-acl checks it on every lookup that reaches the brick; a
    /// handle whose caches already know the entry can skip it, which the emulator does not model).
    /// </summary>
    private GlusterNode? LookupComponent(GlusterNode directory, string component, GlusterCaller caller, out Errno error)
    {
        error = 0;
        if (directory.Removed)
        {
            // A working directory that was removed: libgfapi finds its handle stale.
            error = ESTALE;
            return null;
        }

        if (component == ".")
        {
            return directory;
        }

        if (component == "..")
        {
            return directory.Parent ?? Root;
        }

        if (!Permits(directory, caller, 1))
        {
            error = Errno.EACCES;
            return null;
        }

        if (directory == Root && component == HiddenBrickDirectory)
        {
            error = Errno.EPERM;
            return null;
        }

        GlusterNode? found = directory.Entries!.Find(component);
        if (found is null)
        {
            // libgfapi refuses a name over NAME_MAX, and a path over PATH_MAX, before asking the brick.
            error = ByteLength(component) > MaxNameBytes || PathLength(directory, component) > MaxPathBytes
                ? Errno.ENAMETOOLONG
                : Errno.ENOENT;
        }

        return found;
    }

    /// <summary>The next non-empty component of <paramref name="path"/> from <paramref name="index"/> (strtok on '/').</summary>
    private static bool NextComponent(string path, ref int index, out string component)
    {
        while (index < path.Length && path[index] == '/')
        {
            index++;
        }

        if (index >= path.Length)
        {
            component = "";
            return false;
        }

        int start = index;
        int slash = path.IndexOf('/', index);
        index = slash < 0 ? path.Length : slash;
        component = path[start..index];
        return true;
    }

    /// <summary>
    /// A stable 32-bit hash of the volume name, standing in for the <c>st_dev</c> libgfapi derives from it.
    /// </summary>
    private static ulong DeviceOf(string name)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }
}
