using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>Operations that add or remove names: mkdir, rmdir, unlink, rename, link, symlink, mknod.</summary>
internal sealed partial class GlusterFileSystem
{
    /// <summary>ESTALE, which libgfapi reports for a few operations on a missing parent or on the root.</summary>
    public const Errno ESTALE = (Errno)116;

    /// <summary>New files, directories and nodes keep the permission and sticky bits of their mode, not set-id (measured).</summary>
    public const uint CreateModeMask = 0x3FF;

    public void MakeDirectory(GlusterCaller caller, GlusterNode cwd, string path, uint mode)
    {
        const string op = "glfs_mkdir";
        GlusterLookup lookup = ResolveForCreate(caller, cwd, path, op);
        GlusterNode node = NewNode(GlusterFileType.Directory, mode & CreateModeMask, caller, lookup.Parent!);
        AddEntry(lookup.Parent!, lookup.Name, node);
    }

    public void RemoveDirectory(GlusterCaller caller, GlusterNode cwd, string path)
    {
        const string op = "glfs_rmdir";
        GlusterLookup lookup = Resolve(cwd, path, follow: false, caller);
        if (lookup.Parent is null && lookup.Node == Root)
        {
            throw StorageErrors.Create(ESTALE, op, path);
        }

        if (lookup.Name is "." or "..")
        {
            throw StorageErrors.Create(Errno.ENOENT, op, path);
        }

        GlusterNode node = Require(lookup, op, path);
        if (!node.IsDirectory)
        {
            throw StorageErrors.Create(Errno.ENOTDIR, op, path);
        }

        DemandDelete(caller, lookup.Parent!, node, op, path);
        if (node.Entries!.Count > 0)
        {
            throw StorageErrors.Create(Errno.ENOTEMPTY, op, path);
        }

        RemoveEntry(lookup.Parent!, lookup.Name, node);
    }

    public void Unlink(GlusterCaller caller, GlusterNode cwd, string path)
    {
        const string op = "glfs_unlink";
        GlusterLookup lookup = Resolve(cwd, path, follow: false, caller);
        GlusterNode node = Require(lookup, op, path);
        if (node.IsDirectory)
        {
            throw StorageErrors.Create(Errno.EISDIR, op, path);
        }

        DemandDelete(caller, lookup.Parent!, node, op, path);
        RemoveEntry(lookup.Parent!, lookup.Name, node);
    }

    public void Rename(GlusterCaller caller, GlusterNode cwd, string source, string destination)
    {
        const string op = "glfs_rename";
        GlusterLookup from = Resolve(cwd, source, follow: false, caller);
        if (from.Parent is null && from.Node == Root)
        {
            throw StorageErrors.Create(ESTALE, op, source);
        }

        if (from.Name is "." or "..")
        {
            throw StorageErrors.Create(Errno.ENOENT, op, source);
        }

        GlusterNode node = Require(from, op, source);
        ThrowPending(node, op, source, clear: false);
        GlusterLookup to = Resolve(cwd, destination, follow: false, caller);
        if (to.Parent is null)
        {
            // libgfapi 10.3 crashes on a missing parent of the destination; the emulator says ENOENT.
            throw StorageErrors.Create(to.Node == Root ? ESTALE : to.Error, op, destination);
        }

        if (to.Error is not 0 and not Errno.ENOENT)
        {
            throw StorageErrors.Create(to.Error, op, destination);
        }

        if (to.Name is "." or "..")
        {
            throw StorageErrors.Create(Errno.EISDIR, op, destination);
        }

        if (to.Node is null)
        {
            CheckPathLength(to.Parent, to.Name, op, destination);
        }

        GlusterNode? target = to.Node;
        if (target == node)
        {
            // Two names of one inode (or one name twice): nothing to do, as rename(2) says.
            return;
        }

        if (node.IsDirectory)
        {
            if (target is not null && !target.IsDirectory)
            {
                throw StorageErrors.Create(Errno.EISDIR, op, destination);
            }

            for (GlusterNode? up = to.Parent; up is not null; up = up.Parent == up ? null : up.Parent)
            {
                if (up == node)
                {
                    throw StorageErrors.Create(Errno.EINVAL, op, destination);
                }
            }
        }
        else if (target is not null && target.IsDirectory)
        {
            throw StorageErrors.Create(Errno.EISDIR, op, destination);
        }

        DemandDelete(caller, from.Parent!, node, op, source);
        if (target is null)
        {
            Demand(to.Parent, caller, 3, op, destination);
        }
        else
        {
            DemandDelete(caller, to.Parent, target, op, destination);
        }

        if (target is not null && target.IsDirectory && target.Entries!.Count > 0)
        {
            throw StorageErrors.Create(Errno.ENOTEMPTY, op, destination);
        }

        DateTimeOffset now = Now;
        GlusterNode fromParent = from.Parent!;
        fromParent.Entries!.Remove(from.Name);
        if (node.IsDirectory)
        {
            fromParent.Subdirectories--;
        }

        if (target is not null)
        {
            to.Parent.Entries!.Remove(to.Name);
            if (target.IsDirectory)
            {
                to.Parent.Subdirectories--;
            }

            Unlinked(to.Parent, target, now);
        }

        to.Parent.Entries!.Add(to.Name, node);
        if (node.IsDirectory)
        {
            to.Parent.Subdirectories++;
            node.Parent = to.Parent;
            node.Name = to.Name;
        }

        node.ChangeTime = now;
        fromParent.Modified(now);
        to.Parent.Modified(now);
    }

