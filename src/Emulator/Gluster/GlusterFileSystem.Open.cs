using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>glfs_open, glfs_creat and glfs_opendir.</summary>
internal sealed partial class GlusterFileSystem
{
    private const int AccessModeMask = 3;

    /// <summary>
    /// Opens (or with <see cref="GlusterOpenFlags.Create"/> creates) the node <paramref name="path"/> names and
    /// counts the open handle on it.
    /// </summary>
    public GlusterNode Open(GlusterCaller caller, GlusterNode cwd, string path, GlusterOpenFlags flags, uint mode, out bool created)
    {
        created = false;
        bool create = (flags & GlusterOpenFlags.Create) != 0;
        string op = create ? "glfs_creat" : "glfs_open";
        GlusterLookup lookup = Resolve(cwd, path, follow: true, caller);
        GlusterNode? node = lookup.Node;
        if (!create)
        {
            node = Require(lookup, op, path);
            CheckOpenType(node, flags, op, path);
        }
        else if (node is null)
        {
            if (lookup.Error != Errno.ENOENT || lookup.Parent is null)
            {
                throw StorageErrors.Create(lookup.Error, op, path);
            }

            node = CreateFile(caller, lookup, flags, mode, op, path);
            node.OpenCount++;
            created = true;
            return node;
        }
        else
        {
            if ((flags & GlusterOpenFlags.Exclusive) != 0)
            {
                throw StorageErrors.Create(Errno.EEXIST, op, path);
            }

            if (node.IsDirectory)
            {
                throw StorageErrors.Create(Errno.EISDIR, op, path);
            }

            if (node.Type != GlusterFileType.RegularFile)
            {
                throw StorageErrors.Create(Errno.EINVAL, op, path);
            }
        }

        int access = (int)flags & AccessModeMask;
        int want = access switch { 0 => 4, 1 => 2, _ => 6 };
        if ((flags & GlusterOpenFlags.Truncate) != 0 && !node.IsDirectory)
        {
            want |= 2;
        }

        Demand(node, caller, want, op, path);
        if ((flags & GlusterOpenFlags.Truncate) != 0 && node.Type == GlusterFileType.RegularFile)
        {
            Resize(node, 0);
        }

        node.OpenCount++;
        return node;
    }

    /// <summary>Opens a directory for reading (<c>glfs_opendir</c>).</summary>
    public GlusterNode OpenDirectory(GlusterCaller caller, GlusterNode cwd, string path)
    {
        const string op = "glfs_opendir";
        GlusterNode node = Require(Resolve(cwd, path, follow: true, caller), op, path);
        if (!node.IsDirectory)
        {
            throw StorageErrors.Create(Errno.ENOTDIR, op, path);
        }

        Demand(node, caller, 4, op, path);
        node.OpenCount++;
        return node;
    }

    /// <summary>An open handle on <paramref name="node"/> closed; a node without names goes with its last handle.</summary>
    public void Release(GlusterNode node)
    {
        node.OpenCount--;
        if (node.OpenCount == 0 && node.Removed)
        {
            Forget(node);
        }
    }

    /// <summary>The checks of libgfapi's validate_open_flags.</summary>
    private static void CheckOpenType(GlusterNode node, GlusterOpenFlags flags, string op, string path)
    {
        if (node.IsDirectory)
        {
            // Writing, or truncating, a directory (the brick's open says EISDIR to O_TRUNC).
            if (((int)flags & AccessModeMask) != 0 || (flags & GlusterOpenFlags.Truncate) != 0)
            {
                throw StorageErrors.Create(Errno.EISDIR, op, path);
            }
        }
        else if ((flags & GlusterOpenFlags.Directory) != 0)
        {
            throw StorageErrors.Create(Errno.ENOTDIR, op, path);
        }
        else if (node.Type != GlusterFileType.RegularFile)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, path);
        }
    }

    private GlusterNode CreateFile(GlusterCaller caller, GlusterLookup lookup, GlusterOpenFlags flags, uint mode, string op, string path)
    {
        GlusterNode parent = lookup.Parent!;
        GlusterNode? existing = parent.Entries!.Find(lookup.Name);
        if (existing is not null && existing.IsSymlink)
        {
            // A dangling link (measured): with O_EXCL it exists; without, the brick's open(O_CREAT) makes the file
            // the link points at, yet libgfapi still reports ENOENT.
            if ((flags & GlusterOpenFlags.Exclusive) != 0)
            {
                throw StorageErrors.Create(Errno.EEXIST, op, path);
            }

            // The brick's open(O_CREAT|O_NOFOLLOW) meets the link itself (measured).
            if ((flags & GlusterOpenFlags.NoFollow) != 0)
            {
                throw StorageErrors.Create(Errno.ELOOP, op, path);
            }

            GlusterLookup target = Resolve(parent, existing.Target!, follow: false, caller);
            if (target.Parent is not null && target.Error == Errno.ENOENT && Permits(target.Parent, caller, 3))
            {
                AddEntry(target.Parent, target.Name, NewNode(GlusterFileType.RegularFile, mode & CreateModeMask, caller, target.Parent));
            }

            throw StorageErrors.Create(Errno.ENOENT, op, path);
        }

        Demand(parent, caller, 3, op, path);
        CheckPathLength(parent, lookup.Name, op, path);
        GlusterNode node = NewNode(GlusterFileType.RegularFile, mode & CreateModeMask, caller, parent);
        AddEntry(parent, lookup.Name, node);
        return node;
    }
}
