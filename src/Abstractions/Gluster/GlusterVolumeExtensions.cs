namespace StorageKit.Gluster;

/// <summary>
/// Convenience calls of the python binding's <c>Volume</c>, written once over <see cref="IGlusterVolume"/> so the
/// native and emulated volumes behave alike: predicates that answer false instead of throwing, directory
/// listings, <c>makedirs</c>, <c>fopen</c>-style modes and whole-file reads and writes.
/// Tree helpers (walk, rmtree, copy*) are in <see cref="GlusterTree"/>.
/// </summary>
public static class GlusterVolumeExtensions
{
    /// <summary>True when <paramref name="path"/> can be stat'ed (false for a broken link or any error).</summary>
    public static bool Exists(this IGlusterVolume volume, string path) => TryStat(volume, path, follow: true) is not null;

    /// <summary>True when <paramref name="path"/> is a directory or a link to one; false on any error.</summary>
    public static bool IsDirectory(this IGlusterVolume volume, string path) => TryStat(volume, path, follow: true)?.IsDirectory == true;

    /// <summary>True when <paramref name="path"/> is a regular file or a link to one; false on any error.</summary>
    public static bool IsFile(this IGlusterVolume volume, string path) => TryStat(volume, path, follow: true)?.IsRegularFile == true;

    /// <summary>True when <paramref name="path"/> itself is a symbolic link; false on any error.</summary>
    public static bool IsSymlink(this IGlusterVolume volume, string path) => TryStat(volume, path, follow: false)?.IsSymbolicLink == true;

    /// <summary>The size of the file <paramref name="path"/> names (<c>getsize</c>).</summary>
    public static long GetSize(this IGlusterVolume volume, string path) => Checked(volume).Stat(path).Size;

    /// <summary>Last access time (<c>getatime</c>).</summary>
    public static DateTimeOffset GetAccessTime(this IGlusterVolume volume, string path) => Checked(volume).Stat(path).AccessTime;

    /// <summary>Last modification time (<c>getmtime</c>).</summary>
    public static DateTimeOffset GetModificationTime(this IGlusterVolume volume, string path) => Checked(volume).Stat(path).ModificationTime;

    /// <summary>Last status change time (<c>getctime</c>).</summary>
    public static DateTimeOffset GetChangeTime(this IGlusterVolume volume, string path) => Checked(volume).Stat(path).ChangeTime;

    /// <summary>True when both paths name the same file (same device and inode); throws when either cannot be stat'ed.</summary>
    public static bool SameFile(this IGlusterVolume volume, string path1, string path2)
    {
        GlusterStat first = Checked(volume).Stat(path1);
        GlusterStat second = volume.Stat(path2);
        return first.Inode == second.Inode && first.Device == second.Device;
    }

    /// <summary>Removes a file (<c>remove</c>, the same as <see cref="IGlusterVolume.Unlink"/>).</summary>
    public static void Remove(this IGlusterVolume volume, string path) => Checked(volume).Unlink(path);

    /// <summary>
    /// Creates <paramref name="path"/> and every missing parent (<c>makedirs</c>). An existing leaf is EEXIST unless
    /// <paramref name="existOk"/> and it is a directory.
    /// </summary>
    public static void CreateDirectories(this IGlusterVolume volume, string path, UnixFileMode mode = GlusterPath.DefaultMode, bool existOk = false)
    {
        Checked(volume);
        GlusterArguments.CheckPath(path, nameof(path));
        string trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        string parent = GlusterPath.GetDirectoryName(trimmed);
        string leaf = GlusterPath.GetFileName(trimmed);
        if (parent.Length > 0 && leaf.Length > 0 && parent != trimmed && !volume.Exists(parent))
        {
            try
            {
                CreateDirectories(volume, parent, mode, existOk: true);
            }
            catch (StorageAlreadyExistsException)
            {
                // Someone else made it meanwhile: fine, as in os.makedirs.
            }
        }

        if (leaf is "." or "..")
        {
            return;
        }

        try
        {
            volume.CreateDirectory(path, mode);
        }
        catch (StorageAlreadyExistsException) when (existOk && volume.IsDirectory(path))
        {
        }
    }

    /// <summary>The names in the directory <paramref name="path"/>, without <c>.</c> and <c>..</c> (<c>listdir</c>).</summary>
    public static IReadOnlyList<string> ListDirectory(this IGlusterVolume volume, string path)
    {
        using IGlusterDirectory directory = Checked(volume).OpenDirectory(path);
        return directory.Where(e => !IsDotEntry(e.Name)).Select(e => e.Name).ToList();
    }

    /// <summary>The names and <c>lstat</c>s in the directory <paramref name="path"/>, without <c>.</c> and <c>..</c> (<c>listdir_with_stat</c>).</summary>
    public static IReadOnlyList<(string Name, GlusterStat Stat)> ListDirectoryWithStat(this IGlusterVolume volume, string path)
    {
        using IGlusterDirectory directory = Checked(volume).OpenDirectory(path, withStat: true);
        return directory.Where(e => !IsDotEntry(e.Name)).Select(e => (e.Name, e.Stat())).ToList();
    }

