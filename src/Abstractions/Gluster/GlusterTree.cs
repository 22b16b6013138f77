namespace StorageKit.Gluster;

/// <summary>One directory visited by <see cref="GlusterTree.Walk"/>.</summary>
/// <param name="DirectoryPath">The directory's path (built from the walk's top).</param>
/// <param name="Directories">Names of its subdirectories (links to directories only when following links).</param>
/// <param name="Files">Names of everything else, including links to directories when not following links.</param>
public sealed record GlusterWalkEntry(string DirectoryPath, IReadOnlyList<string> Directories, IReadOnlyList<string> Files);

/// <summary>Which helper call failed during <see cref="GlusterTree.RemoveTree"/> (the python <c>func</c> argument).</summary>
public enum GlusterTreeOperation
{
    /// <summary>Listing a directory.</summary>
    ListDirectory,

    /// <summary>Removing a file or link.</summary>
    Unlink,

    /// <summary>Removing a directory.</summary>
    RemoveDirectory,

    /// <summary>Checking the top (it must not be a symbolic link).</summary>
    CheckTop,
}

/// <summary>
/// Tree helpers of the python binding (<c>walk</c>, <c>rmtree</c>, <c>copyfile</c>, <c>copymode</c>,
/// <c>copystat</c>, <c>copy</c>, <c>copy2</c>, <c>copytree</c>, <c>copyfileobj</c>), written once over
/// <see cref="IGlusterVolume"/> so both implementations share them.
/// </summary>
public static class GlusterTree
{
    /// <summary>Default buffer of <see cref="CopyFileObject"/>: 128 KiB, as in the python binding.</summary>
    public const int DefaultCopyBufferSize = 128 * 1024;

    /// <summary>
    /// Walks the tree under <paramref name="top"/> (<c>walk</c>): a directory's entry comes before its
    /// subdirectories' when <paramref name="topDown"/>, after them otherwise. When top-down, removing names from
    /// <see cref="GlusterWalkEntry.Directories"/> is not possible (the lists are read-only): filter the results
    /// instead. Errors listing a directory go to <paramref name="onError"/> (then that directory is skipped) or,
    /// without it, are thrown.
    /// </summary>
    public static IEnumerable<GlusterWalkEntry> Walk(this IGlusterVolume volume, string top, bool topDown = true, Action<StorageException>? onError = null, bool followLinks = false)
    {
        GlusterVolumeExtensions.Checked(volume);
        GlusterArguments.CheckPath(top, nameof(top));
        return WalkFrom(volume, top, topDown, onError, followLinks);
    }

    /// <summary>
    /// Removes <paramref name="path"/> and everything under it (<c>rmtree</c>). The top must not be a symbolic link.
    /// Errors are ignored with <paramref name="ignoreErrors"/>, passed to <paramref name="onError"/> (operation,
    /// path, exception) when given, and thrown otherwise.
    /// </summary>
    public static void RemoveTree(this IGlusterVolume volume, string path, bool ignoreErrors = false, Action<GlusterTreeOperation, string, Exception>? onError = null)
    {
        GlusterVolumeExtensions.Checked(volume);
        GlusterArguments.CheckPath(path, nameof(path));
        Action<GlusterTreeOperation, string, Exception> report = ignoreErrors
            ? static (_, _, _) => { }
            : onError ?? (static (_, _, error) => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw());
        if (volume.IsSymlink(path))
        {
            report(GlusterTreeOperation.CheckTop, path, new IOException($"Cannot call RemoveTree on a symbolic link: '{path}'"));
            return;
        }

        RemoveUnder(volume, path, report);
    }