    public void Link(GlusterCaller caller, GlusterNode cwd, string source, string linkName)
    {
        const string op = "glfs_link";
        GlusterLookup from = Resolve(cwd, source, follow: false, caller);
        GlusterNode node = Require(from, op, source);
        // pub_glfs_link's order (measured): an existing new name is EEXIST even for a directory source.
        GlusterLookup to = Resolve(cwd, linkName, follow: false, caller);
        if (to.Found)
        {
            throw StorageErrors.Create(Errno.EEXIST, op, linkName);
        }

        if (node.IsDirectory)
        {
            throw StorageErrors.Create(Errno.EISDIR, op, source);
        }

        if (to.Parent is null)
        {
            // libgfapi reports a parent of the new name that is missing or not a directory as a stale handle.
            throw StorageErrors.Create(to.Error is Errno.ENOENT or Errno.ENOTDIR ? ESTALE : to.Error, op, linkName);
        }

        if (to.Error != Errno.ENOENT)
        {
            throw StorageErrors.Create(to.Error, op, linkName);
        }

        Demand(to.Parent, caller, 3, op, linkName);
        CheckPathLength(to.Parent, to.Name, op, linkName);
        DateTimeOffset now = Now;
        node.HardLinks++;
        node.ChangeTime = now;
        to.Parent.Entries!.Add(to.Name, node);
        to.Parent.Modified(now);
    }

    public void Symlink(GlusterCaller caller, GlusterNode cwd, string target, string linkName)
    {
        const string op = "glfs_symlink";
        GlusterLookup lookup = ResolveForCreate(caller, cwd, linkName, op);
        if (target.Length == 0)
        {
            // The brick refuses an empty target (measured).
            throw StorageErrors.Create(Errno.ENOENT, op, linkName);
        }

        if (System.Text.Encoding.UTF8.GetByteCount(target) >= MaxPathBytes)
        {
            throw StorageErrors.Create(Errno.ENAMETOOLONG, op, linkName);
        }

        GlusterNode node = NewNode(GlusterFileType.SymbolicLink, 0x1FF, caller, lookup.Parent!);
        node.Target = target;
        AddEntry(lookup.Parent!, lookup.Name, node);
    }

    public string ReadLink(GlusterCaller caller, GlusterNode cwd, string path)
    {
        const string op = "glfs_readlink";
        GlusterNode node = Require(Resolve(cwd, path, follow: false, caller), op, path);
        return node.IsSymlink ? node.Target! : throw StorageErrors.Create(Errno.EINVAL, op, path);
    }