    /// <summary>The entries of the directory <paramref name="path"/> with their <c>lstat</c>, lazily, without <c>.</c> and <c>..</c> (<c>scandir</c>).</summary>
    public static IEnumerable<GlusterDirectoryEntry> ScanDirectory(this IGlusterVolume volume, string path)
    {
        // Open eagerly so a missing directory throws at the call, not at the first MoveNext.
        IGlusterDirectory directory = Checked(volume).OpenDirectory(path, withStat: true);
        return Scan(directory);

        static IEnumerable<GlusterDirectoryEntry> Scan(IGlusterDirectory directory)
        {
            using (directory)
            {
                foreach (GlusterDirectoryEntry entry in directory)
                {
                    if (!IsDotEntry(entry.Name))
                    {
                        yield return entry;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Opens a file with a C <c>fopen</c> mode (<c>r</c>, <c>w</c>, <c>a</c>, <c>x</c>, each optionally with <c>+</c>;
    /// <c>b</c> and <c>t</c> are accepted and ignored), creating files with mode 0666 like <c>fopen</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The mode is not one of those.</exception>
    public static IGlusterFile OpenFile(this IGlusterVolume volume, string path, string mode = "r")
    {
        GlusterOpenFlags flags = ParseFopenMode(mode);
        return Checked(volume).Open(path, flags, (UnixFileMode)0x1B6);
    }

    /// <summary>The whole content of the file <paramref name="path"/>.</summary>
    public static byte[] ReadAllBytes(this IGlusterVolume volume, string path)
    {
        using IGlusterFile file = Checked(volume).Open(path, GlusterOpenFlags.ReadOnly);
        return file.ReadToEnd();
    }

    /// <summary>Creates or truncates the file <paramref name="path"/> and writes <paramref name="data"/> to it.</summary>
    public static void WriteAllBytes(this IGlusterVolume volume, string path, ReadOnlySpan<byte> data, UnixFileMode mode = GlusterPath.DefaultMode)
    {
        using IGlusterFile file = Checked(volume).Open(path, GlusterOpenFlags.WriteOnly | GlusterOpenFlags.Create | GlusterOpenFlags.Truncate, mode);
        file.WriteFully(data);
    }

    /// <summary>Reads from the position to the end (<c>read(-1)</c> of the python binding).</summary>
    public static byte[] ReadToEnd(this IGlusterFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var content = new MemoryStream();
        byte[] buffer = new byte[128 * 1024];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }

    /// <summary>Writes all of <paramref name="data"/> at the position, looping over short writes.</summary>
    public static void WriteFully(this IGlusterFile file, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(file);
        while (!data.IsEmpty)
        {
            int written = file.Write(data);
            if (written <= 0)
            {
                throw StorageErrors.Create(Errno.EIO, "glfs_write", file.Name, "the write made no progress");
            }

            data = data[written..];
        }
    }

    /// <summary>The size of the open file (<c>fgetsize</c>).</summary>
    public static long GetSize(this IGlusterFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Stat().Size;
    }

    /// <summary>The value of a path's attribute, however long (<c>getxattr</c> with size 0).</summary>
    public static byte[] GetXattr(this IGlusterVolume volume, string path, string name)
        => ReadXattr(buffer => Checked(volume).GetXattr(path, name, buffer));

    /// <summary>The value of an open file's attribute, however long (<c>fgetxattr</c> with size 0).</summary>
    public static byte[] GetXattr(this IGlusterFile file, string name)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ReadXattr(buffer => file.GetXattr(name, buffer));
    }

    /// <summary>The open flags a C <c>fopen</c> mode stands for.</summary>
    public static GlusterOpenFlags ParseFopenMode(string mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        string core = mode.Replace("b", string.Empty, StringComparison.Ordinal).Replace("t", string.Empty, StringComparison.Ordinal);
        return core switch
        {
            "r" => GlusterOpenFlags.ReadOnly,
            "r+" => GlusterOpenFlags.ReadWrite,
            "w" => GlusterOpenFlags.WriteOnly | GlusterOpenFlags.Create | GlusterOpenFlags.Truncate,
            "w+" => GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create | GlusterOpenFlags.Truncate,
            "a" => GlusterOpenFlags.WriteOnly | GlusterOpenFlags.Create | GlusterOpenFlags.Append,
            "a+" => GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create | GlusterOpenFlags.Append,
            "x" => GlusterOpenFlags.WriteOnly | GlusterOpenFlags.Create | GlusterOpenFlags.Exclusive,
            "x+" => GlusterOpenFlags.ReadWrite | GlusterOpenFlags.Create | GlusterOpenFlags.Exclusive,
            _ => throw new ArgumentException($"'{mode}' is not an fopen mode (r, w, a, x, optionally with + and b).", nameof(mode)),
        };
    }

    internal static bool IsDotEntry(string name) => name is "." or "..";

    internal static IGlusterVolume Checked(IGlusterVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return volume;
    }

    private static GlusterStat? TryStat(IGlusterVolume volume, string path, bool follow)
    {
        ArgumentNullException.ThrowIfNull(volume);
        GlusterArguments.CheckPath(path, nameof(path));
        try
        {
            return follow ? volume.Stat(path) : volume.LStat(path);
        }
        catch (StorageException)
        {
            // The python predicates answer False on every failure (missing, loop, permission, ...).
            return null;
        }
    }

    private static byte[] ReadXattr(GetXattrInto get)
    {
        // The value may grow between asking its size and reading it: retry on ERANGE like the python binding would fail.
        for (int attempt = 0; ; attempt++)
        {
            int length = get([]);
            byte[] buffer = new byte[length];
            try
            {
                int read = get(buffer);
                return read == length ? buffer : buffer[..read];
            }
            catch (StorageRangeException) when (attempt < 3)
            {
            }
        }
    }

    private delegate int GetXattrInto(Span<byte> buffer);
}
