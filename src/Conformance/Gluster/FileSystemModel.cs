using System.Globalization;
using StorageKit.Gluster;

namespace StorageKit.Conformance.Gluster;

/// <summary>What one step of the file-system model property did: "ok", "ok N" or "errno X".</summary>
internal readonly record struct FsOutcome(string Result)
{
    public static FsOutcome Ok { get; } = new("ok");

    public static FsOutcome Skipped { get; } = new("skipped");

    public static FsOutcome Count(long value) => new(string.Create(CultureInfo.InvariantCulture, $"ok {value}"));

    public static FsOutcome Error(Errno errno) => new($"errno {errno}");

    public override string ToString() => Result;
}

/// <summary>A node of the model: a regular file, a directory or a symbolic link, with its link count and attributes.</summary>
internal sealed class FsNode
{
    private static int _next;

    public FsNode(GlusterFileType type) => Type = type;

    /// <summary>Identity, to check that hard links share an inode on the target.</summary>
    public int Id { get; } = Interlocked.Increment(ref _next);

    public GlusterFileType Type { get; }

    public List<byte> Data { get; } = [];

    public string Target { get; init; } = "";

    public SortedDictionary<string, FsNode> Children { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, byte[]> Xattrs { get; } = new(StringComparer.Ordinal);

    /// <summary>Names of a file or link; a directory's count is 2 + its subdirectories (as GlusterFS reports it).</summary>
    public int Names { get; set; } = 1;

    public bool IsDirectory => Type == GlusterFileType.Directory;

    /// <summary>What the steps create: files 0644, directories 0755 (no umask applies), links 0777.</summary>
    public UnixFileMode Permissions => (UnixFileMode)(Type switch
    {
        GlusterFileType.RegularFile => 0x1A4,
        GlusterFileType.Directory => 0x1ED,
        _ => 0x1FF,
    });

    public bool IsSymlink => Type == GlusterFileType.SymbolicLink;

    public ulong LinkCount => IsDirectory ? 2UL + (ulong)Children.Values.Count(n => n.IsDirectory) : (ulong)Names;
}

/// <summary>
/// An independent in-memory model of a directory tree on a GlusterFS volume, with the errno rules libgfapi 10.3
/// was measured to follow (docs/native-probe-results.md, "GlusterFS", "Model"): intermediate components follow
/// symbolic links, and one that is a file, a dangling link or a loop is ENOTDIR; a missing one is ENOENT.
/// Paths are relative to the run's directory and symbolic link targets are single names relative to the link's
/// directory, so the model never leaves the run.
/// </summary>
internal sealed class FileSystemModel
{
    /// <summary>ESTALE (116), which the kit's <see cref="Errno"/> does not name.</summary>
    public const Errno Stale = (Errno)116;

    public FsNode Root { get; } = new(GlusterFileType.Directory);

    /// <summary>Exclusive create (<c>glfs_creat</c> with O_CREAT|O_EXCL) of an empty file with mode 0644.</summary>
    public FsOutcome Create(string path)
    {
        if (!TryParent(path, out FsNode? parent, out string name, out Errno error))
        {
            return FsOutcome.Error(error);
        }

        if (parent.Children.TryGetValue(name, out FsNode? existing))
        {
            // An existing name is EEXIST, except a link loop, which resolving reports first.
            return existing.IsSymlink && Follow(parent, existing, out _) == Errno.ELOOP ? FsOutcome.Error(Errno.ELOOP) : FsOutcome.Error(Errno.EEXIST);
        }

        parent.Children[name] = new FsNode(GlusterFileType.RegularFile);
        return FsOutcome.Ok;
    }

    /// <summary>Open write-only (no create) and write at an offset.</summary>
    public FsOutcome Write(string path, long offset, byte[] data)
    {
        if (!TryResolve(path, out FsNode? node, out Errno error))
        {
            return FsOutcome.Error(error);
        }

        if (node.IsDirectory)
        {
            return FsOutcome.Error(Errno.EISDIR);
        }

        while (node.Data.Count < offset + data.Length)
        {
            node.Data.Add(0);
        }

        for (int i = 0; i < data.Length; i++)
        {
            node.Data[(int)offset + i] = data[i];
        }

        return FsOutcome.Count(data.Length);
    }

    /// <summary><c>glfs_truncate</c>: follows links; a directory is EISDIR.</summary>
    public FsOutcome Truncate(string path, long length)
    {
        if (!TryResolve(path, out FsNode? node, out Errno error))
        {
            return FsOutcome.Error(error);
        }

        if (node.IsDirectory)
        {
            return FsOutcome.Error(Errno.EISDIR);
        }

        if (node.Data.Count > length)
        {
            node.Data.RemoveRange((int)length, node.Data.Count - (int)length);
        }

        while (node.Data.Count < length)
        {
            node.Data.Add(0);
        }

        return FsOutcome.Ok;
    }