    public void MakeNode(GlusterCaller caller, GlusterNode cwd, string path, GlusterFileType type, uint permissions, ulong device)
    {
        const string op = "glfs_mknod";
        GlusterLookup lookup = ResolveForCreate(caller, cwd, path, op);
        switch (type)
        {
            case GlusterFileType.Directory:
                throw StorageErrors.Create(Errno.EPERM, op, path);
            case GlusterFileType.SymbolicLink:
                throw StorageErrors.Create(Errno.EINVAL, op, path);
        }

        // Type 0 makes a regular file; the set-id bits of the mode are dropped, the sticky bit kept (measured).
        GlusterFileType actual = type == GlusterFileType.Unknown ? GlusterFileType.RegularFile : type;
        GlusterNode node = NewNode(actual, permissions & CreateModeMask, caller, lookup.Parent!);
        if (actual is GlusterFileType.CharacterDevice or GlusterFileType.BlockDevice)
        {
            node.SpecialDevice = device;
        }

        AddEntry(lookup.Parent!, lookup.Name, node);
    }

    /// <summary>
    /// Resolves the name a new entry gets (without following a final link) and checks it can be made:
    /// missing, its parent a directory the caller may write and search.
    /// </summary>
    private GlusterLookup ResolveForCreate(GlusterCaller caller, GlusterNode cwd, string path, string op)
    {
        GlusterLookup lookup = Resolve(cwd, path, follow: false, caller);
        if (lookup.Found)
        {
            throw StorageErrors.Create(Errno.EEXIST, op, path);
        }

        if (lookup.Parent is null || lookup.Error != Errno.ENOENT)
        {
            throw StorageErrors.Create(lookup.Error, op, path);
        }

        Demand(lookup.Parent, caller, 3, op, path);
        CheckPathLength(lookup.Parent, lookup.Name, op, path);
        return lookup;
    }

    /// <summary>ENOENT when the new entry's path is too long for the brick (see <see cref="MaxBrickPathBytes"/>).</summary>
    public static void CheckPathLength(GlusterNode parent, string name, string op, string path)
    {
        if (PathLength(parent, name) > MaxBrickPathBytes)
        {
            throw StorageErrors.Create(Errno.ENOENT, op, path);
        }
    }

    /// <summary>Write and search permission on the parent, and the sticky-bit rule (owner of file or directory).</summary>
    private static void DemandDelete(GlusterCaller caller, GlusterNode parent, GlusterNode node, string op, string path)
    {
        Demand(parent, caller, 3, op, path);
        if (!caller.IsRoot && (parent.Permissions & 0x200) != 0 && caller.UserId != node.UserId && caller.UserId != parent.UserId)
        {
            // GlusterFS reports the sticky-bit refusal as EACCES, not EPERM (measured).
            throw StorageErrors.Create(Errno.EACCES, op, path);
        }
    }

    private static void AddEntry(GlusterNode parent, string name, GlusterNode node)
    {
        parent.Entries!.Add(name, node);
        if (node.IsDirectory)
        {
            parent.Subdirectories++;
            node.Parent = parent;
            node.Name = name;
        }

        parent.Modified(node.ChangeTime);
    }

    private void RemoveEntry(GlusterNode parent, string name, GlusterNode node)
    {
        DateTimeOffset now = Now;
        parent.Entries!.Remove(name);
        if (node.IsDirectory)
        {
            parent.Subdirectories--;
        }

        Unlinked(parent, node, now);
        parent.Modified(now);
    }

    /// <summary>A name of <paramref name="node"/> in <paramref name="parent"/> went away.</summary>
    private void Unlinked(GlusterNode parent, GlusterNode node, DateTimeOffset now)
    {
        if (node.IsDirectory)
        {
            if (node.Parent == parent)
            {
                node.Parent = null;
            }

            node.Removed = true;
        }
        else
        {
            node.HardLinks--;
            node.ChangeTime = now;
            node.Removed = node.HardLinks == 0;
        }

        if (node.Removed && node.OpenCount == 0)
        {
            Forget(node);
        }
    }
}