    /// <summary>
    /// Copies the content (no metadata) of <paramref name="source"/> to the file <paramref name="destination"/>,
    /// replacing it (<c>copyfile</c>).
    /// </summary>
    /// <exception cref="GlusterCopyException">Both name the same file.</exception>
    public static void CopyFile(this IGlusterVolume volume, string source, string destination)
    {
        GlusterVolumeExtensions.Checked(volume);
        GlusterArguments.CheckPath(source, nameof(source));
        GlusterArguments.CheckPath(destination, nameof(destination));
        if (IsSameFile(volume, source, destination))
        {
            throw new GlusterCopyException($"'{source}' and '{destination}' are the same file", []);
        }

        using IGlusterFile input = volume.Open(source, GlusterOpenFlags.ReadOnly);
        using IGlusterFile output = volume.Open(destination, GlusterOpenFlags.WriteOnly | GlusterOpenFlags.Create | GlusterOpenFlags.Truncate, GlusterPath.DefaultMode);
        CopyFileObject(input, output);
    }

    /// <summary>Copies the permission bits of <paramref name="source"/> to <paramref name="destination"/> (<c>copymode</c>).</summary>
    public static void CopyMode(this IGlusterVolume volume, string source, string destination)
    {
        GlusterStat stat = GlusterVolumeExtensions.Checked(volume).Stat(source);
        volume.Chmod(destination, stat.Permissions);
    }

    /// <summary>Copies permission bits, access and modification times of <paramref name="source"/> to <paramref name="destination"/> (<c>copystat</c>).</summary>
    public static void CopyStat(this IGlusterVolume volume, string source, string destination)
    {
        GlusterStat stat = GlusterVolumeExtensions.Checked(volume).Stat(source);
        volume.SetTimes(destination, stat.AccessTime, stat.ModificationTime);
        volume.Chmod(destination, stat.Permissions);
    }

    /// <summary>Copies content and permission bits (<c>cp src dst</c>); a directory destination receives the source's name.</summary>
    public static void Copy(this IGlusterVolume volume, string source, string destination)
    {
        string target = IntoDirectory(volume, source, destination);
        CopyFile(volume, source, target);
        CopyMode(volume, source, target);
    }

    /// <summary>Copies content, permission bits and times (<c>cp -p src dst</c>); a directory destination receives the source's name.</summary>
    public static void Copy2(this IGlusterVolume volume, string source, string destination)
    {
        string target = IntoDirectory(volume, source, destination);
        CopyFile(volume, source, target);
        CopyStat(volume, source, target);
    }

    /// <summary>
    /// Copies the directory tree <paramref name="source"/> to <paramref name="destination"/>, which must not exist
    /// (<c>copytree</c>), with <see cref="Copy2"/> for files. With <paramref name="symlinks"/> links are copied as
    /// links, otherwise what they point to is. <paramref name="ignore"/> gets a directory and its names and returns
    /// the names to skip. Errors do not stop the copy; they are thrown together at the end.
    /// </summary>
    /// <exception cref="GlusterCopyException">Some entries could not be copied.</exception>
    public static void CopyTree(this IGlusterVolume volume, string source, string destination, bool symlinks = false, Func<string, IReadOnlyList<string>, IEnumerable<string>>? ignore = null)
    {
        GlusterVolumeExtensions.Checked(volume);
        GlusterArguments.CheckPath(source, nameof(source));
        GlusterArguments.CheckPath(destination, nameof(destination));
        var errors = new List<GlusterCopyError>();
        CopyTreeInto(volume, source, destination, symlinks, ignore, errors);
        if (errors.Count > 0)
        {
            throw new GlusterCopyException($"{errors.Count} error(s) copying '{source}' to '{destination}'", errors);
        }
    }