    /// <summary><c>glfs_mkdir</c>: any existing name (even a dangling link or a loop) is EEXIST.</summary>
    public FsOutcome MakeDirectory(string path)
    {
        if (!TryParent(path, out FsNode? parent, out string name, out Errno error))
        {
            return FsOutcome.Error(error);
        }

        if (parent.Children.ContainsKey(name))
        {
            return FsOutcome.Error(Errno.EEXIST);
        }

        parent.Children[name] = new FsNode(GlusterFileType.Directory);
        return FsOutcome.Ok;
    }

    /// <summary><c>glfs_rmdir</c>: not following the last link; a non-directory is ENOTDIR, a non-empty one ENOTEMPTY.</summary>
    public FsOutcome RemoveDirectory(string path)
    {
        if (!TryLookup(path, out FsNode? parent, out string name, out FsNode? node, out Errno error))
        {
            return FsOutcome.Error(error);
        }

        if (!node.IsDirectory)
        {
            return FsOutcome.Error(Errno.ENOTDIR);
        }

        if (node.Children.Count > 0)
        {
            return FsOutcome.Error(Errno.ENOTEMPTY);
        }

        parent.Children.Remove(name);
        return FsOutcome.Ok;
    }

    /// <summary><c>glfs_unlink</c>: removes a file's or a link's name; a directory is EISDIR.</summary>
    public FsOutcome Unlink(string path)
    {
        if (!TryLookup(path, out FsNode? parent, out string name, out FsNode? node, out Errno error))
        {
            return FsOutcome.Error(error);
        }

        if (node.IsDirectory)
        {
            return FsOutcome.Error(Errno.EISDIR);
        }

        parent.Children.Remove(name);
        node.Names--;
        return FsOutcome.Ok;
    }

    /// <summary><c>glfs_symlink</c>: any existing name is EEXIST.</summary>
    public FsOutcome Symlink(string target, string path)
    {
        if (!TryParent(path, out FsNode? parent, out string name, out Errno error))
        {
            return FsOutcome.Error(error);
        }

        if (parent.Children.ContainsKey(name))
        {
            return FsOutcome.Error(Errno.EEXIST);
        }

        parent.Children[name] = new FsNode(GlusterFileType.SymbolicLink) { Target = target };
        return FsOutcome.Ok;
    }

    /// <summary>
    /// <c>glfs_link</c> (measured order): the source's errors; an existing destination is EEXIST; a directory
    /// source EISDIR; a destination whose parent does not resolve ESTALE. A link is linked itself.
    /// </summary>
    public FsOutcome Link(string source, string destination)
    {
        if (!TryLookup(source, out _, out _, out FsNode? node, out Errno error))
        {
            return FsOutcome.Error(error);
        }

        bool parentOk = TryParent(destination, out FsNode? parent, out string name, out _);
        if (parentOk && parent!.Children.ContainsKey(name))
        {
            return FsOutcome.Error(Errno.EEXIST);
        }

        if (node.IsDirectory)
        {
            return FsOutcome.Error(Errno.EISDIR);
        }

        if (!parentOk)
        {
            return FsOutcome.Error(Stale);
        }

        parent!.Children[name] = node;
        node.Names++;
        return FsOutcome.Ok;
    }

    /// <summary>
    /// Whether a rename can run on the target: libgfapi 10.3 crashes (SIGSEGV) renaming an existing source to a
    /// destination whose parent does not resolve, and renaming a file onto its own name succeeds but can leave
    /// its reported link count at 0 (measured); those steps are skipped on both sides.
    /// </summary>
    public bool CanRename(string source, string destination)
    {
        if (!TryLookup(source, out FsNode? sourceParent, out string sourceName, out _, out _))
        {
            return true;
        }

        return TryParent(destination, out FsNode? parent, out string name, out _)
            && !(ReferenceEquals(parent, sourceParent) && name == sourceName);
    }

