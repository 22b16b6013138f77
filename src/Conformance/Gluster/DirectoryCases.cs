using StorageKit.Conformance.Framework;
using StorageKit.Gluster;

namespace StorageKit.Conformance.Gluster;

/// <summary>
/// Directories: mkdir/makedirs/rmdir with their errors, opendir, reading (with and without stat), telldir/seekdir,
/// the listing helpers and the entries' type questions, link counts and times. Entry order is the volume's own,
/// so listings are compared as sets.
/// </summary>
[ConformanceArea("gluster.directories")]
public static class DirectoryCases
{
    /// <summary>mkdir onto an existing directory or file is EEXIST, also for "/" itself.</summary>
    [ConformanceCase]
    public static void CreateDirectoryExistingIsAlreadyExists(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        string file = c.WriteFile(c.NewPath(), [1]);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.CreateDirectory(dir), "existing directory");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.CreateDirectory(file), "existing file");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.CreateDirectory("/"), "the root");
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.CreateDirectory(dir + "/."), "d/.");
    }

    /// <summary>mkdir with a missing parent is ENOENT; with a file as parent ENOTDIR.</summary>
    [ConformanceCase]
    public static void CreateDirectoryParentErrors(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.CreateDirectory(c.Path("nope/d")), "missing parent");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.CreateDirectory(GlusterPath.Join(file, "d")), "file as parent");
    }

    /// <summary>mkdir honours the mode without a umask (0750, 0000, 01777); GlusterFS drops setuid and setgid from it.</summary>
    [ConformanceCase]
    public static void CreateDirectoryHonoursMode(GlusterCaseContext c)
    {
        Check.Equal(0x41E8u, MakeWithMode(c, 0x1E8), "0750");
        Check.Equal(0x4000u, MakeWithMode(c, 0), "0000");
        Check.Equal(0x43FFu, MakeWithMode(c, 0x3FF), "01777");
        Check.Equal(0x41EDu, MakeWithMode(c, 0x5ED), "02755 loses setgid");
        Check.Equal(0x43FFu, MakeWithMode(c, 0xFFF), "07777 keeps only sticky");
    }

    /// <summary>a new directory is empty, has link count 2, belongs to root and its ".." is the parent.</summary>
    [ConformanceCase]
    public static void NewDirectoryIsEmpty(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        Check.Equal(0, c.Volume.ListDirectory(dir).Count, "entries");
        GlusterStat s = c.Volume.Stat(dir);
        Check.Equal(2UL, s.LinkCount, "nlink");
        Check.Equal((0, 0), (s.UserId, s.GroupId), "owner");
        Check.Equal(c.Volume.Stat(c.Root).Inode, c.Volume.Stat(dir + "/..").Inode, "..");
    }

    /// <summary>CreateDirectories makes every missing level, each with the mode.</summary>
    [ConformanceCase]
    public static void CreateDirectoriesMakesDeepPaths(GlusterCaseContext c)
    {
        string deep = c.Path("a/b/c/d/e");
        c.Volume.CreateDirectories(deep, (UnixFileMode)0x1E8);
        Check.True(c.Volume.IsDirectory(deep), "leaf exists");
        Check.Equal(0x41E8u, c.Volume.Stat(c.Path("a/b")).Mode, "mode of an intermediate level");
        Check.Equal(0x41E8u, c.Volume.Stat(deep).Mode, "mode of the leaf");
        c.Volume.CreateDirectories(c.Path("a/b/x/"));
        Check.True(c.Volume.IsDirectory(c.Path("a/b/x")), "trailing slash");
    }

    /// <summary>CreateDirectories of an existing leaf is EEXIST unless existOk; existOk does not excuse a file; a file on the way is ENOTDIR.</summary>
    [ConformanceCase]
    public static void CreateDirectoriesExistingLeaf(GlusterCaseContext c)
    {
        string dir = c.Path("a/b");
        c.Volume.CreateDirectories(dir);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.CreateDirectories(dir), "existing leaf");
        c.Volume.CreateDirectories(dir, existOk: true);
        string file = c.WriteFile(c.Path("a/f"), [1]);
        Check.Throws<StorageAlreadyExistsException>(Errno.EEXIST, () => c.Volume.CreateDirectories(file, existOk: true), "a file with existOk");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.CreateDirectories(GlusterPath.Join(file, "x/y")), "through a file");
    }

    /// <summary>rmdir removes an empty directory and lowers the parent's link count.</summary>
    [ConformanceCase]
    public static void RemoveDirectoryRemovesEmpty(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        Check.Equal(3UL, c.Volume.Stat(c.Root).LinkCount, "parent nlink with a subdirectory");
        c.Volume.RemoveDirectory(dir);
        Check.True(!c.Volume.Exists(dir), "removed");
        Check.Equal(2UL, c.Volume.Stat(c.Root).LinkCount, "parent nlink after rmdir");
    }

    /// <summary>rmdir of a non-empty directory is ENOTEMPTY (a dangling link counts), of a file ENOTDIR, of a missing path ENOENT.</summary>
    [ConformanceCase]
    public static void RemoveDirectoryErrors(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.Volume.Symlink("nope", GlusterPath.Join(dir, "l"));
        string file = c.WriteFile(c.NewPath(), [1]);
        Check.Throws<StorageNotEmptyException>(Errno.ENOTEMPTY, () => c.Volume.RemoveDirectory(dir), "non-empty");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.RemoveDirectory(file), "a file");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.RemoveDirectory(c.Path("nope")), "missing");
    }

    /// <summary>rmdir of a link to a directory is ENOTDIR; of "d/." ENOENT on GlusterFS; both leave the directory.</summary>
    [ConformanceCase]
    public static void RemoveDirectoryOfLinkOrDot(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        string link = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(dir), link);
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.RemoveDirectory(link), "rmdir of a link");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.RemoveDirectory(dir + "/."), "rmdir d/.");
        Check.True(c.Volume.IsDirectory(dir) && c.Volume.IsSymlink(link), "both stay");
    }

    /// <summary>opendir of a missing path is ENOENT, of a file or a link to a file ENOTDIR; a link to a directory opens it.</summary>
    [ConformanceCase]
    public static void OpenDirectoryErrors(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        string fileLink = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(file), fileLink);
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.OpenDirectory(c.Path("nope")).Dispose(), "missing");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.OpenDirectory(file).Dispose(), "a file");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.OpenDirectory(fileLink).Dispose(), "a link to a file");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.OpenDirectory(GlusterPath.Join(file, "x")).Dispose(), "below a file");
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.WriteFile(GlusterPath.Join(dir, "inside"), [1]);
        string dirLink = c.NewPath("l");
        c.Volume.Symlink(GlusterPath.GetFileName(dir), dirLink);
        Check.Sequence(["inside"], c.Volume.ListDirectory(dirLink), "listing through a link");
    }

    /// <summary>reading a directory yields "." and ".." besides the entries, with the inodes of the directory and its parent.</summary>
    [ConformanceCase]
    public static void ReadingIncludesDotEntries(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.WriteFile(GlusterPath.Join(dir, "f"), [1]);
        using IGlusterDirectory d = c.Volume.OpenDirectory(dir);
        Check.Equal(dir, d.Path, "Path");
        Check.True(!d.WithStat && !d.IsClosed, "opened without stat, not closed");
        var entries = d.ToList();
        Check.Sequence([".", "..", "f"], entries.Select(e => e.Name).Order(StringComparer.Ordinal), "names");
        Check.Equal(c.Volume.Stat(dir).Inode, entries.Single(e => e.Name == ".").Inode, ". inode");
        Check.Equal(c.Volume.Stat(c.Root).Inode, entries.Single(e => e.Name == "..").Inode, ".. inode");
        Check.True(entries.All(e => e.Type == GlusterFileType.Directory || e.Name == "f"), ". and .. are directories");
        Check.Equal(GlusterPath.Join(dir, "f"), entries.Single(e => e.Name == "f").Path, "entry path");
    }

    /// <summary>an entry's inode equals stat's, and its type is the entry's own: file, directory, link (even to a directory), FIFO.</summary>
    [ConformanceCase]
    public static void EntryInodesAndTypes(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.WriteFile(GlusterPath.Join(dir, "file"), [1]);
        c.Volume.CreateDirectory(GlusterPath.Join(dir, "sub"));
        c.Volume.Symlink("sub", GlusterPath.Join(dir, "link"));
        c.Volume.MakeNode(GlusterPath.Join(dir, "fifo"), GlusterFileType.Fifo, (UnixFileMode)0x1A4);
        using IGlusterDirectory d = c.Volume.OpenDirectory(dir);
        var entries = d.Where(e => e.Name is not ("." or "..")).ToDictionary(e => e.Name);
        Check.Equal(GlusterFileType.RegularFile, entries["file"].Type, "file");
        Check.Equal(GlusterFileType.Directory, entries["sub"].Type, "sub");
        Check.Equal(GlusterFileType.SymbolicLink, entries["link"].Type, "link");
        Check.Equal(GlusterFileType.Fifo, entries["fifo"].Type, "fifo");
        foreach (GlusterDirectoryEntry e in entries.Values)
        {
            Check.Equal(c.Volume.LStat(e.Path).Inode, e.Inode, $"inode of {e.Name}");
            Check.True(e.LinkStat is null, $"{e.Name} has no stat without readdirplus");
        }
    }

    /// <summary>with stat (readdirplus) every entry carries its lstat: same inode, mode, size, links, owner and times as LStat.</summary>
    [ConformanceCase]
    public static void WithStatCarriesLStat(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.WriteFile(GlusterPath.Join(dir, "file"), [1, 2, 3]);
        c.Volume.CreateDirectory(GlusterPath.Join(dir, "sub"));
        c.Volume.Symlink("file", GlusterPath.Join(dir, "link"));
        c.Volume.Chown(GlusterPath.Join(dir, "file"), 7, 8);
        using IGlusterDirectory d = c.Volume.OpenDirectory(dir, withStat: true);
        Check.True(d.WithStat, "WithStat");
        int seen = 0;
        foreach (GlusterDirectoryEntry e in d)
        {
            if (e.Name is "." or "..")
            {
                continue;
            }

            GlusterStat? s = e.LinkStat;
            Check.True(s is not null, $"{e.Name} carries a stat");
            GlusterStat l = c.Volume.LStat(e.Path);
            Check.Equal((l.Inode, l.Mode, l.Size, l.LinkCount, l.UserId, l.GroupId), (s!.Inode, s.Mode, s.Size, s.LinkCount, s.UserId, s.GroupId), $"stat of {e.Name}");
            Check.Equal(l.ModificationTime, s.ModificationTime, $"mtime of {e.Name}");
            Check.Equal(s.FileType, e.Type, $"type of {e.Name}");
            seen++;
        }

        Check.Equal(3, seen, "entries besides . and ..");
        d.Seek(0);
        var dots = d.Where(e => e.Name is "." or "..").ToDictionary(e => e.Name);
        Check.Equal(c.Volume.Stat(dir).Inode, dots["."].LinkStat?.Inode, ". carries the directory's stat");
        Check.Equal(c.Volume.Stat(c.Root).Inode, dots[".."].LinkStat?.Inode, ".. carries the parent's stat");
    }

    /// <summary>Tell starts at 0; Seek back to a Tell position continues from there; Seek(0) restarts; at the end ReadNext is null.</summary>
    [ConformanceCase]
    public static void TellAndSeek(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        for (int i = 0; i < 6; i++)
        {
            c.WriteFile(GlusterPath.Join(dir, $"e{i}"), []);
        }

        using IGlusterDirectory d = c.Volume.OpenDirectory(dir);
        Check.Equal(0L, d.Tell(), "Tell at the start");
        var first = new List<string> { d.ReadNext()!.Name, d.ReadNext()!.Name, d.ReadNext()!.Name };
        long middle = d.Tell();
        List<string> rest = ReadRest(d);
        Check.Equal(8, first.Count + rest.Count, "6 entries plus . and ..");
        Check.True(d.ReadNext() is null, "still at the end");
        d.Seek(middle);
        Check.Sequence(rest, ReadRest(d), "entries after seeking back to the middle");
        d.Seek(0);
        Check.Sequence(first.Concat(rest), ReadRest(d), "entries after Seek(0)");
    }

    /// <summary>a directory of 600 entries lists every name exactly once (real volumes return them in several batches).</summary>
    [ConformanceCase]
    public static void LargeDirectoryListsEveryEntryOnce(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        string[] names = Enumerable.Range(0, 600).Select(i => $"entry-{i:D4}").ToArray();
        Parallel.ForEach(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, name => c.Volume.MakeNode(GlusterPath.Join(dir, name), GlusterFileType.RegularFile, (UnixFileMode)0x1A4));
        IReadOnlyList<string> listed = c.Volume.ListDirectory(dir);
        Check.Equal(600, listed.Count, "entries listed");
        Check.Sequence(names, listed.Order(StringComparer.Ordinal), "names");
        Parallel.ForEach(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, name => c.Volume.Unlink(GlusterPath.Join(dir, name)));
        Check.Equal(0, c.Volume.ListDirectory(dir).Count, "empty again");
    }

    /// <summary>enumerating twice: the second enumeration continues where the first stopped (nothing left), until Seek(0).</summary>
    [ConformanceCase]
    public static void EnumerationConsumesTheDirectory(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.WriteFile(GlusterPath.Join(dir, "f"), []);
        using IGlusterDirectory d = c.Volume.OpenDirectory(dir);
        Check.Equal(3, d.Count(), "first enumeration");
        Check.Equal(0, d.Count(), "second enumeration");
        d.Seek(0);
        Check.Equal(3, d.Count(), "after Seek(0)");
    }

    /// <summary>a closed directory: IsClosed, ReadNext/Tell/Seek/enumeration ObjectDisposedException; closing twice is fine.</summary>
    [ConformanceCase]
    public static void ClosedDirectoryThrowsObjectDisposed(GlusterCaseContext c)
    {
        IGlusterDirectory d = c.Volume.OpenDirectory(c.Root);
        d.Close();
        Check.True(d.IsClosed, "IsClosed");
        d.Close();
        d.Dispose();
        Check.ThrowsExactly<ObjectDisposedException>(() => d.ReadNext(), "ReadNext");
        Check.ThrowsExactly<ObjectDisposedException>(() => d.Tell(), "Tell");
        Check.ThrowsExactly<ObjectDisposedException>(() => d.Seek(0), "Seek");
        Check.ThrowsExactly<ObjectDisposedException>(() => d.GetEnumerator().MoveNext(), "enumerate");
    }

    /// <summary>at the end Tell is long.MaxValue (the last entry's cookie) and ReadNext keeps returning null.</summary>
    [ConformanceCase]
    public static void EndOfDirectory(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        using IGlusterDirectory d = c.Volume.OpenDirectory(dir);
        Check.Equal(2, ReadRest(d).Count, ". and ..");
        Check.Equal(long.MaxValue, d.Tell(), "Tell at the end");
        Check.True(d.ReadNext() is null && d.ReadNext() is null, "null again");
        d.Seek(long.MaxValue);
        Check.True(d.ReadNext() is null, "null after seeking to the end cookie");
    }

    /// <summary>after Unmount an open directory answers ENOTCONN, also once the volume is mounted again; Close still works.</summary>
    [ConformanceCase]
    public static void UnmountedDirectoryIsNotConnected(GlusterCaseContext c)
    {
        IGlusterVolume volume = c.NewVolume();
        IGlusterDirectory d = volume.OpenDirectory(c.Root);
        volume.Unmount();
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => d.ReadNext(), "ReadNext after unmount");
        volume.Mount();
        Check.Throws<StorageNotConnectedException>(Errno.ENOTCONN, () => d.ReadNext(), "ReadNext after remount");
        d.Close();
        Check.True(d.IsClosed, "closed");
    }

    /// <summary>a directory opened by a relative name after chdir lists the same entries; entry paths stay relative.</summary>
    [ConformanceCase]
    public static void RelativeDirectoryPaths(GlusterCaseContext c)
    {
        c.Volume.CreateDirectory(c.Path("d"));
        c.WriteFile(c.Path("d/f"), [1]);
        IGlusterVolume volume = c.NewVolume();
        volume.ChangeDirectory(c.Root);
        var entries = volume.ScanDirectory("d").ToList();
        Check.Sequence(["f"], entries.Select(e => e.Name), "names");
        Check.Equal("d/f", entries[0].Path, "relative entry path");
        Check.Equal(c.Volume.Stat(c.Path("d/f")).Inode, entries[0].Stat(followSymlinks: true).Inode, "stat through the relative path");
    }

    /// <summary>a directory removed while open reads as empty.</summary>
    [ConformanceCase]
    public static void RemovedOpenDirectoryReadsEmpty(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        using IGlusterDirectory d = c.Volume.OpenDirectory(dir);
        c.Volume.RemoveDirectory(dir);
        Check.True(d.ReadNext() is null, "no entries");
    }

    /// <summary>ListDirectory leaves out "." and ".."; ListDirectoryWithStat pairs names with lstats; ScanDirectory yields entries with stats.</summary>
    [ConformanceCase]
    public static void ListingHelpers(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.WriteFile(GlusterPath.Join(dir, "a"), [1]);
        c.WriteFile(GlusterPath.Join(dir, "b"), [1, 2]);
        c.Volume.CreateDirectory(GlusterPath.Join(dir, "c"));
        c.Volume.Symlink("a", GlusterPath.Join(dir, "l"));
        string[] names = ["a", "b", "c", "l"];
        Check.Sequence(names, c.Volume.ListDirectory(dir).Order(StringComparer.Ordinal), "ListDirectory");
        var withStat = c.Volume.ListDirectoryWithStat(dir).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        Check.Sequence(names, withStat.Select(p => p.Name), "ListDirectoryWithStat names");
        Check.Sequence([1L, 2L], withStat.Take(2).Select(p => p.Stat.Size), "sizes");
        Check.Equal(GlusterFileType.SymbolicLink, withStat[3].Stat.FileType, "the link's lstat");
        var scanned = c.Volume.ScanDirectory(dir).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        Check.Sequence(names, scanned.Select(e => e.Name), "ScanDirectory names");
        Check.True(scanned.All(e => e.LinkStat is not null), "ScanDirectory entries carry stats");
    }

    /// <summary>the listing helpers of a missing directory are ENOENT (ScanDirectory at the call), of a file ENOTDIR.</summary>
    [ConformanceCase]
    public static void ListingHelpersErrors(GlusterCaseContext c)
    {
        string file = c.WriteFile(c.NewPath(), [1]);
        string missing = c.Path("nope");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.ListDirectory(missing), "ListDirectory");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.ListDirectoryWithStat(missing), "ListDirectoryWithStat");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => c.Volume.ScanDirectory(missing), "ScanDirectory");
        Check.Throws<StorageException>(Errno.ENOTDIR, () => c.Volume.ListDirectory(file), "ListDirectory of a file");
    }

    /// <summary>entry predicates: IsDirectory/IsFile follow links only when asked, IsSymlink is the entry's own type, a dangling link is neither.</summary>
    [ConformanceCase]
    public static void EntryPredicatesFollowLinksOnRequest(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.WriteFile(GlusterPath.Join(dir, "file"), [1, 2]);
        c.Volume.CreateDirectory(GlusterPath.Join(dir, "sub"));
        c.Volume.Symlink("sub", GlusterPath.Join(dir, "tosub"));
        c.Volume.Symlink("file", GlusterPath.Join(dir, "tofile"));
        c.Volume.Symlink("nope", GlusterPath.Join(dir, "dangling"));
        var e = c.Volume.ScanDirectory(dir).ToDictionary(x => x.Name);
        Check.True(e["sub"].IsDirectory() && !e["sub"].IsFile() && !e["sub"].IsSymlink(), "sub");
        Check.True(e["file"].IsFile() && !e["file"].IsDirectory(), "file");
        Check.True(!e["tosub"].IsDirectory() && e["tosub"].IsDirectory(followSymlinks: true) && e["tosub"].IsSymlink(), "link to sub");
        Check.True(!e["tofile"].IsFile() && e["tofile"].IsFile(followSymlinks: true), "link to file");
        Check.True(e["dangling"].IsSymlink() && !e["dangling"].IsFile(true) && !e["dangling"].IsDirectory(true), "dangling link");
        Check.Equal(2L, e["tofile"].Stat(followSymlinks: true).Size, "Stat(follow) of the link to the file");
        Check.Equal(GlusterFileType.SymbolicLink, e["tofile"].Stat().FileType, "Stat() of the link");
        Check.Throws<StorageNotFoundException>(Errno.ENOENT, () => e["dangling"].Stat(followSymlinks: true), "Stat(follow) of the dangling link");
    }

    /// <summary>entries read without stat answer the predicates too (their d_type), and Stat() reads the lstat.</summary>
    [ConformanceCase]
    public static void EntryPredicatesWithoutStat(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.Volume.CreateDirectory(GlusterPath.Join(dir, "sub"));
        c.Volume.Symlink("sub", GlusterPath.Join(dir, "tosub"));
        using IGlusterDirectory d = c.Volume.OpenDirectory(dir);
        var e = d.ToDictionary(x => x.Name);
        Check.True(e["sub"].IsDirectory() && e["."].IsDirectory() && e[".."].IsDirectory(), "directories");
        Check.True(e["tosub"].IsSymlink() && e["tosub"].IsDirectory(followSymlinks: true), "the link");
        Check.Equal(c.Volume.LStat(GlusterPath.Join(dir, "sub")).Inode, e["sub"].Stat().Inode, "Stat() of an entry read without stat");
    }

    /// <summary>a directory's link count is 2 plus its subdirectories; files, links and FIFOs do not count.</summary>
    [ConformanceCase]
    public static void DirectoryLinkCountCountsSubdirectories(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        c.Volume.CreateDirectory(GlusterPath.Join(dir, "a"));
        c.Volume.CreateDirectory(GlusterPath.Join(dir, "b"));
        c.WriteFile(GlusterPath.Join(dir, "f"), [1]);
        c.Volume.Symlink("a", GlusterPath.Join(dir, "l"));
        c.Volume.MakeNode(GlusterPath.Join(dir, "p"), GlusterFileType.Fifo, (UnixFileMode)0x1A4);
        Check.Equal(4UL, c.Volume.Stat(dir).LinkCount, "nlink with two subdirectories");
        c.Volume.RemoveDirectory(GlusterPath.Join(dir, "b"));
        Check.Equal(3UL, c.Volume.Stat(dir).LinkCount, "nlink after removing one");
    }

    /// <summary>creating, renaming away and removing entries moves the directory's mtime and ctime.</summary>
    [ConformanceCase]
    public static void EntryChangesMoveDirectoryTimes(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        DateTimeOffset old = DateTimeOffset.FromUnixTimeSeconds(86_400);
        string file = GlusterPath.Join(dir, "f");

        AfterChange(c, dir, old, () => c.WriteFile(file, [1]), "create a file");
        AfterChange(c, dir, old, () => c.Volume.CreateDirectory(GlusterPath.Join(dir, "s")), "mkdir");
        AfterChange(c, dir, old, () => c.Volume.Rename(file, c.NewPath()), "rename away");
        AfterChange(c, dir, old, () => c.Volume.RemoveDirectory(GlusterPath.Join(dir, "s")), "rmdir");
    }

    /// <summary>writing into an existing file does not change its directory's mtime.</summary>
    [ConformanceCase]
    public static void WritingAFileLeavesDirectoryTime(GlusterCaseContext c)
    {
        string dir = c.NewPath("d");
        c.Volume.CreateDirectory(dir);
        string file = c.WriteFile(GlusterPath.Join(dir, "f"), [1]);
        DateTimeOffset old = DateTimeOffset.FromUnixTimeSeconds(86_400);
        c.Volume.SetTimes(dir, old, old);
        c.WriteFile(file, [1, 2, 3]);
        Check.Equal(old, c.Volume.Stat(dir).ModificationTime, "directory mtime");
    }

    private static uint MakeWithMode(GlusterCaseContext c, int mode)
    {
        string dir = c.NewPath("m");
        c.Volume.CreateDirectory(dir, (UnixFileMode)mode);
        return c.Volume.Stat(dir).Mode;
    }

    private static List<string> ReadRest(IGlusterDirectory directory)
    {
        var names = new List<string>();
        while (directory.ReadNext() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    private static void AfterChange(GlusterCaseContext c, string dir, DateTimeOffset old, Action change, string what)
    {
        c.Volume.SetTimes(dir, old, old);
        change();
        GlusterStat s = c.Volume.Stat(dir);
        Check.True(s.ModificationTime > old, $"{what}: mtime moved");
        Check.True(s.ChangeTime > old, $"{what}: ctime moved");
    }
}