    /// <summary>
    /// Copies from <paramref name="source"/>'s position to its end into <paramref name="destination"/> at its
    /// position (<c>copyfileobj</c>), <paramref name="bufferSize"/> bytes at a time; returns the bytes copied.
    /// </summary>
    public static long CopyFileObject(IGlusterFile source, IGlusterFile destination, int bufferSize = DefaultCopyBufferSize)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize);
        byte[] buffer = new byte[bufferSize];
        long total = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            destination.WriteFully(buffer.AsSpan(0, read));
            total += read;
        }

        return total;
    }

    private static IEnumerable<GlusterWalkEntry> WalkFrom(IGlusterVolume volume, string top, bool topDown, Action<StorageException>? onError, bool followLinks)
    {
        var directories = new List<string>();
        var files = new List<string>();
        try
        {
            foreach (GlusterDirectoryEntry entry in volume.ScanDirectory(top))
            {
                (entry.IsDirectory(followLinks) ? directories : files).Add(entry.Name);
            }
        }
        catch (StorageException error) when (onError is not null)
        {
            onError(error);
            yield break;
        }

        var here = new GlusterWalkEntry(top, directories, files);
        if (topDown)
        {
            yield return here;
        }

        foreach (string name in directories)
        {
            foreach (GlusterWalkEntry below in WalkFrom(volume, GlusterPath.Join(top, name), topDown, onError, followLinks))
            {
                yield return below;
            }
        }

        if (!topDown)
        {
            yield return here;
        }
    }

    private static void RemoveUnder(IGlusterVolume volume, string path, Action<GlusterTreeOperation, string, Exception> report)
    {
        List<GlusterDirectoryEntry> entries;
        try
        {
            entries = volume.ScanDirectory(path).ToList();
        }
        catch (StorageException error)
        {
            report(GlusterTreeOperation.ListDirectory, path, error);
            entries = [];
        }

        foreach (GlusterDirectoryEntry entry in entries)
        {
            if (entry.IsDirectory())
            {
                RemoveUnder(volume, entry.Path, report);
                continue;
            }

            try
            {
                volume.Unlink(entry.Path);
            }
            catch (StorageException error)
            {
                report(GlusterTreeOperation.Unlink, entry.Path, error);
            }
        }

        try
        {
            volume.RemoveDirectory(path);
        }
        catch (StorageException error)
        {
            report(GlusterTreeOperation.RemoveDirectory, path, error);
        }
    }

    private static void CopyTreeInto(IGlusterVolume volume, string source, string destination, bool symlinks, Func<string, IReadOnlyList<string>, IEnumerable<string>>? ignore, List<GlusterCopyError> errors)
    {
        IReadOnlyList<string> names = volume.ListDirectory(source);
        var ignored = new HashSet<string>(ignore?.Invoke(source, names) ?? [], StringComparer.Ordinal);
        volume.CreateDirectories(destination);
        foreach (string name in names.Where(n => !ignored.Contains(n)))
        {
            string from = GlusterPath.Join(source, name);
            string to = GlusterPath.Join(destination, name);
            try
            {
                if (symlinks && volume.IsSymlink(from))
                {
                    volume.Symlink(volume.ReadLink(from), to);
                }
                else if (volume.IsDirectory(from))
                {
                    CopyTreeInto(volume, from, to, symlinks, ignore, errors);
                }
                else
                {
                    Copy2(volume, from, to);
                }
            }
            catch (GlusterCopyException nested) when (nested.Errors.Count > 0)
            {
                errors.AddRange(nested.Errors);
            }
            catch (Exception error) when (error is StorageException or GlusterCopyException)
            {
                errors.Add(new GlusterCopyError(from, to, error));
            }
        }

        try
        {
            CopyStat(volume, source, destination);
        }
        catch (StorageException error)
        {
            errors.Add(new GlusterCopyError(source, destination, error));
        }
    }

    private static bool IsSameFile(IGlusterVolume volume, string source, string destination)
    {
        try
        {
            return volume.SameFile(source, destination);
        }
        catch (StorageNotFoundException)
        {
            return false;
        }
    }

    private static string IntoDirectory(IGlusterVolume volume, string source, string destination)
    {
        GlusterVolumeExtensions.Checked(volume);
        GlusterArguments.CheckPath(source, nameof(source));
        GlusterArguments.CheckPath(destination, nameof(destination));
        return volume.IsDirectory(destination) ? GlusterPath.Join(destination, GlusterPath.GetFileName(source)) : destination;
    }
}