    /// <summary>
    /// <c>glfs_rename</c> (measured): the source's errors; a directory onto a non-directory or the reverse is
    /// EISDIR; the same inode does nothing; a directory into itself is EINVAL; onto a non-empty directory ENOTEMPTY.
    /// </summary>
    public FsOutcome Rename(string source, string destination)
    {
        if (!TryLookup(source, out FsNode? sourceParent, out string sourceName, out FsNode? node, out Errno error))
        {
            return FsOutcome.Error(error);
        }

        if (!TryParent(destination, out FsNode? parent, out string name, out _))
        {
            throw new InvalidOperationException("rename steps with an unresolvable destination parent are skipped");
        }

        parent.Children.TryGetValue(name, out FsNode? existing);
        if (existing is not null && existing.IsDirectory != node.IsDirectory)
        {
            return FsOutcome.Error(Errno.EISDIR);
        }

        if (ReferenceEquals(existing, node))
        {
            return FsOutcome.Ok;
        }

        if (node.IsDirectory && (ReferenceEquals(parent, node) || Contains(node, parent)))
        {
            return FsOutcome.Error(Errno.EINVAL);
        }

        if (existing is { IsDirectory: true, Children.Count: > 0 })
        {
            return FsOutcome.Error(Errno.ENOTEMPTY);
        }

        if (existing is not null)
        {
            existing.Names--;
        }

        sourceParent.Children.Remove(sourceName);
        parent.Children[name] = node;
        return FsOutcome.Ok;
    }

    /// <summary><c>glfs_setxattr</c>: follows links; Create on an existing name is EEXIST, Replace on a missing one ENODATA.</summary>
    public FsOutcome SetXattr(string path, string name, byte[] value, GlusterXattrFlags flags)
    {
        if (!TryResolve(path, out FsNode? node, out Errno error))
        {
            return FsOutcome.Error(error);
        }

        bool exists = node.Xattrs.ContainsKey(name);
        if (flags.HasFlag(GlusterXattrFlags.Create) && exists)
        {
            return FsOutcome.Error(Errno.EEXIST);
        }

        if (flags.HasFlag(GlusterXattrFlags.Replace) && !exists)
        {
            return FsOutcome.Error(Errno.ENODATA);
        }

        node.Xattrs[name] = value;
        return FsOutcome.Ok;
    }

    /// <summary>Whether <paramref name="directory"/> lies somewhere under <paramref name="ancestor"/>.</summary>
    private static bool Contains(FsNode ancestor, FsNode directory)
        => ancestor.Children.Values.Any(child => child.IsDirectory && (ReferenceEquals(child, directory) || Contains(child, directory)));

    /// <summary>Follows the link <paramref name="link"/> found in <paramref name="directory"/>; 0 when it ends at a node.</summary>
    private static Errno Follow(FsNode directory, FsNode link, out FsNode? node)
    {
        var seen = new HashSet<FsNode>();
        node = link;
        while (node.IsSymlink)
        {
            if (!seen.Add(node))
            {
                node = null;
                return Errno.ELOOP;
            }

            // Targets are single names in the link's own directory.
            if (!directory.Children.TryGetValue(node.Target, out FsNode? next))
            {
                node = null;
                return Errno.ENOENT;
            }

            node = next;
        }

        return 0;
    }

    /// <summary>
    /// Resolves the directory holding the last component: every intermediate component must end at a directory
    /// (missing is ENOENT; a file, dangling link or loop is ENOTDIR).
    /// </summary>
    private bool TryParent(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FsNode? parent, out string name, out Errno error)
    {
        string[] parts = path.Split('/');
        name = parts[^1];
        parent = Root;
        error = 0;
        foreach (string part in parts[..^1])
        {
            if (!parent.Children.TryGetValue(part, out FsNode? next))
            {
                error = Errno.ENOENT;
                parent = null;
                return false;
            }

            if (next.IsSymlink && Follow(parent, next, out FsNode? target) == 0)
            {
                next = target!;
            }

            if (!next.IsDirectory)
            {
                error = Errno.ENOTDIR;
                parent = null;
                return false;
            }

            parent = next;
        }

        return true;
    }

    /// <summary>Looks the path up without following a final link (<c>lresolve</c>): missing is ENOENT.</summary>
    private bool TryLookup(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FsNode? parent, out string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FsNode? node, out Errno error)
    {
        node = null;
        if (!TryParent(path, out parent, out name, out error))
        {
            return false;
        }

        if (!parent.Children.TryGetValue(name, out node))
        {
            error = Errno.ENOENT;
            return false;
        }

        return true;
    }

    /// <summary>Looks the path up following a final link (<c>resolve</c>): dangling is ENOENT, a loop ELOOP.</summary>
    private bool TryResolve(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FsNode? node, out Errno error)
    {
        if (!TryLookup(path, out FsNode? parent, out _, out node, out error))
        {
            return false;
        }

        if (node.IsSymlink)
        {
            error = Follow(parent, node, out node);
            return error == 0;
        }

        return true;
    }
}
