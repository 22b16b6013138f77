using StorageKit.Gluster;

namespace StorageKit.Emulator.Gluster;

/// <summary>Inode attributes: permissions, ownership, times, size; shared by the path and the open-file calls.</summary>
internal sealed partial class GlusterFileSystem
{
    public bool Access(GlusterCaller caller, GlusterNode cwd, string path, int mode)
    {
        GlusterLookup lookup = Resolve(cwd, path, follow: true, caller);
        if (lookup.Node is null || (mode & ~7) != 0)
        {
            return false;
        }

        return mode == 0 || Permits(lookup.Node, caller, mode);
    }

    /// <summary>
    /// glfs_realpath: the path libgfapi builds for the resolved location, i.e. the canonical path of the last
    /// component's directory joined with the last component as written. So a final symbolic link, <c>.</c> or
    /// <c>..</c> stays in the result (<c>/..</c> for "/..", <c>/d/link</c> for a link), as measured.
    /// </summary>
    public string RealPath(GlusterCaller caller, GlusterNode cwd, string path)
    {
        const string op = "glfs_realpath";
        GlusterLookup lookup = Resolve(cwd, path, follow: true, caller);
        Require(lookup, op, path);
        if (lookup.Parent is null)
        {
            return "/";
        }

        string directory = PathOf(lookup.Parent) ?? GfidPath(lookup.Parent);
        return GlusterPath.Join(directory, lookup.Name);
    }

    /// <summary>chmod: the owner or root sets the twelve permission bits; the type bits of the argument are ignored.</summary>
    public void Chmod(GlusterCaller caller, GlusterNode node, uint mode, string op, string? path)
    {
        if (!caller.IsRoot && caller.UserId != node.UserId)
        {
            throw StorageErrors.Create(Errno.EPERM, op, path);
        }

        uint bits = mode & 0xFFF;
        if (!caller.IsRoot && caller.GroupId != node.GroupId && !node.IsDirectory)
        {
            // Only a member of the file's group may set set-group-id on it (chmod(2)).
            bits &= ~0x400u;
        }

        node.Permissions = bits;
        node.ChangeTime = Now;
    }

    /// <summary>chown: root changes anything; an owner may only "change" to itself and to its own group; anyone may change nothing.</summary>
    public void Chown(GlusterCaller caller, GlusterNode node, int uid, int gid, string op, string? path)
    {
        if (!caller.IsRoot && (uid != -1 || gid != -1))
        {
            bool uidOk = uid == -1 || (uid == node.UserId && caller.UserId == node.UserId);
            bool gidOk = gid == -1 || gid == node.GroupId || (caller.UserId == node.UserId && gid == caller.GroupId);
            if (caller.UserId != node.UserId || !uidOk || !gidOk)
            {
                throw StorageErrors.Create(Errno.EPERM, op, path);
            }
        }

        if (uid != -1)
        {
            node.UserId = uid;
        }

        if (gid != -1)
        {
            node.GroupId = gid;
        }

        if ((uid != -1 || gid != -1) && !node.IsDirectory)
        {
            // A change of owner clears set-user-id, and set-group-id when group execute is set.
            node.Permissions &= (node.Permissions & 0x8) != 0 ? ~0xC00u : ~0x800u;
        }

        node.ChangeTime = Now;
    }

    /// <summary>utimens: the owner, root, or anyone with write permission (EACCES otherwise, even for explicit times; measured).</summary>
    public void SetTimes(GlusterCaller caller, GlusterNode node, DateTimeOffset? accessTime, DateTimeOffset? modificationTime, string op, string? path)
    {
        if (!caller.IsRoot && caller.UserId != node.UserId && !Permits(node, caller, 2))
        {
            throw StorageErrors.Create(Errno.EACCES, op, path);
        }

        DateTimeOffset now = Now;
        node.AccessTime = accessTime ?? now;
        node.ModificationTime = modificationTime ?? now;
        node.ChangeTime = now;
    }

    /// <summary>Throws the write error write-behind holds for <paramref name="node"/>, clearing it when <paramref name="clear"/>.</summary>
    public static void ThrowPending(GlusterNode node, string op, string? path, bool clear)
    {
        Errno pending = node.PendingWriteError;
        if (pending == 0)
        {
            return;
        }

        if (clear)
        {
            node.PendingWriteError = 0;
        }

        throw StorageErrors.Create(pending, op, path);
    }

    /// <summary>Sets the size of a regular file, dropping or zero-extending data.</summary>
    public void Resize(GlusterNode node, long length)
    {
        GlusterFileData data = node.Data!;
        long before = data.AllocatedPages;
        if (length < node.Size)
        {
            data.Truncate(length);
        }

        AllocatedPages += data.AllocatedPages - before;
        node.Size = length;
        node.Modified(Now);
    }

    public void Truncate(GlusterCaller caller, GlusterNode cwd, string path, long length)
    {
        const string op = "glfs_truncate";
        GlusterNode node = Require(Resolve(cwd, path, follow: true, caller), op, path);
        // posix-acl checks write permission before the brick looks at the type (measured).
        Demand(node, caller, 2, op, path);
        if (node.IsDirectory)
        {
            throw StorageErrors.Create(Errno.EISDIR, op, path);
        }

        if (node.Type != GlusterFileType.RegularFile)
        {
            throw StorageErrors.Create(Errno.EINVAL, op, path);
        }

        CheckFileSize(length, op, path);
        Resize(node, length);
    }

    /// <summary>The brick's file system (ext4 with 4 KiB blocks) holds files up to 16 TiB less a block.</summary>
    public const long MaxFileSize = (1L << 44) - GlusterFileData.PageSize;

    public static void CheckFileSize(long length, string op, string? path)
    {
        if (length > MaxFileSize)
        {
            throw StorageErrors.Create(Errno.EFBIG, op, path);
        }
    }

    /// <summary>statvfs: capacity from the emulator options; <c>f_flag</c> is <c>ST_RELATIME</c> as the brick reports.</summary>
    public GlusterStatVfs StatVfs()
    {
        const ulong relatime = 4096;
        ulong blocks = (ulong)CapacityPages;
        ulong free = (ulong)FreePages;
        ulong files = Math.Max(blocks / 4, 1024);
        ulong freeFiles = files - Math.Min((ulong)NodeCount, files);
        return new GlusterStatVfs(BlockSize, BlockSize, blocks, free, free, files, freeFiles, freeFiles, Device, relatime, MaxNameBytes);
    }
}
